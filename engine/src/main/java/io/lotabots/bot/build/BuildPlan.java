package io.lotabots.bot.build;

import io.lotabots.error.LotaBotsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The commands a build runs, chosen from the build files in the workspace or from the user's command, and the
 * non-essential steps each build tool can be told to skip.
 *
 * <p>Detection, first match wins: {@code mvnw} → {@code ./mvnw -B verify}; {@code pom.xml} →
 * {@code mvn -B verify}; {@code gradlew} → {@code ./gradlew build}; {@code build.gradle} or
 * {@code build.gradle.kts} → {@code gradle build}; {@code package.json} → {@code npm ci} ({@code npm install}
 * without a lock file), {@code npm run build --if-present}, {@code npm test}. A wrapper that is not executable
 * (checked out without its mode) is run with {@code sh}.</p>
 *
 * <p>Skipping: Maven gets one {@code -D<property>=true} per step ({@link #MAVEN_SKIP_PROPERTIES}, otherwise
 * {@code -D<step>.skip=true}, the convention most plugins follow); Gradle gets {@code -x javadoc} and
 * {@code -x test} (other task names may not exist in a project, and {@code -x} of a missing task fails the build,
 * so they are not passed); npm drops {@code npm test} for the step {@code test}. Steps a tool cannot skip are
 * listed in {@link #getUnskippable()}; a custom command whose program is not Maven or Gradle skips nothing
 * itself but sees the requested steps in {@code LOTABOTS_SKIP_STEPS}.</p>
 */
final class BuildPlan {
    /** The build tool, which decides how steps are skipped. */
    enum Tool { MAVEN, GRADLE, NPM, CUSTOM }

    /** The Maven properties that skip well-known steps. */
    static final Map<String, String> MAVEN_SKIP_PROPERTIES = Map.ofEntries(
            Map.entry("javadoc", "maven.javadoc.skip"), Map.entry("site", "maven.site.skip"),
            Map.entry("source", "maven.source.skip"), Map.entry("sources", "maven.source.skip"),
            Map.entry("test", "skipTests"), Map.entry("tests", "skipTests"),
            Map.entry("checkstyle", "checkstyle.skip"), Map.entry("spotbugs", "spotbugs.skip"),
            Map.entry("pmd", "pmd.skip"), Map.entry("jacoco", "jacoco.skip"), Map.entry("enforcer", "enforcer.skip"),
            Map.entry("gpg", "gpg.skip"), Map.entry("deploy", "maven.deploy.skip"),
            Map.entry("install", "maven.install.skip"));

    private static final Map<String, String> GRADLE_TASKS = Map.of("javadoc", "javadoc", "test", "test",
            "tests", "test");
    private static final List<String> BUILD_FILES = List.of("mvnw", "pom.xml", "gradlew", "build.gradle",
            "build.gradle.kts", "package.json");
    private static final Pattern STEP = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private final Tool tool;
    private final List<List<String>> commands;
    private final List<String> skippedSteps;
    private final List<String> unskippable;

    private BuildPlan(final Tool tool, final List<List<String>> commands, final List<String> skippedSteps,
            final List<String> unskippable) {
        this.tool = tool;
        this.commands = commands.stream().map(List::copyOf).toList();
        this.skippedSteps = List.copyOf(skippedSteps);
        this.unskippable = List.copyOf(unskippable);
    }

    /**
     * Chooses the commands from the build files in the workspace.
     *
     * @param workspace the workspace
     * @return the plan
     * @throws LotaBotsException with {@link BuildErrorCode#NO_BUILD_TOOL} naming the files looked for
     */
    static BuildPlan detect(final Path workspace) {
        if (Files.isRegularFile(workspace.resolve("mvnw"))) {
            return of(Tool.MAVEN, wrapper(workspace, "mvnw", "-B", "verify"));
        }
        if (Files.isRegularFile(workspace.resolve("pom.xml"))) {
            return of(Tool.MAVEN, List.of("mvn", "-B", "verify"));
        }
        if (Files.isRegularFile(workspace.resolve("gradlew"))) {
            return of(Tool.GRADLE, wrapper(workspace, "gradlew", "build"));
        }
        if (Files.isRegularFile(workspace.resolve("build.gradle"))
                || Files.isRegularFile(workspace.resolve("build.gradle.kts"))) {
            return of(Tool.GRADLE, List.of("gradle", "build"));
        }
        if (Files.isRegularFile(workspace.resolve("package.json"))) {
            boolean locked = Files.isRegularFile(workspace.resolve("package-lock.json"))
                    || Files.isRegularFile(workspace.resolve("npm-shrinkwrap.json"));
            return new BuildPlan(Tool.NPM, List.of(locked ? List.of("npm", "ci") : List.of("npm", "install"),
                    List.of("npm", "run", "build", "--if-present"), List.of("npm", "test")), List.of(), List.of());
        }
        throw LotaBotsException.of(BuildErrorCode.NO_BUILD_TOOL, "Cannot tell how to build '" + workspace
                + "': it has none of " + String.join(", ", BUILD_FILES) + ". Give the command option, for"
                + " example command: 'make all', or run in the folder that holds the build file.");
    }

    private static List<String> wrapper(final Path workspace, final String name, final String... args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(workspace.resolve(name))) {
            command.add("./" + name);
        }
        else {
            command.add("sh");
            command.add("./" + name);
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Uses the user's command; Maven and Gradle programs are recognized by name for skipping.
     *
     * @param command the command, split as a shell would without running one
     * @return the plan
     */
    static BuildPlan custom(final String command) {
        List<String> words = CommandWords.split(command);
        String program = String.valueOf(Path.of(words.get(0)).getFileName()).toLowerCase(Locale.ROOT);
        Tool tool = switch (program) {
            case "mvn", "mvnw", "mvn.cmd", "mvnw.cmd" -> Tool.MAVEN;
            case "gradle", "gradlew", "gradle.bat", "gradlew.bat" -> Tool.GRADLE;
            default -> Tool.CUSTOM;
        };
        return of(tool, words);
    }

    private static BuildPlan of(final Tool tool, final List<String> command) {
        return new BuildPlan(tool, List.of(command), List.of(), List.of());
    }

    /**
     * Returns a plan that skips the given steps where this tool can.
     *
     * @param steps the non-essential steps, for example {@code javadoc} and {@code site}
     * @return the plan
     * @throws LotaBotsException with {@link BuildErrorCode#INVALID_STEP} for a step that is not a plain word
     */
    BuildPlan skipping(final List<String> steps) {
        List<String> extraArguments = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> notSkipped = new ArrayList<>();
        boolean dropTests = false;
        for (String step : steps.stream().map(String::trim).filter(text -> !text.isEmpty()).distinct().toList()) {
            if (!STEP.matcher(step).matches()) {
                throw LotaBotsException.of(BuildErrorCode.INVALID_STEP, "The non-essential step '" + step
                        + "' is not a plain name; give names like javadoc or site, separated by commas.");
            }
            String lower = step.toLowerCase(Locale.ROOT);
            switch (tool) {
                case MAVEN -> {
                    extraArguments.add("-D" + MAVEN_SKIP_PROPERTIES.getOrDefault(lower, step + ".skip") + "=true");
                    skipped.add(step);
                }
                case GRADLE -> {
                    if (GRADLE_TASKS.containsKey(lower)) {
                        extraArguments.add("-x");
                        extraArguments.add(GRADLE_TASKS.get(lower));
                        skipped.add(step);
                    }
                    else {
                        notSkipped.add(step);
                    }
                }
                case NPM -> {
                    if ("test".equals(lower) || "tests".equals(lower)) {
                        dropTests = true;
                        skipped.add(step);
                    }
                    else {
                        notSkipped.add(step);
                    }
                }
                default -> notSkipped.add(step);
            }
        }
        boolean withoutTests = dropTests;
        List<List<String>> changed = new ArrayList<>();
        for (List<String> command : commands) {
            if (withoutTests && List.of("npm", "test").equals(command)) {
                continue;
            }
            List<String> extended = new ArrayList<>(command);
            extended.addAll(extraArguments);
            changed.add(extended);
        }
        return new BuildPlan(tool, changed, skipped, notSkipped);
    }

    /**
     * Returns a plan whose failing tests do not fail the build, so that TestBot judges them from the reports with
     * its own gate: Maven gets {@code -Dmaven.test.failure.ignore=true} (Surefire and Failsafe both honour it).
     * Other tools have no such switch on the command line and are left as they are.
     *
     * @return the plan
     */
    BuildPlan leavingTestFailuresToTestBot() {
        if (tool != Tool.MAVEN) {
            return this;
        }
        List<List<String>> changed = new ArrayList<>();
        for (List<String> command : commands) {
            List<String> extended = new ArrayList<>(command);
            extended.add("-Dmaven.test.failure.ignore=true");
            changed.add(extended);
        }
        return new BuildPlan(tool, changed, skippedSteps, unskippable);
    }

    Tool getTool() {
        return tool;
    }

    List<List<String>> getCommands() {
        return commands;
    }

    List<String> getSkippedSteps() {
        return skippedSteps;
    }

    List<String> getUnskippable() {
        return unskippable;
    }

    /**
     * Returns the commands as a user would type them, joined by {@code &&}.
     *
     * @return the text
     */
    String describe() {
        return commands.stream().map(BuildPlan::describe).collect(Collectors.joining(" && "));
    }

    static String describe(final List<String> command) {
        return command.stream().map(word -> word.isEmpty() || word.matches(".*[\\s'\"\\\\$`].*")
                ? "'" + word.replace("'", "'\\''") + "'" : word).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return tool + ": " + describe();
    }
}
