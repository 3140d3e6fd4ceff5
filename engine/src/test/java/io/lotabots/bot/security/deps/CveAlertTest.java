package io.lotabots.bot.security.deps;

import io.lotabots.bot.security.advisories.AdvisoryErrorCode;
import io.lotabots.bot.security.advisories.OsvAdvisory;
import io.lotabots.bot.security.advisories.OsvDatabase;
import io.lotabots.bot.security.deps.CveAlert.Verdict;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.SecurityCveAlert;
import io.lotabots.util.LogSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CveAlertTest {
    private static final OsvDatabase DATABASE = Fixtures.database();
    private static final String LOG4J = "org.apache.logging.log4j:log4j-core";

    @TempDir
    private Path workspace;

    private Inventory mavenProject() {
        Fixtures.copy("maven/pom.xml", workspace, "pom.xml");
        Fixtures.copy("maven/dependency-list.txt", workspace, "target/deps.txt");
        Fixtures.copy("sbom/bom-maven-1.5.json", workspace, "service/bom.json");
        return DependencyInventory.builder(workspace).build()
                .read(List.of("pom.xml", "target/deps.txt", "service/bom.json"));
    }

    @Test
    void findsAnAdvisoryByItsCveAliasIgnoringCase() {
        List<OsvAdvisory> advisories = CveAlert.lookUp(" cve-2021-44228 ", DATABASE);

        assertThat(advisories).extracting(OsvAdvisory::id).containsExactly("GHSA-jfh8-c2jp-5v3q");
        assertThat(CveAlert.lookUp("GHSA-jfh8-c2jp-5v3q", DATABASE)).isEqualTo(advisories);
    }

    @Test
    void namesTheIdAndTheDatabaseSizeWhenNoAdvisoryIsKnown() {
        assertThatThrownBy(() -> CveAlert.lookUp("CVE-2099-9999", DATABASE))
                .isInstanceOfSatisfying(LotaBotsException.class, exception ->
                        assertThat(exception.getCode()).isEqualTo(DependencyErrorCode.ADVISORY_NOT_FOUND))
                .hasMessageContaining("'CVE-2099-9999'").hasMessageContaining("(11 advisories)")
                .hasMessageContaining("OSV JSON file");
    }

    @Test
    void answersAffectedWithEveryPlaceThatUsesAnAffectedVersion() {
        Inventory inventory = mavenProject();

        CveAlert alert = CveAlert.check("CVE-2021-44228", CveAlert.lookUp("CVE-2021-44228", DATABASE),
                inventory.components(), LogSink.NONE);

        assertThat(alert.verdict()).isEqualTo(Verdict.AFFECTED);
        assertThat(alert.affectedUses()).extracting(use -> use.component().location(), CveAlert.Use::fixedVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pom.xml:41", "2.15.0"),
                        org.assertj.core.groups.Tuple.tuple("service/bom.json", "2.15.0"));
        assertThat(alert.summary()).isEqualTo("CVE-2021-44228: affected, org.apache.logging.log4j:log4j-core 2.14.1 "
                + "at pom.xml:41, service/bom.json (fixed in 2.15.0); 2 affected places");
        SecurityCveAlert payload = alert.toPayload();
        assertThat(payload).isEqualTo(new SecurityCveAlert("CVE-2021-44228", true, LOG4J, "2.14.1", "critical",
                List.of("pom.xml:41", "service/bom.json")));
    }

    @Test
    void answersUnaffectedVersionWhenThePackageIsUsedOutsideTheRanges() {
        Fixtures.copy("sbom/bom-1.4.xml", workspace, "bom.xml");
        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("bom.xml"));

        CveAlert alert = CveAlert.check("GHSA-jfh8-c2jp-5v3q", CveAlert.lookUp("GHSA-jfh8-c2jp-5v3q", DATABASE),
                inventory.components(), LogSink.NONE);

        assertThat(alert.verdict()).isEqualTo(Verdict.UNAFFECTED_VERSION);
        assertThat(alert.uses()).singleElement().satisfies(use -> assertThat(use.affected()).isFalse());
        assertThat(alert.toPayload()).isEqualTo(new SecurityCveAlert("GHSA-jfh8-c2jp-5v3q", false, LOG4J, "2.16.0",
                "critical", List.of("bom.xml")));
        assertThat(alert.summary()).contains("not affected").contains("2.16.0 (bom.xml)");
    }

    @Test
    void answersNotUsedAndStillNamesThePackage() {
        Fixtures.copy("python/poetry-1.8/poetry.lock", workspace, "poetry.lock");
        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("poetry.lock"));

        CveAlert alert = CveAlert.check("CVE-2021-44228", CveAlert.lookUp("CVE-2021-44228", DATABASE),
                inventory.components(), LogSink.NONE);

        assertThat(alert.verdict()).isEqualTo(Verdict.NOT_USED);
        assertThat(alert.toPayload()).isEqualTo(new SecurityCveAlert("CVE-2021-44228", false, LOG4J, null,
                "critical", List.of()));
        assertThat(alert.summary()).isEqualTo("CVE-2021-44228: not affected, '" + LOG4J + "' is not used");
    }

    @Test
    void checksANewAdvisoryFromAnOsvFileThatIsNotInTheDatabase() throws IOException {
        Path file = workspace.resolve("GHSA-new.json");
        Files.writeString(file, """
                {
                  "id": "GHSA-2099-new0-0001",
                  "aliases": ["CVE-2099-0100"],
                  "summary": "New flaw in requests",
                  "affected": [{
                    "package": {"ecosystem": "PyPI", "name": "Requests"},
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.30.0"}, {"last_affected": "2.31.0"}]}]
                  }],
                  "database_specific": {"severity": "LOW"}
                }
                """);
        Fixtures.copy("python/poetry-1.8/poetry.lock", workspace, "poetry.lock");
        Inventory inventory = DependencyInventory.builder(workspace).build().read(List.of("poetry.lock"));

        List<OsvAdvisory> advisories = CveAlert.readAdvisory(file);
        CveAlert alert = CveAlert.check(advisories.get(0).id(), advisories, inventory.components(), LogSink.NONE);

        assertThat(alert.verdict()).isEqualTo(Verdict.AFFECTED);
        assertThat(alert.toPayload()).isEqualTo(new SecurityCveAlert("GHSA-2099-new0-0001", true, "requests",
                "2.31.0", "low", List.of("poetry.lock:14")));
        assertThat(alert.affectedUses()).singleElement().extracting(CveAlert.Use::fixedVersion).isNull();
    }

    @Test
    void reportsAMalformedAdvisoryFileWithLineAndColumn() throws IOException {
        Path file = workspace.resolve("broken.json");
        Files.writeString(file, "{\n  \"id\": \"GHSA-x\",\n  \"affected\": [\n}\n");

        assertThatThrownBy(() -> CveAlert.readAdvisory(file))
                .isInstanceOfSatisfying(LotaBotsException.class, exception ->
                        assertThat(exception.getCode()).isEqualTo(AdvisoryErrorCode.ADVISORY_MALFORMED))
                .hasMessageContaining("broken.json").hasMessageContaining("at line 4, column 1");
    }

    @Test
    void reportsAnAdvisoryFileThatIsNoOsvRecordWithTheJsonPath() throws IOException {
        Path file = workspace.resolve("no-osv.json");
        Files.writeString(file, "{\"id\": \"X-1\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\"}}]}");

        assertThatThrownBy(() -> CveAlert.readAdvisory(file))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("no-osv.json").hasMessageContaining("affected[0].package.name");
    }
}
