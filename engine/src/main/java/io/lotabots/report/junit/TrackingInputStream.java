package io.lotabots.report.junit;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Watches the bytes an XML reader takes from a report, so that a parse error can be classified without relying on
 * the reader's (localised, implementation-specific) messages: whether the file had any content and whether it
 * starts like XML, whether the reader reached its end, how many lines the file has, the last few kilobytes of it,
 * and whether the underlying stream failed. Lines break the way XML breaks them: {@code \n}, {@code \r\n} and a
 * lone {@code \r}.
 */
final class TrackingInputStream extends FilterInputStream {
    /** How much of the end of the file is kept, to look at what follows the position of a parse error. */
    static final int TAIL_BYTES = 16 * 1024;

    private final byte[] tail = new byte[TAIL_BYTES];
    private long total;
    private boolean endReached;
    private int firstContentByte = -1;
    private int lineBreaks;
    private int lastLineChars;
    private boolean afterCarriageReturn;
    @CheckForNull
    private IOException failure;

    TrackingInputStream(final InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        }
        catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n < 0) {
            endReached = true;
            return n;
        }
        track(buffer, offset, n);
        return n;
    }

    /**
     * Tracks a chunk in bulk: the end of it goes into the ring with two array copies, line breaks are counted in
     * one tight loop, and the characters of the last line only after the chunk's last line break.
     */
    private void track(final byte[] buffer, final int offset, final int n) {
        int kept = Math.min(n, TAIL_BYTES);
        int from = offset + n - kept;
        int position = (int) ((total + n - kept) % TAIL_BYTES);
        int first = Math.min(kept, TAIL_BYTES - position);
        System.arraycopy(buffer, from, tail, position, first);
        System.arraycopy(buffer, from + first, tail, 0, kept - first);
        total += n;

        int end = offset + n;
        if (firstContentByte < 0) {
            for (int i = offset; i < end && firstContentByte < 0; i++) {
                if (!isBlank(buffer[i])) {
                    firstContentByte = buffer[i] & 0xFF;
                }
            }
        }
        int lastBreak = -1;
        boolean carriageReturn = afterCarriageReturn;
        int breaks = 0;
        for (int i = offset; i < end; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                if (!carriageReturn) {
                    breaks++;
                }
                lastBreak = i;
                carriageReturn = false;
            }
            else if (b == '\r') {
                breaks++;
                lastBreak = i;
                carriageReturn = true;
            }
            else {
                carriageReturn = false;
            }
        }
        lineBreaks += breaks;
        afterCarriageReturn = carriageReturn;
        int lineStart = offset;
        if (lastBreak >= 0) {
            lastLineChars = 0;
            lineStart = lastBreak + 1;
        }
        for (int i = lineStart; i < end; i++) {
            if ((buffer[i] & 0xC0) != 0x80) {
                lastLineChars++;
            }
        }
    }

    /** White space, and the bytes of byte order marks and of UTF-16 white space. */
    private static boolean isBlank(final byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0 || b == (byte) 0xEF || b == (byte) 0xBB
                || b == (byte) 0xBF || b == (byte) 0xFE || b == (byte) 0xFF;
    }

    @Override
    public long skip(final long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Returns whether the reader got to the end of the stream.
     *
     * @return {@code true} at the end
     */
    boolean isEndReached() {
        return endReached;
    }

    /**
     * Returns whether the stream had anything but white space and byte order marks so far.
     *
     * @return {@code true} if it had
     */
    boolean hasContent() {
        return firstContentByte >= 0;
    }

    /**
     * Returns whether the first thing in the stream, after white space and a byte order mark, is a {@code <}.
     *
     * @return {@code true} if the stream starts like an XML document
     */
    boolean startsLikeXml() {
        return firstContentByte == '<';
    }

    /**
     * Returns the number of the last line that has content, counting from 1: where an editor shows the end of the
     * file.
     *
     * @return the line number
     */
    int getLastContentLine() {
        return lastLineChars == 0 && lineBreaks > 0 ? lineBreaks : lineBreaks + 1;
    }

    /**
     * Returns the text from a position to the end of what was read so far.
     *
     * @param line the line, counting from 1
     * @param column the column, counting from 1 (a column of 0 is taken as 1)
     * @return the text, or {@code null} if the position is no longer in the kept end of the file
     */
    @CheckForNull
    String textFrom(final int line, final int column) {
        int lastLine = lineBreaks + 1;
        if (line > lastLine) {
            return "";
        }
        int kept = (int) Math.min(total, TAIL_BYTES);
        byte[] bytes = new byte[kept];
        for (int i = 0; i < kept; i++) {
            bytes[i] = tail[(int) ((total - kept + i) % TAIL_BYTES)];
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        int lineEnd = text.length();
        for (int current = lastLine; current > line; current--) {
            lineEnd = text.lastIndexOf('\n', lineEnd - 1);
            if (lineEnd < 0) {
                return null;
            }
        }
        int lineStart = lineEnd == 0 ? 0 : text.lastIndexOf('\n', lineEnd - 1) + 1;
        int from = lineStart + Math.max(column, 1) - 1;
        if (lineStart == 0 && total > kept) {
            if (line != lastLine) {
                return null;
            }
            from -= lastLineChars - lineEnd;
        }
        if (from < 0) {
            return null;
        }
        return text.substring(Math.min(from, lineEnd));
    }

    /**
     * Returns the failure of the underlying stream, if it failed.
     *
     * @return the failure, or {@code null}
     */
    @CheckForNull
    IOException getFailure() {
        return failure;
    }
}
