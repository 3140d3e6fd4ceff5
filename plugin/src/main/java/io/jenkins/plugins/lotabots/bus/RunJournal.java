package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.TaskListener;

import io.lotabots.bus.Journal;
import io.lotabots.bus.JournalScan;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The journal of one build: its bot messages as JSON lines in {@code <build dir>/lotabots/messages.jsonl}, written
 * and read through the engine's {@link Journal}, which keeps the lines of parallel branches whole and skips a torn
 * last line. Appending also keeps the build's {@link BotMessagesAction} up to date and starts the jobs whose
 * {@link BotMessageTrigger} subscribes to the new messages.
 */
public final class RunJournal {
    /** The folder in the build directory. */
    public static final String DIRECTORY = "lotabots";
    /** The file name of the journal. */
    public static final String FILE_NAME = "messages.jsonl";
    /** The build parameter that carries the triggering message as JSON. */
    public static final String MESSAGE_PARAMETER = "LOTABOTS_MESSAGE";
    /** The build parameter that carries the correlation id of the triggering message. */
    public static final String CORRELATION_PARAMETER = "LOTABOTS_CORRELATION_ID";

    private static final Logger LOGGER = Logger.getLogger(RunJournal.class.getName());

    private final Run<?, ?> run;
    private final File file;

    private RunJournal(final Run<?, ?> run) {
        this.run = run;
        this.file = new File(new File(run.getRootDir(), DIRECTORY), FILE_NAME);
    }

    /**
     * Returns the journal of a build.
     *
     * @param run the build
     * @return its journal; the file is created with the first message
     */
    public static RunJournal of(final Run<?, ?> run) {
        return new RunJournal(run);
    }

    /**
     * Returns the journal file.
     *
     * @return {@code <build dir>/lotabots/messages.jsonl}
     */
    public File getFile() {
        return file;
    }

    private Journal journal() {
        // Only the controller writes a build's journal, so the in-JVM lock is enough.
        return Journal.at(file.toPath(), Journal.Sharing.THIS_PROCESS);
    }

    /**
     * Reads every complete message of the build, in order. Unreadable lines (a torn last line after a crash) are
     * skipped and reported in the Jenkins log.
     *
     * @return the messages
     */
    public List<Message> read() {
        return read(MessageFilter.ALL);
    }

    /**
     * Reads the messages of the build that the filter keeps, in order.
     *
     * @param filter which messages to keep
     * @return the messages
     */
    public List<Message> read(final MessageFilter filter) {
        List<Message> messages = new ArrayList<>();
        scan(filter, messages::add);
        return messages;
    }

    /**
     * Streams the messages of the build that the filter keeps, for journals of any size.
     *
     * @param filter which messages to keep
     * @param consumer receives them, in order
     * @return what was read and skipped
     */
    public JournalScan scan(final MessageFilter filter, final Consumer<Message> consumer) {
        try (Journal journal = journal()) {
            JournalScan scan = journal.scan(filter, consumer);
            if (scan.skipped() > 0) {
                LOGGER.log(Level.WARNING, "{0}: {1}", new Object[] {
                        Messages.RunJournal_SkippedLines(scan.skipped(), file), String.join("; ", scan.warnings())});
            }
            return scan;
        }
    }

    /**
     * Appends messages to the journal in one write, then adds or updates the build's {@link BotMessagesAction} and
     * saves the build, then starts the jobs whose {@link BotMessageTrigger} matches a message.
     *
     * @param messages the messages, in order
     * @throws IOException if the journal or the build cannot be written
     * @throws io.lotabots.message.InvalidMessageException if a message is too large; nothing is appended then
     */
    public void appendAll(final List<Message> messages) throws IOException {
        appendAll(messages, null, UnaryOperator.identity());
    }

    /**
     * Appends messages as {@link #appendAll(List)} does, after passing every text of them through {@code masking},
     * and reports the jobs it started to the build's console. This is the one way messages enter a build's journal,
     * so whatever the build masks on its console ({@link io.jenkins.plugins.lotabots.BuildSecrets}) is masked here
     * before anything is stored, served by the REST API or passed to a triggered job.
     *
     * @param given the messages, in order
     * @param listener the build's console, or {@code null}
     * @param masking the masking of the build's secrets, for example {@code masker::mask}
     * @throws IOException if the journal or the build cannot be written
     */
    public void appendAll(final List<Message> given, @CheckForNull final TaskListener listener,
            final UnaryOperator<String> masking) throws IOException {
        if (given.isEmpty()) {
            return;
        }
        List<Message> messages = new ArrayList<>(given.size());
        for (Message message : given) {
            messages.add(message.withTextsReplaced(masking));
        }
        try (Journal journal = journal()) {
            journal.appendAll(messages);
        }
        catch (LotaBotsException e) {
            if (e.getCause() instanceof IOException) {
                throw new IOException(e.getMessage(), e.getCause());
            }
            throw e;
        }
        BotMessagesAction action;
        synchronized (run) {
            action = run.getAction(BotMessagesAction.class);
            if (action == null) {
                action = new BotMessagesAction();
                action.record(messages);
                run.addAction(action);
            }
            else {
                action.record(messages);
            }
        }
        run.save();
        BotMessageTrigger.fire(run, messages, listener);
    }

    /**
     * Returns the correlation id of this build's messages: that of the message that triggered the build through
     * {@link BotMessageTrigger}, or {@code jenkins/<job full name>/<build number>}.
     *
     * @return the correlation id
     */
    public String correlationId() {
        BotMessageCause cause = run.getCause(BotMessageCause.class);
        String causeId = cause == null ? null : cause.getCorrelationId();
        if (causeId != null && !causeId.isBlank()) {
            return causeId;
        }
        ParametersAction parameters = run.getAction(ParametersAction.class);
        if (parameters != null) {
            ParameterValue value = parameters.getParameter(CORRELATION_PARAMETER);
            if (value instanceof StringParameterValue) {
                String id = ((StringParameterValue) value).getValue();
                if (id != null && !id.isBlank()) {
                    return id.trim();
                }
            }
        }
        return ownCorrelationId(run);
    }

    /**
     * Returns the correlation id a build has when no message triggered it.
     *
     * @param run the build
     * @return {@code jenkins/<job full name>/<build number>}
     */
    static String ownCorrelationId(final Run<?, ?> run) {
        return "jenkins/" + run.getParent().getFullName() + "/" + run.getNumber();
    }
}
