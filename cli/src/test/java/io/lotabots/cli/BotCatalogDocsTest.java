package io.lotabots.cli;

import io.lotabots.bot.BotCatalogDocs;
import io.lotabots.bot.BotRegistry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BotCatalogDocsTest {
    @Test
    void shouldMatchTheCommittedBotCatalogue() throws IOException {
        Path committed = Path.of(System.getProperty("user.dir")).resolve("../docs/BOTS.md");

        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/BOTS.md is out of date; regenerate it with: %s", BotCatalogDocs.REGENERATE)
                .isEqualTo(BotCatalogDocs.render(BotRegistry.standard()));
    }

    @Test
    void shouldListTheRegisteredBotsWithTheirOptions() {
        String docs = BotCatalogDocs.render(BotRegistry.standard());

        assertThat(docs).contains("| [BuildBot](#buildbot) | `lotabots build` | `buildBot` |")
                .contains("| [TestBot](#testbot) | `lotabots test` | `testBot` |")
                .contains("| `minCoverage` | `--min-coverage` | number | none |");
    }
}
