package io.lotabots.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the end-to-end tests of a build-test-deploy run of examples/sample-app share: a fresh copy of the sample app
 * for each test, four free loopback ports for staging and production (blue and green), the scenario settings that
 * point the run at them and shorten its watch to 4 seconds (so that a test neither collides with another program nor
 * waits 30 seconds), and stopping what the run deployed after each test.
 */
abstract class BuildTestDeployFixture {
    /** The copy of the sample app the test runs in. */
    @TempDir
    Path copy;

    /** The blue port of staging. */
    int stagingBlue;
    /** The green port of staging. */
    int stagingGreen;
    /** The blue port of production. */
    int productionBlue;
    /** The green port of production. */
    int productionGreen;

    @BeforeEach
    void copySampleApp() throws IOException {
        SampleApp.copyTo(copy);
        stagingBlue = SampleApp.freePort();
        stagingGreen = SampleApp.freePort();
        productionBlue = SampleApp.freePort();
        productionGreen = SampleApp.freePort();
    }

    @AfterEach
    void stopTheDeployedServices() {
        SampleApp.stopDeployed(copy, "staging", stagingBlue, stagingGreen);
        SampleApp.stopDeployed(copy, "production", productionBlue, productionGreen);
    }

    /**
     * Returns the scenario settings ({@code STAGE.OPTION} to value) for the ports and a watch of 4 seconds.
     *
     * @return the settings, in the order of the scenario's stages
     */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("deployStaging.bluePort", String.valueOf(stagingBlue));
        settings.put("deployStaging.greenPort", String.valueOf(stagingGreen));
        settings.put("deployProduction.bluePort", String.valueOf(productionBlue));
        settings.put("deployProduction.greenPort", String.valueOf(productionGreen));
        settings.put("rollbackProduction.bluePort", String.valueOf(productionBlue));
        settings.put("rollbackProduction.greenPort", String.valueOf(productionGreen));
        settings.put("monitor.duration", "4s");
        settings.put("monitor.interval", "2s");
        return settings;
    }
}
