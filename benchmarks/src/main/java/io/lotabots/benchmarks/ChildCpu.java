package io.lotabots.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command and measures the CPU time of it and all its children (user + system, start-up included), as
 * {@code getrusage(RUSAGE_CHILDREN)} counts it: the command runs under {@code bash -c '...; times'}, whose
 * {@code times} prints the CPU time of the shell's finished children. Java has no portable access to the rusage of a
 * child process that has ended ({@code ProcessHandle.Info.totalCpuDuration()} is gone once it exits), and a JVM, node
 * or npx each start helper processes, which only the children's rusage counts.
 */
final class ChildCpu {
    private static final Pattern TIME = Pattern.compile("(\\d+)m([\\d.]+)s");

    /**
     * What one run took.
     *
     * @param exitCode the command's exit code
     * @param userSeconds CPU seconds in user mode, children included
     * @param systemSeconds CPU seconds in the kernel, children included
     * @param wallSeconds elapsed seconds
     */
    record Run(int exitCode, double userSeconds, double systemSeconds, double wallSeconds) {
        double cpuSeconds() {
            return userSeconds + systemSeconds;
        }
    }

    private ChildCpu() {
    }

    /**
     * Runs a command in a folder; its output goes to a file.
     *
     * @param folder the working folder
     * @param output where standard output and error go
     * @param command the program and its arguments
     * @return the exit code and times
     * @throws IOException if bash cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    static Run run(final Path folder, final Path output, final List<String> command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", "-c",
                "\"$@\" >\"$OUT\" 2>&1; code=$?; times; exit $code", "bash"));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(folder.toFile());
        builder.environment().put("OUT", output.toString());
        builder.redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String[] lines = times.strip().split("\n");
        // times prints the shell's own user and system time, then its children's
        Matcher matcher = TIME.matcher(lines[lines.length - 1]);
        double[] seconds = new double[2];
        for (int i = 0; i < 2; i++) {
            if (!matcher.find()) {
                throw new IllegalStateException("Cannot read the CPU times of " + command + " from '" + times + "'");
            }
            seconds[i] = Long.parseLong(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2));
        }
        return new Run(code, seconds[0], seconds[1], wall);
    }

    /**
     * Formats a run for the report.
     *
     * @param run the run
     * @return user, system, CPU and wall seconds
     */
    static String format(final Run run) {
        return String.format(Locale.ROOT, "user %.2f s + sys %.2f s = CPU %.2f s, wall %.2f s", run.userSeconds(),
                run.systemSeconds(), run.cpuSeconds(), run.wallSeconds());
    }
}
