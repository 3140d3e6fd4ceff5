package io.lotabots.report.coverage;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coverage in a structure a reader does not understand is never dropped silently (issue 14): it is a named problem
 * of the summary in lenient mode (TestBot turns UNSTABLE on it) and fails the reading in strict mode.
 */
class CoverageStructureTest {
    @TempDir
    Path folder;

    private final EngineLog log = new EngineLog("Errors while reading coverage reports:");

    @Test
    void shouldNameJacocoLinesInsideAnUnknownWrapper() throws IOException {
        Path report = write("jacoco.xml", """
                <report name="shop">
                  <package name="io/acme">
                    <sourcefile name="Cart.java">
                      <line nr="1" mi="0" ci="3" mb="0" cb="0"/>
                    </sourcefile>
                    <sourcefile name="Hidden.java">
                      <wrapper>
                        <line nr="1" mi="3" ci="0" mb="0" cb="0"/>
                        <line nr="2" mi="3" ci="0" mb="0" cb="0"/>
                      </wrapper>
                    </sourcefile>
                  </package>
                </report>
                """);

        assertProblem(report, "line 7", "<wrapper>", "<sourcefile>", "2 coverage elements");
    }

    @Test
    void shouldNameAJacocoPackageWhereJacocoNeverWritesOne() throws IOException {
        Path report = write("jacoco.xml", """
                <report name="shop">
                  <package name="io/acme">
                    <sourcefile name="Cart.java"><line nr="1" mi="0" ci="3" mb="0" cb="0"/></sourcefile>
                    <package name="io/acme/inner">
                      <sourcefile name="Inner.java"><line nr="1" mi="3" ci="0" mb="0" cb="0"/></sourcefile>
                    </package>
                  </package>
                </report>
                """);

        assertProblem(report, "line 4", "<package>", "<package>");
    }

    @Test
    void shouldNameCoberturaPackagesNestedDifferently() throws IOException {
        Path report = write("coverage.xml", """
                <coverage line-rate="0.5">
                  <packages>
                    <package name="a">
                      <classes>
                        <class name="a.A" filename="a/A.py"><lines><line number="1" hits="1"/></lines></class>
                      </classes>
                    </package>
                  </packages>
                  <modules>
                    <packages>
                      <package name="b">
                        <classes>
                          <class name="b.B" filename="b/B.py"><lines><line number="1" hits="0"/></lines></class>
                        </classes>
                      </package>
                    </packages>
                  </modules>
                </coverage>
                """);

        assertProblem(report, "line 9", "<modules>", "<coverage>");
    }

    @Test
    void shouldNameCoberturaLinesOutsideTheirLinesElement() throws IOException {
        Path report = write("coverage.xml", """
                <coverage>
                  <packages><package name="a"><classes>
                    <class name="a.A" filename="a/A.py">
                      <lines><line number="1" hits="1"/></lines>
                      <line number="2" hits="0"/>
                    </class>
                  </classes></package></packages>
                </coverage>
                """);

        assertProblem(report, "line 5", "<line>", "<class>");
    }

    @Test
    void shouldNameLcovRecordsOutsideOfAFileRecord() throws IOException {
        Path report = write("lcov.info", """
                SF:src/a.js
                DA:1,1
                end_of_record
                DA:2,0
                """);

        assertProblem(report, "line 4", "DA record outside of a SF record");
    }

    @Test
    void shouldNameLcovRecordsItDoesNotKnow() throws IOException {
        Path report = write("lcov.info", """
                SF:src/a.js
                DA:1,1
                XDA:2,0
                end_of_record
                """);

        assertProblem(report, "line 3", "XDA");
    }

    @Test
    void shouldIgnoreUnknownElementsWithoutCoverageAndRecordsThatHoldNone() throws IOException {
        Path jacoco = write("jacoco.xml", """
                <report name="shop"><sessioninfo id="a" start="1" dump="2"/><vendor><note>x</note></vendor>
                  <package name="p"><sourcefile name="A.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/>
                  </sourcefile></package></report>
                """);
        Path lcov = write("lcov.info", "TN:t\nVER:2\nSF:a.js\nFN:1,f\nFNDA:1,f\nFNF:1\nFNH:1\nDA:1,1\nend_of_record\n");

        assertThat(CoverageReader.strict().read(jacoco, log).getStructureProblems()).isEmpty();
        assertThat(CoverageReader.strict().read(lcov, log).getStructureProblems()).isEmpty();
    }

    private void assertProblem(final Path report, final String... parts) {
        CoverageSummary summary = CoverageReader.lenient().read(report, log);

        assertThat(summary.getStructureProblems()).singleElement().asString().contains(report.toString())
                .contains(parts);
        assertThat(log.getErrorLines()).anySatisfy(line -> assertThat(line).contains(parts));
        assertThat(summary.getLines().getCovered() + summary.getLines().getMissed()).isEqualTo(1);
        assertThatThrownBy(() -> CoverageReader.strict().read(report, log))
                .isInstanceOfSatisfying(LotaBotsException.class, e -> assertThat(e.getCode())
                        .isEqualTo(CoverageErrorCode.REPORT_STRUCTURE_UNKNOWN))
                .hasMessageContaining(report.toString()).hasMessageContaining(parts[0]);
    }

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
