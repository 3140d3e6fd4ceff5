package io.lotabots.message;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MessageCatalogDocsTest {
    @Test
    void shouldMatchTheCommittedMessageCatalogue() throws IOException {
        Path committed = Path.of(System.getProperty("user.dir")).resolve("../docs/messages.md");

        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/messages.md is out of date; regenerate it with: %s", MessageCatalogDocs.REGENERATE)
                .isEqualTo(MessageCatalogDocs.render());
    }

    @Test
    void shouldDocumentEveryTypeAndEveryField() {
        String docs = MessageCatalogDocs.render();

        for (MessageType<?> type : MessageCatalog.all()) {
            assertThat(docs).contains("### " + type.getName());
            for (MessageType.Field field : type.getFields()) {
                assertThat(docs).contains("| `" + field.getName() + "` |");
            }
        }
    }
}
