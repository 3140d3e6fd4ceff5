package io.lotabots.bot.deploy.directory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds runnable jars of {@link TestService} for the tests, and the commands that start and stop them.
 */
final class ServiceJars {
    private ServiceJars() {
    }

    /** The java launcher of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The folder holding the test classes. */
    static Path testClasses() {
        try {
            return Path.of(TestService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the jar: {@code java -jar ${ARTIFACT}}, with flags that make a small JVM start fast. */
    static List<String> startCommand(final String... extra) {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx32m", "-jar", "${ARTIFACT}"));
        command.addAll(List.of(extra));
        return command;
    }

    /** Asks the service on {@code ${PORT}} to shut down. */
    static List<String> stopCommand() {
        return List.of(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                testClasses().toString(), TestServiceStopper.class.getName());
    }

    /**
     * Writes a runnable jar of the test service.
     *
     * @param file the jar
     * @param mode healthy, unhealthy or crash
     * @return the jar
     * @throws IOException if it cannot be written
     */
    static Path write(final Path file, final String mode) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TestService.class.getName());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path classes = testClasses();
        String folder = TestService.class.getPackageName().replace('.', '/');
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.list(classes.resolve(folder))) {
            for (Path classFile : files.filter(f -> f.getFileName().toString().startsWith("TestService")).toList()) {
                jar.putNextEntry(new JarEntry(folder + "/" + classFile.getFileName()));
                jar.write(Files.readAllBytes(classFile));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("test-service.properties"));
            jar.write(("mode=" + mode + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
