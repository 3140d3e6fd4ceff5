package io.lotabots.report.coverage;

import nl.jqno.equalsverifier.EqualsVerifier;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CoverageSummaryTest {
    @Test
    void shouldComputePercentagesUnrounded() {
        assertThat(CoverageCounter.of(1, 2).getPercentage()).isEqualTo(100.0 / 3);
        assertThat(CoverageCounter.of(3, 1).getPercentage()).isEqualTo(75.0);
        assertThat(CoverageCounter.of(3, 1).getTotal()).isEqualTo(4);
        assertThat(CoverageCounter.of(2, 1)).hasToString("66.67% (2/3)");
    }

    @Test
    void shouldGiveZeroPercentWhenThereIsNothingToCover() {
        assertThat(CoverageCounter.empty().getPercentage()).isZero();
        assertThat(CoverageCounter.empty()).isEqualTo(CoverageCounter.of(0, 0));
    }

    @Test
    void shouldRefuseNegativeCounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> CoverageCounter.of(-1, 0))
                .withMessage("Coverage counts must not be negative: covered -1, missed 0");
        assertThatIllegalArgumentException().isThrownBy(() -> CoverageCounter.of(Long.MAX_VALUE, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> CoverageSummary.of("x", CoverageCounter.empty(),
                null, -1, 0));
    }

    @Test
    void shouldMergeBySummingCountersAndJoiningNames() {
        CoverageSummary jacoco = CoverageSummary.of("shop", CoverageCounter.of(9, 4), CoverageCounter.of(6, 4), 2, 3);
        CoverageSummary lcov = CoverageSummary.of("lcov.info", CoverageCounter.of(8, 3), null, 2, 0);

        CoverageSummary merged = jacoco.merge(lcov).merge(jacoco);

        assertThat(merged.getName()).isEqualTo("shop, lcov.info");
        assertThat(merged.getLines()).isEqualTo(CoverageCounter.of(26, 11));
        assertThat(merged.getBranches()).contains(CoverageCounter.of(12, 8));
        assertThat(merged.getFileCount()).isEqualTo(6);
        assertThat(merged.getClassCount()).isEqualTo(6);
        assertThat(lcov.merge(lcov).getBranches()).isEmpty();
        assertThat(lcov).hasToString("'lcov.info': lines 72.73% (8/11), branches none, 2 files, 0 classes");
    }

    @Test
    void shouldSurviveSerialization() throws IOException, ClassNotFoundException {
        CoverageSummary summary = CoverageSummary.of("shop", CoverageCounter.of(9, 4), CoverageCounter.of(6, 4), 2, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(summary);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(summary);
        }
    }

    @Test
    void shouldHaveValueSemantics() {
        EqualsVerifier.forClass(CoverageCounter.class).verify();
        EqualsVerifier.forClass(CoverageSummary.class).withNonnullFields("name", "lines").verify();
    }
}
