package io.lotabots.bus;

import io.lotabots.message.BuildCompleted;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.util.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTailTest {
    @TempDir
    private Path folder;

    @Test
    void shouldReadLinesAnotherProcessAppendsAndWaitForTheEndOfAPartialLine() throws Exception {
        Path file = folder.resolve("messages.jsonl");
        JournalTail tail = new JournalTail(Journal.at(file));
        List<String> seen = new ArrayList<>();

        assertThat(tail.poll(MessageFilter.ALL, m -> seen.add(m.getId())).lines()).as("no journal yet").isZero();

        String first = line("m1");
        String second = line("m2");
        append(file, first + "\n" + second.substring(0, 40));
        tail.poll(MessageFilter.ALL, m -> seen.add(m.getId()));
        assertThat(seen).as("the partial second line waits").containsExactly("m1");
        assertThat(tail.getOffset()).isEqualTo(first.length() + 1);

        append(file, second.substring(40) + "\n" + line("m3") + "\n");
        tail.poll(MessageFilter.ALL, m -> seen.add(m.getId()));
        assertThat(seen).containsExactly("m1", "m2", "m3");

        tail.poll(MessageFilter.ALL, m -> seen.add(m.getId()));
        assertThat(seen).as("nothing is read twice").containsExactly("m1", "m2", "m3");
    }

    @Test
    void shouldNameTheLineOfAnUnreadableLineAndRestartAReplacedJournal() throws IOException {
        Path file = folder.resolve("messages.jsonl");
        Files.writeString(file, line("m1") + "\nnot json\n" + line("m2") + "\n");
        JournalTail tail = new JournalTail(Journal.at(file));
        List<String> seen = new ArrayList<>();

        JournalScan scan = tail.poll(MessageFilter.ALL, m -> seen.add(m.getId()));
        assertThat(scan.warnings()).singleElement().asString().startsWith("messages.jsonl:2: line is not a valid"
                + " message");
        Files.writeString(file, line("m9") + "\n");
        scan = tail.poll(MessageFilter.ALL, m -> seen.add(m.getId()));

        assertThat(seen).containsExactly("m1", "m2", "m9");
        assertThat(scan.warnings()).singleElement().asString().contains("reading it again from the start");
    }

    private void append(final Path file, final String text) throws IOException, InterruptedException {
        ChildJvm.Result result = ChildJvm.run("32m", Appender.class, file.toString(), text);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String line(final String id) {
        return new String(MessageCodec.get().write(Message.builder(new BuildCompleted("b", null, "main", "a1b2c3d4",
                null, 1.0, null, null)).source("BuildBot").id(id).build()), StandardCharsets.UTF_8);
    }

    /**
     * Appends raw text to a file, in another process.
     */
    public static final class Appender {
        private Appender() {
        }

        /**
         * Appends.
         *
         * @param args the file and the text
         * @throws IOException if it cannot
         */
        public static void main(final String[] args) throws IOException {
            Files.write(Path.of(args[0]), args[1].getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
