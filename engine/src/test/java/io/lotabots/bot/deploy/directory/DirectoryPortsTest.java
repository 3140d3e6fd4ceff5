package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.directory.DirectoryPorts.Conflict;
import io.lotabots.bot.deploy.directory.DirectoryPorts.Use;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryPortsTest {
    private static final Path RELEASES = Path.of(".lotabots/releases");

    @TempDir
    private Path workspace;

    private List<Conflict> check(final Use... uses) {
        return DirectoryPorts.check(List.of(uses), BotContext.builder(workspace).build());
    }

    @Test
    void shouldAcceptFreeDistinctPorts() {
        assertThat(check(new Use("deployStaging", RELEASES, "staging", 18661, 18662),
                new Use("deployProduction", RELEASES, "production", 18663, 18664))).isEmpty();
    }

    @Test
    void shouldRefuseOnePortForBothSlots() {
        assertThat(check(new Use("deployStaging", RELEASES, "staging", 18661, 18661))).singleElement()
                .satisfies(conflict -> {
                    assertThat(conflict.option()).isEqualTo("greenPort");
                    assertThat(conflict.port()).isEqualTo(18661);
                    assertThat(conflict.problem()).contains("also the blue slot's port of staging");
                    assertThat(conflict.suggestion()).isNotEqualTo(18661);
                });
    }

    @Test
    void shouldRefuseAPortOfTwoEnvironmentsAndSuggestOneNeitherUses() {
        List<Conflict> conflicts = check(new Use("deployStaging", RELEASES, "staging", 18661, 18662),
                new Use("deployProduction", RELEASES, "production", 18662, 18663));

        assertThat(conflicts).singleElement().satisfies(conflict -> {
            assertThat(conflict.use().owner()).isEqualTo("deployProduction");
            assertThat(conflict.option()).isEqualTo("bluePort");
            assertThat(conflict.problem()).contains("also the greenPort of staging (deployStaging)");
            assertThat(conflict.suggestion()).isEqualTo(18664);
        });
    }

    @Test
    void shouldNameTheProgramThatHoldsAPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(18662, 1, InetAddress.getLoopbackAddress())) {
            assertThat(check(new Use("deployStaging", RELEASES, "staging", 18661, 18662))).singleElement()
                    .satisfies(conflict -> {
                        assertThat(conflict.option()).isEqualTo("greenPort");
                        assertThat(conflict.problem()).startsWith("it is in use by process "
                                + ProcessHandle.current().pid()).endsWith("which is not a service of staging");
                        assertThat(conflict.suggestion()).isEqualTo(18663);
                    });
        }
    }

    @Test
    void shouldCheckOneEnvironmentDeployedTwiceOnce() throws Exception {
        try (ServerSocket taken = new ServerSocket(18661, 1, InetAddress.getLoopbackAddress())) {
            assertThat(check(new Use("deployProduction", RELEASES, "production", 18661, 18662),
                    new Use("redeployProduction", RELEASES, "production", 18661, 18662))).hasSize(1);
        }
    }
}
