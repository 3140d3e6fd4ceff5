package io.lotabots.bot.security.advisories;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionSchemeTest {
    /** The example ordering of PEP 440, section "Summary of permitted suffixes and relative ordering". */
    private static final List<String> PEP_440_ORDER = List.of("1.0.dev456", "1.0a1", "1.0a2.dev456",
            "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345",
            "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34",
            "1.0.post456", "1.0.15", "1.1.dev1");

    @Test
    void shouldSortAsTheExampleOfPep440() {
        List<String> shuffled = new ArrayList<>(PEP_440_ORDER);
        Collections.reverse(shuffled);
        shuffled.sort(VersionScheme.PEP_440::compare);

        assertThat(shuffled).containsExactlyElementsOf(PEP_440_ORDER);
        for (int i = 0; i + 1 < PEP_440_ORDER.size(); i++) {
            assertThat(VersionScheme.PEP_440.compare(PEP_440_ORDER.get(i), PEP_440_ORDER.get(i + 1)))
                    .as("%s < %s", PEP_440_ORDER.get(i), PEP_440_ORDER.get(i + 1)).isNegative();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "1.0a1, 1.0.0a1",
            "1.0a1, 1.0alpha1",
            "1.0a1, 1.0-a.1",
            "1.0b2, 1.0beta2",
            "1.0rc1, 1.0c1",
            "1.0rc1, 1.0pre1",
            "1.0rc1, 1.0preview1",
            "1.0a0, 1.0a",
            "1.0.post1, 1.0-1",
            "1.0.post1, 1.0post1",
            "1.0.post1, 1.0.rev1",
            "1.0.post0, 1.0.r",
            "1.0.dev0, 1.0dev",
            "1.0.dev3, 1.0-dev3",
            "1.0, v1.0",
            "1.0, 1.0.0.0",
            "1.0, 1",
            "1!2.0, 1!2.0.0",
            "1.0+ubuntu.1, 1.0+ubuntu-1",
            "1.0+ubuntu.1, 1.0+UBUNTU_1",
            "1.01, 1.1",
            "0!1.0, 1.0"
    })
    void shouldNormaliseAsPep440Says(final String left, final String right) {
        assertThat(VersionScheme.PEP_440.compare(left, right)).isZero();
        assertThat(Pep440Version.parse(left)).isEqualTo(Pep440Version.parse(right))
                .hasSameHashCodeAs(Pep440Version.parse(right));
    }

    @ParameterizedTest
    @CsvSource({
            "1.0-ALPHA.1, 1.0a1",
            "1.0.post1, 1.0.post1",
            "1!2.0rc1.post2.dev3, 1!2.0rc1.post2.dev3",
            "v1.0-1, 1.0.post1",
            "1.0dev, 1.0.dev0",
            "2.0.0, 2.0.0"
    })
    void shouldPrintTheNormalForm(final String version, final String normal) {
        assertThat(Pep440Version.parse(version)).hasToString(normal);
    }

    @Test
    void shouldSortEpochsFirst() {
        assertThat(VersionScheme.PEP_440.compare("1!1.0", "2024.1")).isPositive();
        assertThat(VersionScheme.PEP_440.compare("1.0.post1", "1.0")).isPositive();
        assertThat(VersionScheme.PEP_440.compare("1.0.dev3", "1.0a1")).isNegative();
        assertThat(Pep440Version.parse("1.0rc1").isPreRelease()).isTrue();
        assertThat(Pep440Version.parse("1.0.post1").isPreRelease()).isFalse();
    }

    @Test
    void shouldRefuseTextsThatAreNoPep440Versions() {
        assertThat(VersionScheme.PEP_440.isValid("1.0-foo")).isFalse();
        assertThat(VersionScheme.PEP_440.isValid("")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Pep440Version.parse("latest"))
                .withMessageContaining("'latest'");
    }

    @Test
    void shouldSortMavenVersionsAsMavenDoes() {
        VersionScheme<?> maven = Ecosystem.MAVEN.scheme();

        assertThat(maven.compare("2.0-beta9", "2.0")).isNegative();
        assertThat(maven.compare("2.0-rc1", "2.0")).isNegative();
        assertThat(maven.compare("2.0", "2.0.0")).isZero();
        assertThat(maven.compare("2.0-SNAPSHOT", "2.0")).isNegative();
        assertThat(maven.compare("2.14.1", "2.15.0")).isNegative();
        assertThat(maven.compare("2.9", "2.10")).isNegative();
        assertThat(maven.compare("1.0.Final", "1.0")).isZero();
        assertThat(maven.isValid(" ")).isFalse();
    }

    @Test
    void shouldSortNpmVersionsAsSemVerAndAcceptALeadingV() {
        VersionScheme<?> npm = Ecosystem.NPM.scheme();

        assertThat(npm.compare("v1.2.3", "1.2.3")).isZero();
        assertThat(npm.compare("=1.2.3", "1.2.3")).isZero();
        assertThat(npm.compare("1.0.0-alpha", "1.0.0-alpha.1")).isNegative();
        assertThat(npm.compare("1.0.0-rc.1", "1.0.0")).isNegative();
        assertThat(npm.compare("1.0.0+build.5", "1.0.0")).isZero();
        assertThat(npm.compare("4.17.20", "4.17.21")).isNegative();
        assertThat(npm.isValid("1.2")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> npm.parse("next")).withMessageContaining("'next'");
    }

    @Test
    void shouldNormalisePackageNamesPerEcosystem() {
        assertThat(Ecosystem.PYPI.normalizeName("Friendly-Bard")).isEqualTo("friendly-bard");
        assertThat(Ecosystem.PYPI.normalizeName("friendly.__bard")).isEqualTo("friendly-bard");
        assertThat(Ecosystem.PYPI.normalizeName("FRIENDLY_BARD")).isEqualTo("friendly-bard");
        assertThat(Ecosystem.NPM.normalizeName("@babel/core")).isEqualTo("@babel/core");
        assertThat(Ecosystem.MAVEN.normalizeName(" org.apache.logging.log4j:log4j-core "))
                .isEqualTo("org.apache.logging.log4j:log4j-core");
    }

    @Test
    void shouldFindEcosystemsByTheirOsvNames() {
        assertThat(Ecosystem.fromOsvName("Maven")).contains(Ecosystem.MAVEN);
        assertThat(Ecosystem.fromOsvName("npm")).contains(Ecosystem.NPM);
        assertThat(Ecosystem.fromOsvName("PyPI")).contains(Ecosystem.PYPI);
        assertThat(Ecosystem.fromOsvName("Debian:11")).isEmpty();
        assertThat(Ecosystem.fromOsvName("pypi")).isEmpty();
        assertThat(Ecosystem.PYPI.osvName()).isEqualTo("PyPI");
    }

    @Test
    void shouldRateSeverities() {
        assertThat(Severity.ofCvssV3(10.0)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.ofCvssV3(9.0)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.ofCvssV3(8.9)).isEqualTo(Severity.HIGH);
        assertThat(Severity.ofCvssV3(4.0)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.ofCvssV3(3.9)).isEqualTo(Severity.LOW);
        assertThat(Severity.ofCvssV3(0.0)).isEqualTo(Severity.NONE);
        assertThat(Severity.ofCvssV2(10.0)).isEqualTo(Severity.HIGH);
        assertThat(Severity.ofText("MODERATE")).contains(Severity.MEDIUM);
        assertThat(Severity.ofText("unknown")).isEmpty();
    }
}
