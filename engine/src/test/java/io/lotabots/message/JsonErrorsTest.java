package io.lotabots.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonErrorsTest {
    private static final String ENDS = "the JSON ends before the value is complete (a truncated file, or a missing } or ])";

    @Test
    void shouldWordATruncatedTextAndNameItsLine() {
        assertWords("{\"a\": [1, 2", 1, ENDS);
        assertWords("{\"a\":\n 1,\n \"b\": {", 3, ENDS);
    }

    @Test
    void shouldWordOtherParserErrorsWithoutItsInternals() {
        assertWords("{'a': 1}", 1, "unexpected single quote (JSON text takes double quotes): expected double-quote to"
                + " start field name");
        assertWords("{\"a\": nope}", 1, "unknown word 'nope': a value is text in double quotes, a number, an object,"
                + " a list, true, false or null");
        assertWords("{\"a\": 1]", 1, "a closing ] that closes nothing open");
    }

    private static void assertWords(final String json, final int line, final String words) {
        JsonProcessingException error = catchThrowableOfType(JsonProcessingException.class,
                () -> new ObjectMapper().readTree(json));

        assertThat(JsonErrors.describe(error)).isEqualTo(words).doesNotContain("Source").doesNotContain("marker");
        assertThat(JsonErrors.line(error)).isEqualTo(line);
    }
}
