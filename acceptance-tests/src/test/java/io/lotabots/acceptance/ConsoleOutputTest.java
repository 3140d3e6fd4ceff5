package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleOutputTest {
    private static final String CONSOLE = """
            Started by user admin
            [Pipeline] Start of Pipeline
            [Pipeline] stage
            [Pipeline] { (Test)
            [TestBot] Reading 1 test report (patterns **/surefire-reports/TEST-*.xml, scope all)
            [TestBot] [ERROR] Gate minCoverage failed: line coverage 50.0% (5 of 10), at least 80.0% required => UNSTABLE
            [TestBotX] not a TestBot line
            [Pipeline] echo
            LOTABOTS-AT status=UNSTABLE
            LOTABOTS-AT message={"type":"custom.ping","payload":{"a":"b=c"}}
            LOTABOTS-AT status=SUCCESS
            LOTABOTS-AT =no key
            Finished: UNSTABLE
            """;

    @Test
    void shouldPickTheLinesOfOneBotWithoutTheirPrefix() {
        assertThat(new ConsoleOutput(CONSOLE).linesOf("TestBot")).containsExactly(
                "Reading 1 test report (patterns **/surefire-reports/TEST-*.xml, scope all)",
                "[ERROR] Gate minCoverage failed: line coverage 50.0% (5 of 10), at least 80.0% required => UNSTABLE");
    }

    @Test
    void shouldReadEchoedValuesSplittingAtTheFirstEqualsSign() {
        assertThat(new ConsoleOutput(CONSOLE).values())
                .containsEntry("status", "SUCCESS")
                .containsEntry("message", "{\"type\":\"custom.ping\",\"payload\":{\"a\":\"b=c\"}}")
                .hasSize(2);
    }

    @Test
    void shouldFindStackTraceFramesButNotOrdinaryLinesMentioningAt() {
        String trace = CONSOLE + """
                java.lang.IllegalStateException: boom
                \tat io.lotabots.bot.test.TestBot.run(TestBot.java:42)
                    at org.jenkinsci.plugins.workflow.cps.CpsThread.runNextChunk(CpsThread.java:187)
                    at java.base/java.lang.Thread.run(Thread.java:840)
                	at Unknown Source
                """;

        assertThat(new ConsoleOutput(CONSOLE).stackFrames()).isEmpty();
        assertThat(new ConsoleOutput("look at the report (target/x.xml)\n").stackFrames()).isEmpty();
        assertThat(new ConsoleOutput(trace).stackFrames()).hasSize(2);
    }
}
