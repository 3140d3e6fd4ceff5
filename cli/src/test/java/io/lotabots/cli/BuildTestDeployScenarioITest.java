package io.lotabots.cli;

import io.lotabots.bot.BotRegistry;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageFilter;
import io.lotabots.message.DeployCompleted;
import io.lotabots.message.DeployRolledBack;
import io.lotabots.message.Message;
import io.lotabots.message.MonitorVerdict;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main job, {@code lotabots scenario run build-test-deploy}, on a copy of examples/sample-app with the
 * embedded defaults: the real Maven build, the real reports, deployments of the real jar into release folders on
 * loopback ports, a watch of the deployed app's health, notifications to the console and a file. Only the ports and
 * the watch's length are set, so that the test neither collides with another program nor waits 30 seconds.
 */
class BuildTestDeployScenarioITest extends BuildTestDeployFixture {
    private CliRun scenario(final String... extra) {
        List<String> args = new ArrayList<>(List.of("scenario", "run", "build-test-deploy", "--workdir",
                copy.toString()));
        settings().forEach((name, value) -> args.addAll(List.of("--set", name + "=" + value)));
        args.addAll(List.of(extra));
        return CliRun.of(BotRegistry.standard(), args.toArray(String[]::new));
    }

    private List<Message> journal() {
        return Journal.at(copy.resolve(Journal.DEFAULT_PATH)).read(MessageFilter.ALL);
    }

    @Test
    void deploysTheSampleAppToStagingAndProductionAndRollsBackAReleaseWhoseHealthFails() throws Exception {
        CliRun green = scenario();

        assertThat(green.exitCode()).as(green.err()).isEqualTo(ExitCode.SUCCESS);
        assertThat(green.err()).contains("[DeployBot] Deploying target/sample-app-1.0.0.jar of the build")
                .contains("[MonitorBot] Watching the health of build-")
                .contains("NOTIFY [info] Monitor: SUCCESS").contains("lotabots: SUCCESS");
        assertThat(green.out()).contains("Message timeline of").contains("deploy.completed")
                .contains("monitor.verdict").contains("Report: ");
        List<Message> first = journal();
        assertThat(first).filteredOn(m -> m.getType().equals(DeployCompleted.TYPE))
                .extracting(m -> m.payloadAs(DeployCompleted.class).environment())
                .containsExactly("staging", "production");
        assertThat(first).filteredOn(m -> m.getType().equals(MonitorVerdict.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(MonitorVerdict.class).verdict()).isEqualTo("pass"));
        String version = first.stream().filter(m -> m.getType().equals(DeployCompleted.TYPE)).findFirst()
                .orElseThrow().payloadAs(DeployCompleted.class).version();
        assertThat(SampleApp.get(productionBlue, "/health")).startsWith("200 ").contains(version);
        assertThat(SampleApp.get(stagingBlue, "/health")).startsWith("200 ").contains(version);
        assertThat(Files.readString(copy.resolve(".lotabots/notifications.log"), StandardCharsets.UTF_8))
                .contains("[info] Deploy to Production: SUCCESS").contains("[info] Monitor: SUCCESS");

        // the next release goes to the green slot; its watch checks a path that fails, so production rolls back
        CliRun broken = scenario("--set", "monitor.health=http://127.0.0.1:" + productionGreen + "/missing 200");

        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(broken.err()).contains("==> Monitor/Monitor/On failure of Monitor/Roll back Production")
                .contains("NOTIFY [error] Monitor: FAILURE");
        assertThat(journal()).filteredOn(m -> m.getType().equals(DeployRolledBack.TYPE)).singleElement()
                .satisfies(m -> assertThat(m.payloadAs(DeployRolledBack.class).environment())
                        .isEqualTo("production"));
        assertThat(Files.readSymbolicLink(copy.resolve(".lotabots/releases/production/current")).toString())
                .contains(version);
        assertThat(SampleApp.get(productionBlue, "/health")).startsWith("200 ").contains(version);
        assertThat(broken.out()).contains("FAILURE  Production rolled back to " + version
                + " after the watch failed: availability 0 % < 95 %").contains("[FAILURE ] Monitor");

        // what a person sees in the report of each run, in a real browser
        List<Path> reports;
        try (var files = Files.list(copy.resolve(".lotabots/reports"))) {
            reports = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(reports).hasSize(2);
        try (ReportBrowser browser = ReportBrowser.open()) {
            browser.show(reports.get(0));
            assertThat(browser.visible("h1.headline")).singleElement().satisfies(headline -> assertThat(
                    headline.getText()).isEqualTo(version + " deployed to staging and production; the watch passed"
                    + " (score 100)"));
            browser.screenshot("report-green");

            browser.show(reports.get(1));
            assertThat(browser.visible("h1.headline")).singleElement().satisfies(headline -> assertThat(
                    headline.getText()).startsWith("Production rolled back to " + version));
            assertThat(browser.visible("li.stage .name")).extracting(org.openqa.selenium.WebElement::getText)
                    .containsExactly("Build", "Test", "Security Scan", "Deploy to Staging", "Deploy to Production",
                            "Monitor");
            assertThat(browser.visible("li.stage.FAILURE")).singleElement().satisfies(box -> assertThat(
                    box.getText()).contains("Monitor").contains("on failure: Roll back Production"));
            assertThat(browser.style("li.stage.FAILURE", "border-top-color"))
                    .isNotEqualTo(browser.style("li.stage.SUCCESS", "border-top-color"));
            assertThat(browser.visible("figure.chart[data-metric=availability] svg")).singleElement()
                    .satisfies(chart -> assertThat(chart.getSize().getHeight()).isGreaterThan(100));
            assertThat(browser.all("figure.chart[data-metric=availability] polyline.series")).singleElement()
                    .satisfies(line -> assertThat(line.getAttribute("points").trim().split(" ")).hasSizeGreaterThan(1));
            assertThat(browser.all("figure.chart[data-metric=availability] line.limit")).hasSize(1);
            assertThat(browser.visible("article.card.deploy")).isNotEmpty();
            assertThat(browser.visible("table.timeline tr")).hasSizeGreaterThan(10);
            assertThat(browser.screenshot("report-rolled-back")).isNotEmptyFile();
        }
    }

    @Test
    void stopsAtTheTestStageWhenATestIsBrokenAndSaysSoInTheNotification() throws IOException {
        Path test = copy.resolve("src/test/java/io/lotabots/sample/GreeterTest.java");
        Files.writeString(test, Files.readString(test).replace("\"Hello, Ada!\"", "\"Hello, Bob!\""));

        CliRun run = scenario();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(run.err()).contains("<== Build: SUCCESS").contains("<== Test: FAILURE")
                .contains("NOTIFY [error] Test: FAILURE").contains("<== Deploy to Staging: NOT_RUN")
                .contains("<== Deploy to Production: NOT_RUN");
        assertThat(Files.readString(copy.resolve(".lotabots/notifications.log"), StandardCharsets.UTF_8))
                .contains("[error] Test: FAILURE");
        assertThat(journal()).noneMatch(m -> m.getType().startsWith("deploy."));
    }
}
