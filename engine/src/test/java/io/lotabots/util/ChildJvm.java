package io.lotabots.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a new JVM with a small heap, so that a test can show that reading a
 * hostile input stays within a memory bound: the child either finishes with a clear error or runs out of memory,
 * and the test sees which. The child JVM exits on the first {@link OutOfMemoryError} and prints it.
 */
public final class ChildJvm {
    private static final long TIMEOUT_MINUTES = 5;

    private ChildJvm() {
    }

    /**
     * Runs the main class and returns what it printed.
     *
     * @param maxHeap the heap limit, for example {@code 128m}
     * @param mainClass the class with a {@code main} method
     * @param args its arguments
     * @return the exit code and the output (stdout and stderr)
     * @throws IOException if the JVM cannot be started
     * @throws InterruptedException if the test is interrupted
     */
    public static Result run(final String maxHeap, final Class<?> mainClass, final String... args)
            throws IOException, InterruptedException {
        return run(Map.of(), maxHeap, mainClass, args);
    }

    /**
     * Runs the main class with more environment variables and returns what it printed.
     *
     * @param environment variables added to this JVM's environment, for example secrets the child reads
     * @param maxHeap the heap limit, for example {@code 128m}
     * @param mainClass the class with a {@code main} method
     * @param args its arguments
     * @return the exit code and the output (stdout and stderr)
     * @throws IOException if the JVM cannot be started
     * @throws InterruptedException if the test is interrupted
     */
    public static Result run(final Map<String, String> environment, final String maxHeap, final Class<?> mainClass,
            final String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("The child JVM did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * What the child JVM did.
     *
     * @param exitCode its exit code
     * @param output what it printed
     */
    public record Result(int exitCode, String output) {
    }
}
