package io.lotabots.util;

import java.util.ArrayList;
import java.util.List;

/**
 * The log a bot result carries: info lines and error lines, each capped so that a bot that streams a huge build
 * output keeps bounded memory, like analysis-model's {@code FilteredLog}. What is dropped is counted and said in a
 * last line. Thread-safe.
 */
public final class EngineLog implements LogSink {
    /** The most info lines kept by default. */
    public static final int DEFAULT_MAX_INFO_LINES = 5_000;
    /** The most error lines kept by default. */
    public static final int DEFAULT_MAX_ERROR_LINES = 200;

    private final String title;
    private final int maxInfoLines;
    private final int maxErrorLines;
    private final List<String> infoLines = new ArrayList<>();
    private final List<String> errorLines = new ArrayList<>();
    private int droppedInfo;
    private int droppedErrors;

    /**
     * Creates a log with the default caps.
     *
     * @param title what the error lines are about, for example {@code Errors while reading test reports:}
     */
    public EngineLog(final String title) {
        this(title, DEFAULT_MAX_INFO_LINES, DEFAULT_MAX_ERROR_LINES);
    }

    /**
     * Creates a log.
     *
     * @param title what the error lines are about
     * @param maxInfoLines the most info lines kept
     * @param maxErrorLines the most error lines kept
     */
    public EngineLog(final String title, final int maxInfoLines, final int maxErrorLines) {
        this.title = title;
        this.maxInfoLines = maxInfoLines;
        this.maxErrorLines = maxErrorLines;
    }

    @Override
    public synchronized void info(final String line) {
        if (infoLines.size() < maxInfoLines) {
            infoLines.add(line);
        }
        else {
            droppedInfo++;
        }
    }

    @Override
    public synchronized void error(final String line) {
        if (errorLines.size() < maxErrorLines) {
            errorLines.add(line);
        }
        else {
            droppedErrors++;
        }
    }

    /**
     * Returns the title of the error lines.
     *
     * @return the title
     */
    public String getTitle() {
        return title;
    }

    /**
     * Returns the info lines kept, followed by a line that counts the dropped ones if any were.
     *
     * @return the lines
     */
    public synchronized List<String> getInfoLines() {
        List<String> lines = new ArrayList<>(infoLines);
        if (droppedInfo > 0) {
            lines.add("... " + droppedInfo + " more lines not kept");
        }
        return List.copyOf(lines);
    }

    /**
     * Returns the error lines kept, followed by a line that counts the dropped ones if any were.
     *
     * @return the lines
     */
    public synchronized List<String> getErrorLines() {
        List<String> lines = new ArrayList<>(errorLines);
        if (droppedErrors > 0) {
            lines.add("... " + droppedErrors + " more errors not kept");
        }
        return List.copyOf(lines);
    }

    /**
     * Returns whether any error was logged.
     *
     * @return {@code true} if there are errors
     */
    public synchronized boolean hasErrors() {
        return !errorLines.isEmpty() || droppedErrors > 0;
    }
}
