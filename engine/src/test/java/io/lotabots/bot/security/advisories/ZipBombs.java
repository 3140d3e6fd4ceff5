package io.lotabots.bot.security.advisories;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip bombs of OSV-looking entries: every entry is the same advisory whose {@code versions} array repeats one
 * version until the entry has the given size, deflated once and written as many times as asked. The bytes are what
 * {@link java.util.zip.ZipOutputStream} would write, without deflating gigabytes in the test.
 */
final class ZipBombs {
    private ZipBombs() {
    }

    /** Returns one advisory of about {@code size} bytes that lists the version "1" again and again. */
    static byte[] advisory(final int size) {
        String head = "{\"id\":\"BOMB-1\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"bomb\"},"
                + "\"versions\":[\"1\"";
        String tail = "]}]}";
        StringBuilder json = new StringBuilder(size).append(head);
        while (json.length() + tail.length() + 4 <= size) {
            json.append(",\"1\"");
        }
        return json.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes a zip of {@code entries} copies of the content.
     *
     * @return the uncompressed size of all entries
     */
    static long write(final Path zip, final byte[] content, final int entries) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] data = compressed.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(content);
        long[] offsets = new long[entries];
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16);
                LittleEndian out = new LittleEndian(file)) {
            for (int i = 0; i < entries; i++) {
                offsets[i] = out.written;
                byte[] name = name(i);
                out.int32(0x04034b50).int16(20).int16(0).int16(8).int32(0).int32((int) crc.getValue())
                        .int32(data.length).int32(content.length).int16(name.length).int16(0).bytes(name)
                        .bytes(data);
            }
            long directory = out.written;
            for (int i = 0; i < entries; i++) {
                byte[] name = name(i);
                out.int32(0x02014b50).int16(20).int16(20).int16(0).int16(8).int32(0).int32((int) crc.getValue())
                        .int32(data.length).int32(content.length).int16(name.length).int16(0).int16(0).int16(0)
                        .int16(0).int32(0).int32((int) offsets[i]).bytes(name);
            }
            long size = out.written - directory;
            out.int32(0x06054b50).int16(0).int16(0).int16(entries).int16(entries).int32((int) size)
                    .int32((int) directory).int16(0);
        }
        return (long) content.length * entries;
    }

    private static byte[] name(final int i) {
        return ("osv/BOMB-" + i + ".json").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the little-endian numbers of the zip format and counts the bytes. */
    private static final class LittleEndian implements AutoCloseable {
        private final DataOutputStream out;
        private long written;

        LittleEndian(final OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        LittleEndian int16(final int value) throws IOException {
            out.write(value & 0xFF);
            out.write(value >>> 8 & 0xFF);
            written += 2;
            return this;
        }

        LittleEndian int32(final int value) throws IOException {
            int16(value & 0xFFFF);
            return int16(value >>> 16);
        }

        LittleEndian bytes(final byte[] bytes) throws IOException {
            out.write(bytes);
            written += bytes.length;
            return this;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
