package io.lotabots.report.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstLinesTest {
    @Test
    void shouldDropLeadingWhiteSpaceAndTrailingWhiteSpace() {
        assertThat(of("\n\n    fail_test.go:6: Error message\n    fail_test.go:7: Longer\n  \n"))
                .isEqualTo("fail_test.go:6: Error message\n    fail_test.go:7: Longer");
    }

    @Test
    void shouldTurnWindowsAndOldMacLineBreaksIntoNewlines() {
        assertThat(of("a\r\nb\rc\n\rd")).isEqualTo("a\nb\nc\n\nd");
    }

    @Test
    void shouldKeepAtMostTenLines() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("line ").append(i).append('\n');
        }

        assertThat(of(text.toString()).lines()).hasSize(FirstLines.MAX_LINES).last().isEqualTo("line 10");
    }

    @Test
    void shouldKeepAtMostTwoThousandCharacters() {
        assertThat(of("x".repeat(100_000))).hasSize(FirstLines.MAX_CHARS);
    }

    @Test
    void shouldNotEndInHalfACharacter() {
        String text = "x".repeat(FirstLines.MAX_CHARS - 1) + "\uD83D\uDE00";

        assertThat(of(text)).isEqualTo("x".repeat(FirstLines.MAX_CHARS - 1));
    }

    @Test
    void shouldGiveTheSameTextWhateverTheChunks() {
        String text = "  java.lang.AssertionError: expected\r\n\tat A.b(A.java:1)\r\n\tat A.c(A.java:2)\r\n";
        FirstLines chunked = new FirstLines();
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i += 3) {
            chunked.append(chars, i, Math.min(3, chars.length - i));
        }

        assertThat(chunked.toString()).isEqualTo(of(text))
                .isEqualTo("java.lang.AssertionError: expected\n\tat A.b(A.java:1)\n\tat A.c(A.java:2)");
    }

    private static String of(final String text) {
        FirstLines lines = new FirstLines();
        lines.append(text);
        return lines.toString();
    }
}
