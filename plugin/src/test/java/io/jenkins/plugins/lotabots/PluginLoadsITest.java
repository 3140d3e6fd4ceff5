package io.jenkins.plugins.lotabots;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.PluginWrapper;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class PluginLoadsITest {
    @Test
    void shouldBeInstalledAndActive(JenkinsRule j) {
        PluginWrapper plugin = j.jenkins.getPluginManager().getPlugin("lotabots");

        assertNotNull(plugin, "Plugin 'lotabots' is not installed in the test Jenkins");
        assertTrue(plugin.isActive(), "Plugin 'lotabots' is installed but not active");
    }
}
