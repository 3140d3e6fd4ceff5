package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.deploy.directory.ReleaseHistory.Release;
import io.lotabots.bot.deploy.directory.ReleaseHistory.SlotProcess;
import io.lotabots.bot.deploy.directory.ReleaseHistory.Status;
import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseHistoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    private Path folder;

    private static Release release(final String version, final Status status, final Instant servedAt) {
        return new Release(version + "-20260301100000", version, "app.jar", "blue", 8080, status, T0, servedAt, null,
                new ReleaseHistory.Commands(java.util.List.of("java", "-jar", "${ARTIFACT}"), java.util.List.of(), false));
    }

    private Path write(final String json) throws IOException {
        return Files.writeString(folder.resolve("state.json"), json, StandardCharsets.UTF_8);
    }

    @Test
    void startsEmptyWithoutAFile() {
        ReleaseHistory history = ReleaseHistory.load(folder.resolve("state.json"), "staging");

        assertThat(history.releases()).isEmpty();
        assertThat(history.current()).isEmpty();
        assertThat(history.previous()).isEmpty();
    }

    @Test
    void savesAndReadsBackReleasesAndSlots() {
        Path file = folder.resolve("state.json");
        ReleaseHistory history = ReleaseHistory.load(file, "staging");
        history.add(release("1.0.0", Status.RETIRED, T0));
        history.add(release("2.0.0", Status.SERVING, T0.plusSeconds(60)));
        history.setSlot(Slot.GREEN, new SlotProcess("2.0.0-20260301100000", 4242, T0));
        history.save(file);

        ReleaseHistory read = ReleaseHistory.load(file, "staging");

        assertThat(read.snapshot()).isEqualTo(history.snapshot());
        assertThat(read.current().orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(read.previous().orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(read.slot(Slot.GREEN).orElseThrow().pid()).isEqualTo(4242);
        assertThat(read.slot(Slot.BLUE)).isEmpty();
        assertThat(folder.resolve("state.json.tmp")).doesNotExist();
    }

    @Test
    void choosesTheLastReleaseThatServedAsPreviousAndNeverOneRolledBackOrFailed() {
        ReleaseHistory history = ReleaseHistory.load(folder.resolve("state.json"), "staging");
        history.add(release("1.0.0", Status.RETIRED, T0));
        history.add(release("2.0.0", Status.RETIRED, T0.plusSeconds(60)));
        history.add(release("3.0.0", Status.ROLLED_BACK, T0.plusSeconds(120)));
        history.add(release("4.0.0", Status.FAILED, null));
        history.add(release("5.0.0", Status.SERVING, T0.plusSeconds(180)));

        assertThat(history.previous().orElseThrow().version()).isEqualTo("2.0.0");
    }

    @Test
    void namesTheLineOfMalformedJson() throws IOException {
        Path file = write("{\n  \"format\": 1,\n  \"environment\": \"staging\",\n  \"releases\": [ oops ]\n}");

        assertThatThrownBy(() -> ReleaseHistory.load(file, "staging"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("The state file '" + file + "' cannot be used: it is not valid JSON at line 4")
                .hasMessageContaining("Nothing was changed")
                .extracting(e -> ((LotaBotsException) e).getCode()).isEqualTo(DirectoryErrorCode.STATE_UNREADABLE);
    }

    @Test
    void refusesAnEmptyOrTruncatedFile() throws IOException {
        Path empty = write("");
        assertThatThrownBy(() -> ReleaseHistory.load(empty, "staging")).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("cannot be used");
        Path truncated = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": [{\"name\": \"1.0");
        assertThatThrownBy(() -> ReleaseHistory.load(truncated, "staging")).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void refusesReleaseNamesThatLeaveTheReleasesFolder() throws IOException {
        for (String name : new String[] {"../../etc", "/etc", "a/b", "..", ".hidden"}) {
            Path file = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": [{\"name\": \"" + name
                    + "\", \"version\": \"1\", \"artifact\": \"app.jar\", \"slot\": \"blue\", \"port\": 1,"
                    + " \"status\": \"RETIRED\", \"createdAt\": \"2026-03-01T10:00:00Z\"}]}");

            assertThatThrownBy(() -> ReleaseHistory.load(file, "staging")).as(name)
                    .hasMessageContaining("a release has no name or one that is not a plain folder name");
        }
        Path artifact = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": [{\"name\": \"1-2\","
                + " \"version\": \"1\", \"artifact\": \"../../../etc/passwd\", \"slot\": \"blue\", \"port\": 1,"
                + " \"status\": \"RETIRED\", \"createdAt\": \"2026-03-01T10:00:00Z\"}]}");
        assertThatThrownBy(() -> ReleaseHistory.load(artifact, "staging"))
                .hasMessageContaining("names an artifact outside its folder");
    }

    @Test
    void refusesUnknownSlotsStatusesAndTwoServingReleases() throws IOException {
        String release = "{\"name\": \"%s\", \"version\": \"1\", \"artifact\": \"app.jar\", \"slot\": \"%s\","
                + " \"port\": 1, \"status\": \"%s\", \"createdAt\": \"2026-03-01T10:00:00Z\"}";
        Path slot = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": ["
                + String.format(release, "a", "purple", "RETIRED") + "]}");
        assertThatThrownBy(() -> ReleaseHistory.load(slot, "staging")).hasMessageContaining("the slot 'purple'");
        Path status = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": ["
                + String.format(release, "a", "blue", "EXPLODED") + "]}");
        assertThatThrownBy(() -> ReleaseHistory.load(status, "staging")).hasMessageContaining("not valid JSON");
        Path serving = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": ["
                + String.format(release, "a", "blue", "SERVING") + ", " + String.format(release, "b", "green", "SERVING")
                + "]}");
        assertThatThrownBy(() -> ReleaseHistory.load(serving, "staging")).hasMessageContaining("2 releases are marked SERVING");
        Path pid = write("{\"format\": 1, \"environment\": \"staging\", \"slots\": {\"blue\": {\"release\": \"a\", \"pid\": 0}}}");
        assertThatThrownBy(() -> ReleaseHistory.load(pid, "staging")).hasMessageContaining("no release or process id");
    }

    @Test
    void refusesTheFileOfAnotherEnvironmentOrFormat() throws IOException {
        Path other = write("{\"format\": 1, \"environment\": \"production\"}");
        assertThatThrownBy(() -> ReleaseHistory.load(other, "staging"))
                .hasMessageContaining("it describes the environment 'production', not 'staging'");
        Path format = write("{\"format\": 99, \"environment\": \"staging\"}");
        assertThatThrownBy(() -> ReleaseHistory.load(format, "staging")).hasMessageContaining("its format 99 is not 1");
    }

    @Test
    void keepsUnknownFieldsOutOfTheWay() throws IOException {
        Path file = write("{\"format\": 1, \"environment\": \"staging\", \"written_by\": \"a later version\"}");

        assertThat(ReleaseHistory.load(file, "staging").releases()).isEmpty();
    }

    @Test
    void shouldReadReleasesWithoutCommandsAndRefuseRecordedCommandsWithoutAStartCommand() throws IOException {
        String release = "{\"name\": \"1.0.0-20260301100000\", \"version\": \"1.0.0\", \"artifact\": \"app.jar\","
                + " \"slot\": \"blue\", \"port\": 8081, \"status\": \"SERVING\", \"createdAt\": \"" + T0 + "\"";
        Path old = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": [" + release + "}]}");

        assertThat(ReleaseHistory.load(old, "staging").current().orElseThrow().commands())
                .as("a state file of an earlier LotaBots").isNull();

        Path empty = write("{\"format\": 1, \"environment\": \"staging\", \"releases\": [" + release
                + ", \"commands\": {\"start\": [], \"stop\": [\"kill\"]}}]}");

        assertThatThrownBy(() -> ReleaseHistory.load(empty, "staging"))
                .isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("the release '1.0.0-20260301100000' records its commands without a start command");
    }

    @Test
    void refusesAHugeFileWithoutReadingIt() throws IOException {
        Path file = folder.resolve("state.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"format\": 1, \"environment\": \"staging\", \"padding\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 20; i++) {
                out.write(block);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> ReleaseHistory.load(file, "staging"))
                .hasMessageContaining("is larger than " + ReleaseHistory.MAX_BYTES + " bytes");
    }

    @Test
    void refusesDeeplyNestedJson() throws IOException {
        Path file = write("{\"format\": 1, \"environment\": \"staging\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}");

        assertThatThrownBy(() -> ReleaseHistory.load(file, "staging")).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("cannot be used");
    }
}
