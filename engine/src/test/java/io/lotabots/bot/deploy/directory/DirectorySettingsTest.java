package io.lotabots.bot.deploy.directory;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectorySettingsTest {
    private static final List<String> START = List.of("java", "-jar", "${ARTIFACT}");

    private static DirectorySettings settings(final String environment, final List<String> start,
            final String health, final int blue, final int green, final Duration timeout, final Duration window) {
        return new DirectorySettings(Path.of("releases"), environment, start, List.of(), health, blue, green, timeout,
                window);
    }

    @Test
    void givesDefaultsForEverythingButWhereAndWhat() {
        DirectorySettings settings = DirectorySettings.of(Path.of("releases"), "production", START);

        assertThat(settings.healthPath()).isEqualTo("/health");
        // one truth: the defaults DeployBot documents (8081 blue, 8082 green)
        assertThat(settings.bluePort()).isEqualTo(8081);
        assertThat(settings.greenPort()).isEqualTo(8082);
        assertThat(settings.port("blue")).isEqualTo(8081);
        assertThat(settings.port("green")).isEqualTo(8082);
        assertThat(settings.stopCommand()).isEmpty();
        assertThat(settings.rollbackWindow()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void copiesTheCommands() {
        List<String> start = new ArrayList<>(START);
        DirectorySettings settings = settings("staging", start, "/health", 1, 2, Duration.ofSeconds(1), Duration.ZERO);
        start.add("--extra");

        assertThat(settings.startCommand()).isEqualTo(START);
    }

    @Test
    void refusesAnEnvironmentThatIsNotAFolderName() {
        for (String environment : List.of("", "..", "../prod", "a/b", ".hidden", "a b", "x".repeat(129))) {
            assertThatThrownBy(() -> settings(environment, START, "/health", 1, 2, Duration.ofSeconds(1), Duration.ZERO))
                    .as(environment).isInstanceOf(LotaBotsException.class)
                    .hasMessageContaining("cannot be a folder name")
                    .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.INVALID_SETTINGS);
        }
    }

    @Test
    void refusesAnEmptyStartCommand() {
        assertThatThrownBy(() -> settings("staging", List.of(), "/health", 1, 2, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("The start command is empty");
        assertThatThrownBy(() -> settings("staging", List.of(" "), "/health", 1, 2, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("The start command is empty");
    }

    @Test
    void refusesAHealthPathThatIsNotAPath() {
        for (String path : List.of("health", "/he alth", "http://elsewhere/health", "/a\nb")) {
            assertThatThrownBy(() -> settings("staging", START, path, 1, 2, Duration.ofSeconds(1), Duration.ZERO))
                    .as(path).hasMessageContaining("must start with '/'");
        }
    }

    @Test
    void refusesEqualOrInvalidPorts() {
        assertThatThrownBy(() -> settings("staging", START, "/health", 8080, 8080, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("The blue and green ports are both 8080");
        assertThatThrownBy(() -> settings("staging", START, "/health", 0, 8080, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("The bluePort 0 is not a TCP port");
        assertThatThrownBy(() -> settings("staging", START, "/health", 8080, 70_000, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("The greenPort 70000 is not a TCP port");
    }

    @Test
    void refusesNonPositiveStartTimeoutAndNegativeWindow() {
        assertThatThrownBy(() -> settings("staging", START, "/health", 1, 2, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("The start timeout must be positive");
        assertThatThrownBy(() -> settings("staging", START, "/health", 1, 2, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("The rollback window must not be negative");
    }

    @Test
    void expandsPlaceholdersInEveryWordAndLeavesOthers() {
        List<String> expanded = ServiceProcesses.expand(List.of("run", "--port=${PORT}", "${ARTIFACT}", "${HOME}/x",
                "${VERSION}-${VERSION}"), ServiceProcesses.variables(8080, Path.of("/r"), Path.of("/r/app.jar"), "1.2"));

        assertThat(expanded).containsExactly("run", "--port=8080", "/r/app.jar", "${HOME}/x", "1.2-1.2");
    }
}
