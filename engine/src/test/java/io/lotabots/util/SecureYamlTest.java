package io.lotabots.util;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureYamlTest {
    private static final int LIMIT = 64 * 1024;

    @TempDir
    private Path folder;

    @Test
    void shouldReadAPlainDocument() throws SecureYaml.InvalidYamlException {
        JsonNode tree = SecureYaml.readTree(bytes("a: 1\nb: [x, y]\n"), LIMIT);

        assertThat(tree.path("a").asInt()).isEqualTo(1);
        assertThat(tree.path("b").get(1).asText()).isEqualTo("y");
    }

    @Test
    void shouldRefuseADuplicateKeyNamingItsLine() {
        assertThatThrownBy(() -> SecureYaml.readTree(bytes("a: 1\nb: 2\na: 3\n"), LIMIT))
                .isInstanceOf(SecureYaml.InvalidYamlException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void shouldRefuseBillionLaughsAtTheFirstAlias() {
        StringBuilder laughs = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            laughs.append("]\n");
        }

        assertThatThrownBy(() -> SecureYaml.readTree(bytes(laughs.toString()), LIMIT))
                .isInstanceOfSatisfying(SecureYaml.InvalidYamlException.class, e -> {
                    assertThat(e.getLine()).isEqualTo(2);
                    assertThat(e.getReason()).contains("alias '*a'").contains("anchors and aliases are refused");
                });
    }

    @Test
    void shouldRefuseAnAliasThatWouldOtherwiseBeReadAsItsAnchorsName() {
        assertThatThrownBy(() -> SecureYaml.readTree(bytes("x: &env production\ny: *env\n"), LIMIT))
                .hasMessageContaining("line 2").hasMessageContaining("'*env'");
    }

    @Test
    void shouldRefuseDeepNesting() {
        String deep = "[".repeat(200) + "]".repeat(200);

        assertThatThrownBy(() -> SecureYaml.readTree(bytes(deep), LIMIT))
                .isInstanceOf(SecureYaml.InvalidYamlException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldRefuseAHugeDocumentBeforeParsingIt() throws IOException {
        Path huge = folder.resolve("huge.yaml");
        Files.write(huge, ("k: " + "x".repeat(LIMIT) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SecureYaml.readBounded(huge, LIMIT))
                .isInstanceOf(SecureYaml.InvalidYamlException.class)
                .hasMessageContaining("larger than 64 KiB");
        assertThatThrownBy(() -> SecureYaml.readTree(Files.readAllBytes(huge), LIMIT))
                .isInstanceOf(SecureYaml.InvalidYamlException.class);
    }

    @Test
    void shouldNameTheLineOfASyntaxError() {
        assertThatThrownBy(() -> SecureYaml.readTree(bytes("a: 1\nb: [unclosed\nc: 2\n"), LIMIT))
                .isInstanceOfSatisfying(SecureYaml.InvalidYamlException.class,
                        e -> assertThat(e.getLine()).isGreaterThan(1));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
