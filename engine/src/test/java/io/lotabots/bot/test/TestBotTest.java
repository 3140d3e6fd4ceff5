package io.lotabots.bot.test;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.ProcessingMode;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestCounts;
import io.lotabots.report.coverage.JacocoReportGenerator;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestBotTest {
    private static final String JACOCO_ALL_COVERED = "<report name=\"fixture\"><package name=\"io/acme\">"
            + "<sourcefile name=\"A.java\"><line nr=\"1\" mi=\"0\" ci=\"3\" mb=\"0\" cb=\"0\"/>"
            + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></sourcefile>"
            + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></package>"
            + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>";

    @TempDir
    private Path workspace;

    private final MessageBus bus = MessageBus.builder().correlationId("job/app/main#7").build();

    @Test
    void shouldCountEveryKindOfTestAndPublishTestCompleted() throws IOException {
        sampleProject();

        TestResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getTotals()).isEqualTo(new TestCounts(7, 6, 0, 1));
        assertThat(result.getByKind()).containsEntry("unit", new TestCounts(4, 3, 0, 1))
                .containsEntry("integration", new TestCounts(2, 2, 0, 0))
                .containsEntry("e2e", new TestCounts(1, 1, 0, 0));
        TestCompleted payload = bus.getPublished().get(0).payloadAs(TestCompleted.class);
        assertThat(payload.totalTests()).isEqualTo(7);
        assertThat(payload.passedTests()).isEqualTo(6);
        assertThat(payload.status()).isEqualTo("pass");
        assertThat(payload.byKind()).containsKeys("unit", "integration", "e2e");
        assertThat(result.getSummary()).isEqualTo("7 tests, 6 passed, 0 failed, 1 skipped; SUCCESS");
        assertThat(result.getOutputs()).containsEntry("total", 7).containsEntry("passed", 6);
    }

    @Test
    void shouldFailOnFailedTestsByDefaultAndNameTheGateAndTheTest() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.BrokenTest.xml", suite("io.acme.BrokenTest", 2, 1, 0, 0,
                "<testcase classname=\"io.acme.BrokenTest\" name=\"adds\" time=\"0.1\"><failure"
                        + " message=\"expected 4 but was 5\" type=\"AssertionError\">at Broken</failure></testcase>"
                        + "<testcase classname=\"io.acme.BrokenTest\" name=\"subtracts\" time=\"0.1\"/>"));

        TestResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(result.getDecidingGate()).hasValue("maxFailures");
        assertThat(result.getLog().getErrorLines()).anyMatch(line -> line.contains("Gate maxFailures failed"))
                .anyMatch(line -> line.contains("io.acme.BrokenTest.adds: expected 4 but was 5"));
        assertThat(bus.getPublished().get(0).payloadAs(TestCompleted.class).status()).isEqualTo("fail");
        assertThat((List<?>) result.getOutputs().get("failures")).singleElement().isEqualTo(Map.of(
                "test", "io.acme.BrokenTest.adds", "status", "FAILED", "message", "expected 4 but was 5",
                "file", "target/surefire-reports/TEST-io.acme.BrokenTest.xml"));
    }

    @Test
    void shouldOnlyMarkUnstableWhenFailuresHaveThatCriticality() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.BrokenTest.xml", suite("io.acme.BrokenTest", 1, 1, 0, 0,
                "<testcase classname=\"io.acme.BrokenTest\" name=\"adds\"><failure message=\"no\"/></testcase>"));

        assertThat(run(Map.of("failureCriticality", "UNSTABLE")).getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(run(Map.of("maxFailures", 1)).getStatus()).isEqualTo(BotStatus.SUCCESS);
    }

    @Test
    void shouldApplyTheCoverageGatesWithTheirCriticality() throws IOException {
        sampleProject();
        jacoco(10);

        TestResult passing = run(Map.of("coverage", "target/site/jacoco/jacoco.xml", "minCoverage", 50.0));
        TestResult failing = run(Map.of("coverage", "target/site/jacoco/jacoco.xml", "minCoverage", 99.9));
        TestResult failure = run(Map.of("coverage", "target/site/jacoco/jacoco.xml", "minCoverage", 99.9,
                "coverageCriticality", "FAILURE"));

        assertThat(passing.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(passing.getCoverage()).hasValueSatisfying(coverage -> assertThat(coverage).isBetween(50.0,
                99.9));
        assertThat(failing.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(failing.getDecidingGate()).hasValue("minCoverage");
        assertThat(failure.getStatus()).isEqualTo(BotStatus.FAILURE);
    }

    @Test
    void shouldFailACoverageGateWhenNoCoverageWasReported() throws IOException {
        sampleProject();

        TestResult result = run(Map.of("minCoverage", 80.0));

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getGates()).anyMatch(gate -> gate.gate().equals("minCoverage") && !gate.passed()
                && gate.detail().contains("no line coverage"));
    }

    @Test
    void shouldFailWhenNoResultsAreFoundUnlessEmptyIsAllowed() {
        TestResult empty = run(Map.of());
        TestResult allowed = run(Map.of("allowEmpty", true));

        assertThat(empty.getStatus()).isEqualTo(BotStatus.FAILURE);
        assertThat(empty.getDecidingGate()).hasValue("allowEmpty");
        assertThat(allowed.getStatus()).isEqualTo(BotStatus.SUCCESS);
    }

    @Test
    void shouldSkipAnUnreadableReportNameItAndStillCountTheOthers() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.Cut.xml", "<testsuite name=\"io.acme.Cut\" tests=\"3\"><test");

        TestResult result = run(Map.of());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getDecidingGate()).hasValue("unreadableReports");
        assertThat(result.getUnreadableReports()).singleElement().asString()
                .contains("TEST-io.acme.Cut.xml");
        assertThat(result.getTotals().total()).isEqualTo(7);
    }

    @Test
    void shouldFailOnAnUnreadableReportInStrictMode() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.Cut.xml", "<testsuite name=\"io.acme.Cut\" tests=\"3\"><test");

        assertThatThrownBy(() -> new TestBot().run(Map.of(), context(ProcessingMode.STRICT)))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("TEST-io.acme.Cut.xml");
    }

    @Test
    void shouldNotPassSilentlyOnTestsInAStructureTheReaderDoesNotKnow() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.Hidden.xml", "<testsuites><testsuites><wrapper>"
                + "<testcase classname=\"io.acme.Hidden\" name=\"fails\"><failure message=\"boom\"/></testcase>"
                + "</wrapper></testsuites></testsuites>");

        TestResult lenient = run(Map.of());

        assertThat(lenient.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(lenient.getDecidingGate()).hasValue("unreadableReports");
        assertThat(lenient.getUnreadableReports()).singleElement().asString().contains("TEST-io.acme.Hidden.xml")
                .contains("<wrapper>");
        assertThatThrownBy(() -> new TestBot().run(Map.of(), context(ProcessingMode.STRICT)))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("<wrapper>");
    }

    @Test
    void shouldNotPassSilentlyOnCoverageInAStructureTheReaderDoesNotKnow() throws IOException {
        sampleProject();
        write("target/site/jacoco/jacoco.xml", "<report name=\"app\"><package name=\"io/acme\">"
                + "<sourcefile name=\"A.java\"><line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/></sourcefile>"
                + "<module><sourcefile name=\"B.java\"><line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                + "</sourcefile></module></package></report>");
        Map<String, Object> options = Map.of("coverage", "target/site/jacoco/jacoco.xml", "minCoverage", 50.0);

        TestResult lenient = run(options);

        assertThat(lenient.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(lenient.getDecidingGate()).hasValue("unreadableReports");
        assertThat(lenient.getUnreadableReports()).singleElement().asString().contains("jacoco.xml")
                .contains("<module>");
        assertThatThrownBy(() -> new TestBot().run(new HashMap<>(options), context(ProcessingMode.STRICT)))
                .isInstanceOf(LotaBotsException.class).hasMessageContaining("<module>");
    }

    @Test
    void shouldReadTheBuildToolsReportsAndLeaveTestFixturesOutByDefault() throws IOException {
        sampleProject();
        jacoco(10);
        // fixtures of a project's own tests: a report parser's samples, a module's test resources, a package's copy
        write("engine/src/test/resources/io/acme/jacoco.xml", JACOCO_ALL_COVERED);
        write("engine/src/test/resources/sample/target/site/jacoco/jacoco.xml", JACOCO_ALL_COVERED);
        write("cli/test-resources/target/site/jacoco/jacoco.xml", JACOCO_ALL_COVERED);
        write("web/fixtures/coverage/lcov.info", "SF:a.js\nDA:1,1\nend_of_record\n");
        write("web/node_modules/lib/coverage/lcov.info", "SF:b.js\nDA:1,1\nend_of_record\n");
        // Maven's copy of the fixtures, as the LotaBots repository has it after a build
        write("engine/target/test-classes/io/acme/coverage/lcov.info", "SF:c.js\nDA:1,1\nend_of_record\n");
        write("engine/target/test-classes/io/acme/coverage.xml", "<coverage line-rate=\"1\"/>");
        write("engine/src/test/resources/sample/target/surefire-reports/TEST-io.acme.FixtureTest.xml",
                suite("io.acme.FixtureTest", 5, 5, 0, 0, ""));
        write("web/fixtures/build/test-results/test/TEST-io.acme.OtherFixtureTest.xml",
                suite("io.acme.OtherFixtureTest", 3, 3, 0, 0, ""));

        TestResult result = run(Map.of());

        TestResult real = run(Map.of("coverage", "target/site/jacoco/jacoco.xml"));
        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(result.getTotals()).isEqualTo(new TestCounts(7, 6, 0, 1));
        assertThat(result.getOutputs()).containsEntry("reports", 3);
        assertThat(result.getCoverage()).isPresent().isEqualTo(real.getCoverage());
        assertThat(result.getCoverage()).hasValueSatisfying(coverage -> assertThat(coverage).isLessThan(100.0));
    }

    @Test
    void shouldReadAFixtureWhenAPatternNamesItsFolder() throws IOException {
        sampleProject();
        write("engine/src/test/resources/io/acme/jacoco.xml", JACOCO_ALL_COVERED);
        write("engine/src/test/resources/sample/target/surefire-reports/TEST-io.acme.FixtureTest.xml",
                suite("io.acme.FixtureTest", 2, 0, 0, 0, cases("io.acme.FixtureTest", 2)));

        TestResult named = run(Map.of("coverage", "engine/src/test/resources/io/acme/jacoco.xml",
                "junit", List.of("**/src/test/resources/**/TEST-*.xml")));
        TestResult wildcard = run(Map.of("coverage", "**/jacoco.xml", "junit", List.of("**/TEST-*.xml")));

        assertThat(named.getCoverage()).hasValue(100.0);
        assertThat(named.getTotals()).isEqualTo(new TestCounts(2, 2, 0, 0));
        assertThat(wildcard.getCoverage()).isEmpty();
        assertThat(wildcard.getTotals()).isEqualTo(new TestCounts(7, 6, 0, 1));
        assertThat(ReportSearch.namesFixtures("src/test/resources/a/jacoco.xml")).isTrue();
        assertThat(ReportSearch.namesFixtures("**/fixtures/*.xml")).isTrue();
        assertThat(ReportSearch.namesFixtures("**/test-results/**/*.xml")).isFalse();
        assertThat(ReportSearch.namesFixtures("src/testing/jacoco.xml")).isFalse();
        assertThat(ReportSearch.namesFixtures("engine/target/test-classes/**/lcov.info")).isTrue();
        assertThat(ReportSearch.namesFixtures("target/site/jacoco/jacoco.xml")).isFalse();
    }

    @Test
    void shouldSayThatFixturesAreLeftOutWhenOnlyFixturesHoldReports() throws IOException {
        write("engine/src/test/resources/sample/target/surefire-reports/TEST-io.acme.FixtureTest.xml",
                suite("io.acme.FixtureTest", 1, 0, 0, 0, cases("io.acme.FixtureTest", 1)));
        write("engine/src/test/resources/sample/target/site/jacoco/jacoco.xml", JACOCO_ALL_COVERED);

        TestResult result = run(Map.of("allowEmpty", true));

        assertThat(result.getTotals().total()).isZero();
        assertThat(result.getCoverage()).isEmpty();
        assertThat(result.getLog().getInfoLines()).anyMatch(line -> line.startsWith("No coverage report matches")
                && line.contains("src/test, test-resources, fixtures, node_modules and the build's copies"));
    }

    @Test
    void shouldRefuseReportPatternsThatLeaveTheWorkspace() {
        assertThatThrownBy(() -> run(Map.of("junit", "../**/*.xml"))).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("..");
    }

    @Test
    void shouldKeepOnlySecurityOrSmokeSuitesInThoseScopes() throws IOException {
        sampleProject();
        write("target/surefire-reports/TEST-io.acme.LoginSecurityTest.xml", suite("io.acme.LoginSecurityTest", 3,
                0, 0, 0, cases("io.acme.LoginSecurityTest", 3)));
        write("target/failsafe-reports/TEST-io.acme.CheckoutSmokeIT.xml", suite("io.acme.CheckoutSmokeIT", 2, 0,
                0, 0, cases("io.acme.CheckoutSmokeIT", 2)));

        assertThat(run(Map.of("scope", "security")).getTotals().total()).isEqualTo(3);
        TestResult smoke = run(Map.of("scope", "smoke"));
        assertThat(smoke.getTotals().total()).isEqualTo(2);
        assertThat(smoke.getByKind()).containsOnlyKeys("integration");
    }

    @Test
    void shouldCountOnlyTheModulesAffectedSinceAReference() throws Exception {
        write("pom.xml", "<project><groupId>io.acme</groupId><artifactId>root</artifactId><modules>"
                + "<module>core</module><module>web</module><module>tools</module></modules></project>");
        write("core/pom.xml", "<project><groupId>io.acme</groupId><artifactId>core</artifactId></project>");
        write("web/pom.xml", "<project><groupId>io.acme</groupId><artifactId>web</artifactId><dependencies>"
                + "<dependency><groupId>io.acme</groupId><artifactId>core</artifactId></dependency>"
                + "</dependencies></project>");
        write("tools/pom.xml", "<project><groupId>io.acme</groupId><artifactId>tools</artifactId></project>");
        write("core/src/Core.java", "class Core {}");
        try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setSign(false).setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").call();
            write("core/src/Core.java", "class Core { int changed; }");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("change core").setSign(false).setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").call();
        }
        for (String module : new String[] {"core", "web", "tools"}) {
            write(module + "/target/surefire-reports/TEST-io.acme." + module + ".ATest.xml", suite("io.acme."
                    + module + ".ATest", 2, 0, 0, 0, cases("io.acme." + module + ".ATest", 2)));
        }

        TestResult result = run(Map.of("scope", "affected", "since", "HEAD~1"));

        assertThat(result.getTotals().total()).as("core and web, which depends on it; not tools").isEqualTo(4);
        assertThat(result.getLog().getInfoLines()).anyMatch(line -> line.contains("affected modules: [core, web]"));
    }

    @Test
    void shouldAskForSinceInTheAffectedScope() {
        assertThatThrownBy(() -> run(Map.of("scope", "affected"))).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("give 'since'");
    }

    private TestResult run(final Map<String, ?> options) {
        return new TestBot().run(new HashMap<>(options), context(ProcessingMode.LENIENT));
    }

    private BotContext context(final ProcessingMode mode) {
        return BotContext.builder(workspace).bus(bus).mode(mode).build();
    }

    private void sampleProject() throws IOException {
        write("target/surefire-reports/TEST-io.acme.GreeterTest.xml", suite("io.acme.GreeterTest", 4, 0, 0, 1,
                cases("io.acme.GreeterTest", 3) + "<testcase classname=\"io.acme.GreeterTest\" name=\"later\">"
                        + "<skipped/></testcase>"));
        write("target/failsafe-reports/TEST-io.acme.ServiceIT.xml", suite("io.acme.ServiceIT", 2, 0, 0, 0,
                cases("io.acme.ServiceIT", 2)));
        write("target/failsafe-reports/TEST-io.acme.JourneyE2E.xml", suite("io.acme.JourneyE2E", 1, 0, 0, 0,
                cases("io.acme.JourneyE2E", 1)));
        write("target/failsafe-reports/failsafe-summary.xml", "<failsafe-summary result=\"0\"><completed>3"
                + "</completed><errors>0</errors><failures>0</failures><skipped>0</skipped></failsafe-summary>");
    }

    private void jacoco(final int classes) throws IOException {
        Path file = workspace.resolve("target/site/jacoco/jacoco.xml");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            JacocoReportGenerator.ofClasses(classes).write(out);
        }
    }

    private static String cases(final String className, final int count) {
        StringBuilder cases = new StringBuilder();
        for (int i = 0; i < count; i++) {
            cases.append("<testcase classname=\"").append(className).append("\" name=\"t").append(i)
                    .append("\" time=\"0.01\"/>");
        }
        return cases.toString();
    }

    private static String suite(final String name, final int tests, final int failures, final int errors,
            final int skipped, final String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite name=\"" + name + "\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped
                + "\" time=\"0.5\">" + body + "</testsuite>";
    }

    private void write(final String path, final String content) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
