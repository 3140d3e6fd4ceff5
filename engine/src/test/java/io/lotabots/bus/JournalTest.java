package io.lotabots.bus;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.BusMessage;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import io.lotabots.message.MessageErrorCode;
import io.lotabots.message.TestCompleted;
import io.lotabots.message.TestMessages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

class JournalTest {
    private static final String FILE_NAME = "messages.jsonl";
    private static final MessageCodec CODEC = MessageCodec.get();
    private static final int THREADS = 16;
    private static final int APPENDS_PER_THREAD = 2_000;

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve(FILE_NAME);
    }

    private static Message message(final String id, final BusMessage payload) {
        return TestMessages.message(payload).toBuilder().id(id).build();
    }

    private static Message first() {
        return message("m1", TestMessages.buildCompleted());
    }

    private static Message second() {
        return message("m2", TestMessages.testCompleted());
    }

    private static Message third() {
        return message("m3", TestMessages.securityScanCompleted());
    }

    private static String json(final Message message) {
        return CODEC.toJson(message);
    }

    private static byte[] line(final Message message) {
        return (json(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void write(final String content) throws IOException {
        Files.write(file(), content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rawLines(final Path path) throws IOException {
        return Files.readAllLines(path, StandardCharsets.UTF_8);
    }

    // --- appending and reading ---

    @Test
    void shouldReadAppendedMessagesEqualAndInOrder() {
        Journal journal = Journal.at(file());

        journal.append(first());
        journal.append(second());
        journal.append(third());

        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first(), second(), third());
        assertThat(journal.scan(MessageFilter.ALL, message -> { }))
                .isEqualTo(new JournalScan(3, 3, 0, List.of()));
    }

    @Test
    void shouldAppendAllMessagesInOrderAsOneLineEach() throws IOException {
        Journal journal = Journal.at(file());
        journal.append(first());

        journal.appendAll(List.of(second(), third()));

        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first(), second(), third());
        assertThat(rawLines(file())).containsExactly(json(first()), json(second()), json(third()));
    }

    @Test
    void shouldCreateNothingWhenAppendingNoMessages() {
        Journal.at(file()).appendAll(List.of());

        assertThat(file()).doesNotExist();
    }

    @Test
    void shouldReadJournalThatDoesNotExistYetAsEmpty() {
        Journal journal = Journal.at(folder.resolve("not-yet/created/" + FILE_NAME));

        List<Message> kept = new ArrayList<>();
        JournalScan scan = journal.scan(MessageFilter.ALL, kept::add);

        assertThat(scan).isEqualTo(new JournalScan(0, 0, 0, List.of()));
        assertThat(kept).isEmpty();
        assertThat(journal.read(MessageFilter.ALL)).isEmpty();
    }

    @Test
    void shouldCreateItsFolderOnFirstAppend() {
        Path nested = folder.resolve(".lotabots/run-42/" + FILE_NAME);
        Journal journal = Journal.at(nested);
        assertThat(nested.getParent()).doesNotExist();

        journal.append(first());

        assertThat(nested).isRegularFile();
        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first());
    }

    @Test
    void shouldResolveItsFileToAnAbsolutePath() {
        Journal journal = Journal.at(folder.resolve("a/../" + FILE_NAME));

        assertThat(journal.getFile()).isAbsolute().isEqualTo(file().toAbsolutePath());
    }

    @Test
    void shouldKeepAppendingAfterClose() {
        Journal journal = Journal.at(file());
        journal.append(first());

        journal.close();
        journal.append(second());
        journal.close();

        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first(), second());
    }

    @Test
    void shouldReadOnlyMessagesTheFilterKeeps() {
        Journal journal = Journal.at(file());
        journal.appendAll(List.of(first(), second(), third()));

        List<Message> kept = new ArrayList<>();
        JournalScan scan = journal.scan(MessageFilter.ofTypes(TestCompleted.TYPE), kept::add);

        assertThat(kept).containsExactly(second());
        assertThat(scan).isEqualTo(new JournalScan(3, 1, 0, List.of()));
    }

    // --- concurrency ---

    @Test
    void shouldKeepEveryLineWholeWhenSixteenThreadsAppendThroughOneJournal() throws Exception {
        Journal journal = Journal.at(file());

        appendConcurrently(thread -> journal);
        journal.close();

        assertEveryLineWholeAndInThreadOrder(file());
    }

    @Test
    void shouldKeepEveryLineWholeWhenEightJournalsOfTheSameFileAppendConcurrently() throws Exception {
        List<Journal> journals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            journals.add(Journal.at(file()));
        }

        appendConcurrently(thread -> journals.get(thread % journals.size()));
        journals.forEach(Journal::close);

        assertEveryLineWholeAndInThreadOrder(file());
    }

    @Test
    void shouldKeepEveryLineWholeWhenEightSingleProcessJournalsAppendConcurrently() throws Exception {
        List<Journal> journals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            journals.add(Journal.at(file(), Journal.Sharing.THIS_PROCESS));
        }

        appendConcurrently(thread -> journals.get(thread % journals.size()));
        journals.forEach(Journal::close);

        assertEveryLineWholeAndInThreadOrder(file());
    }

    @Test
    void shouldStartOnNewLineAfterTornLastLineInSingleProcessMode() throws IOException {
        String torn = json(second());
        write(json(first()) + "\n" + torn.substring(0, torn.length() - 10));
        Journal journal = Journal.at(file(), Journal.Sharing.THIS_PROCESS);

        journal.append(third());
        journal.append(first());

        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first(), third(), first());
        assertThat(journal.scan(MessageFilter.ALL, message -> { }).skipped()).isEqualTo(1);
        assertThat(rawLines(file())).hasSize(4);
    }

    @Test
    void shouldKeepEveryLineWholeWhenJournalsReachTheSameFileThroughASymbolicLink() throws Exception {
        Path link = folder.resolve("link.jsonl");
        Files.createFile(file());
        Files.createSymbolicLink(link, file());
        Journal direct = Journal.at(file());
        Journal linked = Journal.at(link);

        appendConcurrently(thread -> thread % 2 == 0 ? direct : linked, 4, 500);
        direct.close();
        linked.close();

        assertEveryLineWholeAndInThreadOrder(file(), 4, 500);
    }

    private void appendConcurrently(final IntFunction<Journal> journalOfThread) throws Exception {
        appendConcurrently(journalOfThread, THREADS, APPENDS_PER_THREAD);
    }

    private static void appendConcurrently(final IntFunction<Journal> journalOfThread, final int threads,
            final int appends) throws Exception {
        Message template = Message.builder()
                .type("journal.load")
                .time(TestMessages.TIME)
                .source("BuildBot")
                .correlationId(TestMessages.CORRELATION_ID)
                .payloadJson(CODEC.toObject(Map.of("text", "\u00e4 \u2192 \u2713, \"quoted\" and \\ escaped")))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Journal journal = journalOfThread.apply(thread);
                done.add(pool.submit(() -> {
                    List<Message> messages = new ArrayList<>(appends);
                    for (int i = 0; i < appends; i++) {
                        messages.add(template.toBuilder().source("Bot" + thread).id(thread + "-" + i).build());
                    }
                    start.await();
                    for (Message message : messages) {
                        journal.append(message);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static void assertEveryLineWholeAndInThreadOrder(final Path path) throws IOException {
        assertEveryLineWholeAndInThreadOrder(path, THREADS, APPENDS_PER_THREAD);
    }

    private static void assertEveryLineWholeAndInThreadOrder(final Path path, final int threads, final int appends)
            throws IOException {
        int total = threads * appends;
        byte[] content = Files.readAllBytes(path);
        int lineBreaks = 0;
        for (byte b : content) {
            if (b == '\n') {
                lineBreaks++;
            }
        }
        assertThat(content[content.length - 1]).as("the journal ends with a line break").isEqualTo((byte) '\n');
        assertThat(lineBreaks).as("lines in the journal").isEqualTo(total);

        List<Message> messages = new ArrayList<>(total);
        JournalScan scan = Journal.at(path).scan(MessageFilter.ALL, messages::add);

        assertThat(scan).as("every line is one whole message").isEqualTo(new JournalScan(total, total, 0, List.of()));
        Map<String, List<String>> idsBySource = new HashMap<>();
        for (Message message : messages) {
            idsBySource.computeIfAbsent(message.getSource(), source -> new ArrayList<>()).add(message.getId());
        }
        assertThat(idsBySource).hasSize(threads);
        for (int t = 0; t < threads; t++) {
            List<String> expected = new ArrayList<>(appends);
            for (int i = 0; i < appends; i++) {
                expected.add(t + "-" + i);
            }
            assertThat(idsBySource.get("Bot" + t)).as("messages of thread %d in its order", t)
                    .containsExactlyElementsOf(expected);
        }
    }

    // --- torn and damaged journals ---

    @Test
    void shouldReadEveryCompleteMessageAndSkipTornLastLine() throws IOException {
        String torn = json(third());
        write(json(first()) + "\n" + json(second()) + "\n" + torn.substring(0, torn.length() / 2));

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), second());
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.matched()).isEqualTo(2);
        assertThat(scan.skipped()).isEqualTo(1);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":3:")
                .contains("torn last line");
    }

    @Test
    void shouldStartAppendOnNewLineAfterTornLastLine() throws IOException {
        String torn = json(second());
        write(json(first()) + "\n" + torn.substring(0, torn.length() - 10));
        Journal journal = Journal.at(file());

        journal.append(third());

        List<Message> kept = new ArrayList<>();
        JournalScan scan = journal.scan(MessageFilter.ALL, kept::add);
        assertThat(kept).containsExactly(first(), third());
        assertThat(scan.skipped()).isEqualTo(1);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":2:");
        assertThat(rawLines(file())).hasSize(3).last().isEqualTo(json(third()));
    }

    @Test
    void shouldStartOnNewLineWhenAnotherWriterTornTheFileAfterOwnAppend() throws IOException {
        Journal journal = Journal.at(file());
        journal.append(first());
        String torn = json(second());
        Files.write(file(), torn.substring(0, 30).getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        journal.append(third());

        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first(), third());
        assertThat(journal.scan(MessageFilter.ALL, message -> { }).skipped()).isEqualTo(1);
    }

    @Test
    void shouldSkipGarbageLineInTheMiddleWithItsLineNumber() throws IOException {
        write(json(first()) + "\n" + "this is not a message {\n" + json(second()) + "\n" + json(third()) + "\n");

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), second(), third());
        assertThat(scan.lines()).isEqualTo(4);
        assertThat(scan.skipped()).isEqualTo(1);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":2:")
                .contains("not a valid message")
                .doesNotContain("torn");
    }

    @Test
    void shouldSkipLineWithInvalidEnvelopeAndNameIt() throws IOException {
        String noSource = json(second()).replace("\"source\":{\"bot_name\":\"TestBot\"},", "");
        write(json(first()) + "\n" + noSource + "\n" + json(third()) + "\n");

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), third());
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":2:")
                .contains("source.bot_name");
    }

    @Test
    void shouldTolerateBlankLinesAndCrlfLineEndings() throws IOException {
        write("\r\n" + json(first()) + "\r\n\r\n   \t\n" + json(second()) + "\r\n\n" + json(third()) + "\r\n");

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), second(), third());
        assertThat(scan).isEqualTo(new JournalScan(3, 3, 0, List.of()));
    }

    @Test
    void shouldCountBlankLinesInLineNumbersOfWarnings() throws IOException {
        write(json(first()) + "\r\n\r\n" + "garbage\r\n" + json(second()) + "\r\n");

        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, message -> { });

        assertThat(scan.matched()).isEqualTo(2);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":3:");
    }

    @Test
    void shouldReadCompleteLastLineWithoutTrailingNewline() throws IOException {
        write(json(first()) + "\n" + json(second()));

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), second());
        assertThat(scan).isEqualTo(new JournalScan(2, 2, 0, List.of()));
    }

    @Test
    void shouldAppendAfterCompleteLastLineWithoutTrailingNewline() throws IOException {
        write(json(first()));

        Journal.at(file()).append(second());

        assertThat(rawLines(file())).containsExactly(json(first()), json(second()));
    }

    // --- hostile and huge journals ---

    @Test
    void shouldSkipLineLongerThanTheLargestMessageAndReadTheLinesAroundIt() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        assertThat(huge.length).isGreaterThan(MessageCodec.MAX_MESSAGE_BYTES);
        try (OutputStream out = Files.newOutputStream(file())) {
            out.write((json(first()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(huge);
            out.write(("\n" + json(second()) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first(), second());
        assertThat(scan.lines()).isEqualTo(3);
        assertThat(scan.skipped()).isEqualTo(1);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":2:")
                .contains("longer than");
    }

    @Test
    void shouldSkipHugeTornLastLine() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) '{');
        try (OutputStream out = Files.newOutputStream(file())) {
            out.write((json(first()) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(huge);
        }

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first());
        assertThat(scan.skipped()).isEqualTo(1);
        assertThat(scan.warnings()).singleElement(STRING)
                .startsWith(FILE_NAME + ":2:");
    }

    @Test
    void shouldCapWarningsButCountEverySkippedLine() throws IOException {
        int garbage = JournalScan.MAX_WARNINGS + 50;
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < garbage; i++) {
            content.append("not json ").append(i).append('\n');
        }
        content.append(json(first())).append('\n');
        write(content.toString());

        List<Message> kept = new ArrayList<>();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ALL, kept::add);

        assertThat(kept).containsExactly(first());
        assertThat(scan.skipped()).isEqualTo(garbage);
        assertThat(scan.lines()).isEqualTo(garbage + 1);
        assertThat(scan.warnings()).hasSize(JournalScan.MAX_WARNINGS);
        assertThat(scan.warnings().get(0)).startsWith(FILE_NAME + ":1:");
        assertThat(scan.warnings().get(JournalScan.MAX_WARNINGS - 1))
                .startsWith(FILE_NAME + ":" + JournalScan.MAX_WARNINGS + ":");
    }

    @Test
    void shouldCountExactMatchesOfTypeFilterInLargeJournal() throws IOException {
        int total = 200_000;
        int every = 8;
        byte[] build = line(Message.builder(new BuildCompleted("b1", null, "main", "c1", null, null, null, null))
                .id("1").time(TestMessages.TIME).source("BuildBot").build());
        byte[] test = line(Message.builder(new TestCompleted(1, 1, null, null, null, null, null, 1.0, null, null,
                null)).id("2").time(TestMessages.TIME).source("TestBot").build());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file()), 1 << 16)) {
            for (int i = 0; i < total; i++) {
                out.write(i % every == 0 ? build : test);
            }
        }

        AtomicLong delivered = new AtomicLong();
        JournalScan scan = Journal.at(file()).scan(MessageFilter.ofTypes(BuildCompleted.TYPE), message -> {
            assertThat(message.getType()).isEqualTo(BuildCompleted.TYPE);
            delivered.incrementAndGet();
        });

        assertThat(scan).isEqualTo(new JournalScan(total, total / every, 0, List.of()));
        assertThat(delivered).hasValue(total / every);
    }

    @Test
    void shouldSkipLinesOfRejectedTypesWithoutParsingThem() throws IOException {
        String brokenPayload = json(second()).replaceFirst("\"payload\":\\{.*}}$", "\"payload\":{\"total_tests\":");
        assertThat(brokenPayload).startsWith("{\"id\":").contains("\"type\":\"test.completed\"");
        write(json(first()) + "\n" + brokenPayload + "\n" + json(third()) + "\n");

        List<Message> kept = new ArrayList<>();
        JournalScan filtered = Journal.at(file()).scan(MessageFilter.ofTypes(BuildCompleted.TYPE), kept::add);
        JournalScan all = Journal.at(file()).scan(MessageFilter.ALL, message -> { });

        assertThat(kept).containsExactly(first());
        assertThat(filtered).isEqualTo(new JournalScan(3, 1, 0, List.of()));
        assertThat(all.skipped()).as("the same line is reported when its type is wanted").isEqualTo(1);
    }

    // --- refusing ---

    @Test
    void shouldRefuseMessageLargerThanTheLimitAndLeaveJournalUnchanged() throws IOException {
        Journal journal = Journal.at(file());
        journal.append(first());
        byte[] before = Files.readAllBytes(file());
        Message huge = hugeMessage();

        assertThatThrownBy(() -> journal.append(huge))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.getCode()).isEqualTo(MessageErrorCode.TOO_LARGE));
        assertThatThrownBy(() -> journal.appendAll(List.of(second(), huge)))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.getCode()).isEqualTo(MessageErrorCode.TOO_LARGE));

        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        assertThat(journal.read(MessageFilter.ALL)).containsExactly(first());
    }

    private static Message hugeMessage() {
        String data = String.join("", Collections.nCopies(MessageCodec.MAX_MESSAGE_BYTES + 1, "x"));
        return Message.builder()
                .type("custom.huge")
                .source("BuildBot")
                .payloadJson(CODEC.toObject(Map.of("data", data)))
                .build();
    }

    @Test
    void shouldRefuseToAppendToDirectoryNamingThePath() throws IOException {
        Path directory = Files.createDirectories(file());
        Journal journal = Journal.at(directory);

        assertThatThrownBy(() -> journal.append(first()))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(JournalErrorCode.NOT_A_FILE))
                .hasMessageContaining(directory.toString());
    }

    @Test
    void shouldRefuseToReadDirectoryNamingThePath() throws IOException {
        Path directory = Files.createDirectories(file());
        Journal journal = Journal.at(directory);

        assertThatThrownBy(() -> journal.read(MessageFilter.ALL))
                .isInstanceOfSatisfying(LotaBotsException.class,
                        e -> assertThat(e.getCode()).isEqualTo(JournalErrorCode.NOT_A_FILE))
                .hasMessageContaining(directory.toString());
    }
}
