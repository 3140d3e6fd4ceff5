package io.lotabots.acceptance;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jenkins under test has the LotaBots plugin installed and active.
 */
@RequiresJenkins
class PluginInstalledATest {
    @Test
    void shouldHaveTheLotaBotsPluginInstalledAndActive() throws Exception {
        JsonNode plugins = JenkinsClient.fromEnvironment()
                .getJson("pluginManager/api/json?tree=plugins[shortName,active,enabled,version]").get("plugins");

        JsonNode lotabots = StreamSupport.stream(plugins.spliterator(), false)
                .filter(plugin -> "lotabots".equals(plugin.path("shortName").asText()))
                .findFirst().orElse(null);

        assertThat(lotabots).as("the lotabots plugin in %s", plugins).isNotNull();
        assertThat(lotabots.path("active").asBoolean()).as("active").isTrue();
        assertThat(lotabots.path("enabled").asBoolean()).as("enabled").isTrue();
    }
}
