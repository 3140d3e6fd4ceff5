package io.lotabots.report.junit;

/**
 * Keeps the first lines of a text that arrives in chunks: at most {@link #MAX_LINES} lines and {@link #MAX_CHARS}
 * characters, without leading white space and with {@code \r\n} turned into {@code \n}. Whatever comes after the
 * limit is dropped as it arrives, so a stack trace of any size costs bounded memory.
 */
final class FirstLines {
    /** The most lines kept. */
    static final int MAX_LINES = 10;
    /** The most characters kept. */
    static final int MAX_CHARS = 2_000;

    private final StringBuilder text = new StringBuilder();
    private int lineBreaks;
    private boolean started;
    private boolean afterCarriageReturn;
    private boolean full;

    /**
     * Appends a chunk.
     *
     * @param chars the buffer
     * @param start the first character of the chunk
     * @param length the length of the chunk
     */
    void append(final char[] chars, final int start, final int length) {
        for (int i = start; i < start + length && !full; i++) {
            append(chars[i]);
        }
    }

    /**
     * Appends a chunk.
     *
     * @param chunk the text
     */
    void append(final String chunk) {
        for (int i = 0; i < chunk.length() && !full; i++) {
            append(chunk.charAt(i));
        }
    }

    private void append(final char c) {
        if (!started) {
            if (Character.isWhitespace(c)) {
                return;
            }
            started = true;
        }
        boolean carriageReturn = c == '\r';
        if (c == '\n' && afterCarriageReturn) {
            afterCarriageReturn = false;
            return;
        }
        afterCarriageReturn = carriageReturn;
        if (c == '\n' || carriageReturn) {
            lineBreaks++;
            if (lineBreaks >= MAX_LINES) {
                full = true;
                return;
            }
            text.append('\n');
        }
        else {
            text.append(c);
        }
        if (text.length() >= MAX_CHARS) {
            full = true;
        }
    }

    @Override
    public String toString() {
        int end = text.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing();
    }
}
