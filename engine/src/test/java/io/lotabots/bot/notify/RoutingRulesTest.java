package io.lotabots.bot.notify;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoutingRulesTest {
    private static final Set<ChannelKind> ALL = EnumSet.of(ChannelKind.SLACK, ChannelKind.PAGERDUTY, ChannelKind.SMS);

    @TempDir
    private Path folder;

    private Path write(final String name, final String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static LotaBotsException invalid(final Runnable parse) {
        try {
            parse.run();
        }
        catch (LotaBotsException e) {
            return e;
        }
        throw new AssertionError("expected an invalid routing rule");
    }

    @Test
    void sendsEveryMessageToEveryChannelWithoutRules() {
        assertThat(RoutingRules.of(List.of()).channelsFor("build.completed", Severity.INFO, ALL)).isEqualTo(ALL);
    }

    @Test
    void parsesRulesGivenAsOptions() {
        RoutingRules rules = RoutingRules.parse(List.of("pagerduty:alert.*|deploy.failed@error", "sms@critical"),
                "route");

        assertThat(rules.channelsFor("build.completed", Severity.INFO, ALL)).containsExactly(ChannelKind.SLACK);
        assertThat(rules.channelsFor("deploy.failed", Severity.ERROR, ALL))
                .containsExactly(ChannelKind.SLACK, ChannelKind.PAGERDUTY);
        assertThat(rules.channelsFor("alert.triggered", Severity.WARNING, ALL)).containsExactly(ChannelKind.SLACK);
        assertThat(rules.channelsFor("alert.triggered", Severity.CRITICAL, ALL)).isEqualTo(ALL);
        assertThat(rules.getChannels()).containsExactlyInAnyOrder(ChannelKind.PAGERDUTY, ChannelKind.SMS);
    }

    @Test
    void matchesTypeGlobs() {
        assertThat(Route.globMatches("deploy.*", "deploy.rolled_back")).isTrue();
        assertThat(Route.globMatches("deploy.*", "deployment.started")).isFalse();
        assertThat(Route.globMatches("*.failed", "build.failed")).isTrue();
        assertThat(Route.globMatches("test.complete?", "test.completed")).isTrue();
        assertThat(Route.globMatches("a.b", "aXb")).as("a dot is literal").isFalse();
    }

    @Test
    void namesTheOptionAndShowsTheFormOfAMalformedRule() {
        assertThat(invalid(() -> RoutingRules.parse(List.of("slack:@error"), "route")))
                .hasMessageContaining("Option 'route' of NotificationBot: the rule 'slack:@error' has an empty message"
                        + " type; write CHANNEL:TYPE|TYPE@SEVERITY");
        assertThat(invalid(() -> RoutingRules.parse(List.of("slack@urgent"), "route")))
                .hasMessageContaining("unknown severity 'urgent'; use one of info, warning, error, critical");
        assertThat(invalid(() -> RoutingRules.parse(List.of("teams:deploy.*"), "route")).getCode())
                .isEqualTo(NotifyErrorCode.UNKNOWN_CHANNEL);
        assertThat(invalid(() -> RoutingRules.parse(List.of("slack:deploy.*;rm -rf"), "route")))
                .hasMessageContaining("may only hold letters");
    }

    @Test
    void readsRulesFromYaml() throws IOException {
        Path file = write("routes.yaml", """
                # who gets what
                routes:
                  - channel: slack
                  - channel: pagerduty
                    types: ["alert.triggered", "deploy.failed"]
                    minSeverity: error
                  - channel: sms
                    severities: [critical]
                """);
        RoutingRules rules = RoutingRules.load(file, "routes.yaml");

        assertThat(rules.getRoutes()).hasSize(3);
        assertThat(rules.channelsFor("deploy.failed", Severity.ERROR, ALL))
                .containsExactly(ChannelKind.SLACK, ChannelKind.PAGERDUTY);
        assertThat(rules.channelsFor("alert.triggered", Severity.CRITICAL, ALL)).isEqualTo(ALL);
        assertThat(rules.channelsFor("incident.created", Severity.CRITICAL, ALL))
                .containsExactly(ChannelKind.SLACK, ChannelKind.SMS);
    }

    @Test
    void readsRulesFromJson() throws IOException {
        Path file = write("routes.json", "{\"routes\": [{\"channel\": \"email\", \"types\": [\"deploy.*\"]}]}");

        assertThat(RoutingRules.load(file, "routes.json").channelsFor("deploy.completed", Severity.INFO,
                EnumSet.of(ChannelKind.EMAIL, ChannelKind.SLACK))).containsExactly(ChannelKind.SLACK, ChannelKind.EMAIL);
    }

    @Test
    void namesFileAndLineOfAnUnknownChannel() throws IOException {
        Path file = write("routes.yaml", """
                routes:
                  - channel: slack
                  - channel: teams
                    types: [deploy.*]
                """);

        LotaBotsException error = invalid(() -> RoutingRules.load(file, ".lotabots/routes.yaml"));
        assertThat(error.getCode()).isEqualTo(NotifyErrorCode.INVALID_ROUTE);
        assertThat(error).hasMessageContaining("The routing file '.lotabots/routes.yaml' is malformed in rule 2 starting at line 3")
                .hasMessageContaining("unknown channel 'teams'; use one of slack, pagerduty");
    }

    @Test
    void namesFileAndLineOfBrokenYamlAndUnknownFields() throws IOException {
        Path broken = write("broken.yaml", "routes:\n  - channel: slack\n    types: [deploy.*\n");
        Path unknown = write("unknown.yaml", "routes:\n  - channel: slack\n    severity: error\n");
        Path both = write("both.yaml", "routes:\n  - channel: slack\n    minSeverity: error\n    severities: [info]\n");
        Path json = write("broken.json", "{\"routes\": [\n {\"channel\": \"slack\",}\n]}");

        assertThat(invalid(() -> RoutingRules.load(broken, "broken.yaml")))
                .hasMessageContaining("'broken.yaml' is malformed at line").hasMessageContaining("Write a list of rules");
        assertThat(invalid(() -> RoutingRules.load(unknown, "unknown.yaml")))
                .hasMessageContaining("malformed in rule 1 starting at line 2").hasMessageContaining("\"severity\"");
        assertThat(invalid(() -> RoutingRules.load(both, "both.yaml")))
                .hasMessageContaining("gives both 'minSeverity' and 'severities'");
        assertThat(invalid(() -> RoutingRules.load(json, "broken.json")))
                .hasMessageContaining("'broken.json' is malformed at line 2");
    }

    @Test
    void refusesAFileWithoutRoutes() throws IOException {
        assertThat(invalid(() -> RoutingRules.load(uncheckedWrite("empty.yaml", ""), "empty.yaml")))
                .hasMessageContaining("has no 'routes' list");
        assertThat(invalid(() -> RoutingRules.load(uncheckedWrite("list.yaml", "- channel: slack\n"), "list.yaml")))
                .hasMessageContaining("'list.yaml' is malformed at line 1");
        assertThat(invalid(() -> RoutingRules.load(folder.resolve("missing.yaml"), "missing.yaml")))
                .hasMessageContaining("The routing file 'missing.yaml' does not exist");
    }

    private Path uncheckedWrite(final String name, final String content) {
        try {
            return write(name, content);
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesABillionLaughs() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        yaml.append("routes:\n  - channel: slack\n    types: *j\n");
        Path file = write("laughs.yaml", yaml.toString());

        assertThat(invalid(() -> RoutingRules.load(file, "laughs.yaml")))
                .hasMessageContaining("The routing file 'laughs.yaml'");
    }

    @Test
    void refusesAHugeFileWithoutReadingItAll() throws IOException {
        Path file = folder.resolve("huge.yaml");
        Files.write(file, new byte[RoutingRules.MAX_FILE_BYTES + 10]);

        assertThat(invalid(() -> RoutingRules.load(file, "huge.yaml")))
                .hasMessageContaining("is larger than 1048576 bytes");
    }

    @Test
    void refusesTooManyRules() throws IOException {
        StringBuilder yaml = new StringBuilder("routes:\n");
        for (int i = 0; i <= RoutingRules.MAX_RULES; i++) {
            yaml.append("  - channel: slack\n");
        }
        assertThat(invalid(() -> RoutingRules.load(uncheckedWrite("many.yaml", yaml.toString()), "many.yaml")))
                .hasMessageContaining("more than 1000 rules");
    }
}
