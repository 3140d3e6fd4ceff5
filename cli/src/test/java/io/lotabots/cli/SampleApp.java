package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.directory.DirectorySettings;
import io.lotabots.bot.deploy.directory.DirectoryTarget;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled examples/sample-app for the end-to-end tests: a clean copy of it, free loopback ports, HTTP gets and
 * stopping the releases a test deployed.
 */
final class SampleApp {
    private SampleApp() {
    }

    /**
     * Copies examples/sample-app without its build output and LotaBots state.
     *
     * @param copy the folder to copy it into
     * @throws IOException if a file cannot be copied
     */
    static void copyTo(final Path copy) throws IOException {
        Path sample = Path.of(System.getProperty("user.dir")).resolve("../examples/sample-app").normalize();
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path file : files.filter(path -> !sample.relativize(path).startsWith("target")
                    && !sample.relativize(path).startsWith(".lotabots")).toList()) {
                Path target = copy.resolve(sample.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /**
     * Returns a loopback port that is free now.
     *
     * @return the port
     * @throws IOException if no port can be opened
     */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Gets a path from a port on loopback.
     *
     * @param port the port
     * @param path the path
     * @return the status and the body, separated by a space
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted
     */
    static String get(final int port, final String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /**
     * Stops every release of the sample app that DeployBot's directory target started in an environment of a copy.
     *
     * @param copy the copy the releases were deployed from
     * @param environment the environment, for example {@code staging}
     * @param bluePort the environment's blue port
     * @param greenPort the environment's green port
     */
    static void stopDeployed(final Path copy, final String environment, final int bluePort, final int greenPort) {
        DirectorySettings settings = new DirectorySettings(copy.resolve(".lotabots/releases"), environment,
                List.of("java", "-jar", "${ARTIFACT}"), List.of(), "/health", bluePort, greenPort,
                Duration.ofSeconds(60), Duration.ofHours(24));
        new DirectoryTarget(settings, BotContext.builder(copy).build()).stopAll();
    }
}
