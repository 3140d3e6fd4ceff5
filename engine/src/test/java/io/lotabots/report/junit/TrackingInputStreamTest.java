package io.lotabots.report.junit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingInputStreamTest {
    @Test
    void shouldFindTheTextAfterAPosition() throws IOException {
        TrackingInputStream stream = readAll("<a>\r\n  <b>\r\n  </b");

        assertThat(stream.isEndReached()).isTrue();
        assertThat(stream.startsLikeXml()).isTrue();
        assertThat(stream.getLastContentLine()).isEqualTo(3);
        assertThat(stream.textFrom(3, 4)).isEqualTo("/b");
        assertThat(stream.textFrom(3, 0)).isEqualTo("  </b");
        assertThat(stream.textFrom(2, 3)).isEqualTo("<b>\n  </b");
        assertThat(stream.textFrom(2, 99)).as("a column past the line's end").isEqualTo("\n  </b");
        assertThat(stream.textFrom(1, 1)).isEqualTo("<a>\n  <b>\n  </b");
        assertThat(stream.textFrom(4, 1)).as("a line past the end").isEmpty();
    }

    @Test
    void shouldKnowOnlyTheEndOfALongFile() throws IOException {
        String longLine = "x".repeat(TrackingInputStream.TAIL_BYTES * 2);
        TrackingInputStream stream = readAll("<a>\n" + longLine + "<b");

        assertThat(stream.textFrom(2, longLine.length())).isEqualTo("x<b");
        assertThat(stream.textFrom(2, 1)).as("the start of the line is no longer kept").isNull();
        assertThat(stream.textFrom(1, 1)).isNull();
    }

    @Test
    void shouldTellBlankFromContent() throws IOException {
        assertThat(readAll("").hasContent()).isFalse();
        assertThat(readAll(" \n\t\r\n").hasContent()).isFalse();
        assertThat(readAll("\uFEFF  ").hasContent()).as("a byte order mark alone").isFalse();
        assertThat(readAll("\uFEFF<a/>").startsLikeXml()).isTrue();
        assertThat(readAll("{\"a\": 1}").startsLikeXml()).isFalse();
        assertThat(readAll("a\n\n").getLastContentLine()).isEqualTo(2);
    }

    @Test
    void shouldCountSkippedBytes() throws IOException {
        TrackingInputStream stream = new TrackingInputStream(
                new ByteArrayInputStream("one\ntwo\nthree".getBytes(StandardCharsets.UTF_8)));

        assertThat(stream.skip(100)).isEqualTo(13);
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.getLastContentLine()).isEqualTo(3);
        assertThat(stream.getFailure()).isNull();
    }

    private static TrackingInputStream readAll(final String text) throws IOException {
        TrackingInputStream stream = new TrackingInputStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        byte[] buffer = new byte[1000];
        while (stream.read(buffer, 0, buffer.length) >= 0) {
            // read everything
        }
        return stream;
    }
}
