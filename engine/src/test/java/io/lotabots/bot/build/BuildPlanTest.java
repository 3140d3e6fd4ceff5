package io.lotabots.bot.build;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BuildPlanTest {
    @TempDir
    private Path workspace;

    private void marker(final String name) throws IOException {
        Files.writeString(workspace.resolve(name), "");
    }

    private void executable(final String name) throws IOException {
        Files.writeString(workspace.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(workspace.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void assertFails(final Runnable action, final BuildErrorCode code, final String text) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(action::run)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(code))
                .withMessageContaining(text);
    }

    @Test
    void shouldPreferTheMavenWrapperOverPomXml() throws IOException {
        executable("mvnw");
        marker("pom.xml");
        marker("package.json");

        BuildPlan plan = BuildPlan.detect(workspace);

        assertThat(plan.getTool()).isEqualTo(BuildPlan.Tool.MAVEN);
        assertThat(plan.getCommands()).containsExactly(List.of("./mvnw", "-B", "verify"));
        assertThat(plan.describe()).isEqualTo("./mvnw -B verify");
    }

    @Test
    void leavesFailingMavenTestsToTestBotAndOtherToolsAsTheyAre() throws IOException {
        marker("pom.xml");

        assertThat(BuildPlan.detect(workspace).leavingTestFailuresToTestBot().getCommands())
                .containsExactly(List.of("mvn", "-B", "verify", "-Dmaven.test.failure.ignore=true"));
        assertThat(BuildPlan.custom("gradle build").leavingTestFailuresToTestBot().getCommands())
                .containsExactly(List.of("gradle", "build"));
    }

    @Test
    void shouldRunAWrapperWithoutExecuteBitThroughSh() throws IOException {
        marker("mvnw");

        assertThat(BuildPlan.detect(workspace).getCommands()).containsExactly(List.of("sh", "./mvnw", "-B", "verify"));
    }

    @Test
    void shouldRunMavenForPomXmlWithoutWrapper() throws IOException {
        marker("pom.xml");

        assertThat(BuildPlan.detect(workspace).getCommands()).containsExactly(List.of("mvn", "-B", "verify"));
    }

    @Test
    void shouldRunTheGradleWrapperBuild() throws IOException {
        executable("gradlew");
        marker("build.gradle");
        marker("package.json");

        BuildPlan plan = BuildPlan.detect(workspace);

        assertThat(plan.getTool()).isEqualTo(BuildPlan.Tool.GRADLE);
        assertThat(plan.getCommands()).containsExactly(List.of("./gradlew", "build"));
    }

    @Test
    void shouldRunGradleForKotlinBuildScriptWithoutWrapper() throws IOException {
        marker("build.gradle.kts");

        assertThat(BuildPlan.detect(workspace).getCommands()).containsExactly(List.of("gradle", "build"));
    }

    @Test
    void shouldRunNpmCiBuildAndTestForPackageJsonWithLockFile() throws IOException {
        marker("package.json");
        marker("package-lock.json");

        BuildPlan plan = BuildPlan.detect(workspace);

        assertThat(plan.getTool()).isEqualTo(BuildPlan.Tool.NPM);
        assertThat(plan.getCommands()).containsExactly(List.of("npm", "ci"),
                List.of("npm", "run", "build", "--if-present"), List.of("npm", "test"));
        assertThat(plan.describe()).isEqualTo("npm ci && npm run build --if-present && npm test");
    }

    @Test
    void shouldRunNpmInstallWithoutLockFileBecauseNpmCiNeedsOne() throws IOException {
        marker("package.json");

        assertThat(BuildPlan.detect(workspace).getCommands().get(0)).containsExactly("npm", "install");
    }

    @Test
    void shouldNameEveryBuildFileItLookedForWhenNoneIsThere() throws IOException {
        marker("Makefile");

        assertFails(() -> BuildPlan.detect(workspace), BuildErrorCode.NO_BUILD_TOOL,
                "none of mvnw, pom.xml, gradlew, build.gradle, build.gradle.kts, package.json. Give the command");
    }

    @Test
    void shouldSkipNonEssentialMavenStepsWithSkipProperties() throws IOException {
        marker("pom.xml");

        BuildPlan plan = BuildPlan.detect(workspace).skipping(List.of("javadoc", "site", "tests", "dependency-check"));

        assertThat(plan.getCommands()).containsExactly(List.of("mvn", "-B", "verify", "-Dmaven.javadoc.skip=true",
                "-Dmaven.site.skip=true", "-DskipTests=true", "-Ddependency-check.skip=true"));
        assertThat(plan.getSkippedSteps()).containsExactly("javadoc", "site", "tests", "dependency-check");
        assertThat(plan.getUnskippable()).isEmpty();
    }

    @Test
    void shouldSkipOnlyTasksEveryJavaGradleBuildHas() throws IOException {
        executable("gradlew");

        BuildPlan plan = BuildPlan.detect(workspace).skipping(List.of("javadoc", " site ", "test", "javadoc"));

        assertThat(plan.getCommands()).containsExactly(List.of("./gradlew", "build", "-x", "javadoc", "-x", "test"));
        assertThat(plan.getSkippedSteps()).containsExactly("javadoc", "test");
        assertThat(plan.getUnskippable()).containsExactly("site");
    }

    @Test
    void shouldDropNpmTestWhenTestsAreNonEssential() throws IOException {
        marker("package.json");

        BuildPlan plan = BuildPlan.detect(workspace).skipping(List.of("test", "javadoc"));

        assertThat(plan.getCommands()).containsExactly(List.of("npm", "install"),
                List.of("npm", "run", "build", "--if-present"));
        assertThat(plan.getSkippedSteps()).containsExactly("test");
        assertThat(plan.getUnskippable()).containsExactly("javadoc");
    }

    @Test
    void shouldRecognizeMavenAndGradleInCustomCommands() {
        assertThat(BuildPlan.custom("/opt/maven/bin/mvn -B -q package").skipping(List.of("javadoc")).getCommands())
                .containsExactly(List.of("/opt/maven/bin/mvn", "-B", "-q", "package", "-Dmaven.javadoc.skip=true"));
        assertThat(BuildPlan.custom("./gradlew assemble").getTool()).isEqualTo(BuildPlan.Tool.GRADLE);
    }

    @Test
    void shouldSkipNothingInOtherCustomCommandsAndSaySo() {
        BuildPlan plan = BuildPlan.custom("sh -c 'make all'").skipping(List.of("javadoc", "site"));

        assertThat(plan.getTool()).isEqualTo(BuildPlan.Tool.CUSTOM);
        assertThat(plan.getCommands()).containsExactly(List.of("sh", "-c", "make all"));
        assertThat(plan.getSkippedSteps()).isEmpty();
        assertThat(plan.getUnskippable()).containsExactly("javadoc", "site");
    }

    @Test
    void shouldRefuseStepNamesThatAreNotPlainWords() throws IOException {
        marker("pom.xml");
        BuildPlan plan = BuildPlan.detect(workspace);

        assertFails(() -> plan.skipping(List.of("javadoc", "-X -Dfoo=bar")), BuildErrorCode.INVALID_STEP,
                "'-X -Dfoo=bar' is not a plain name");
        assertFails(() -> plan.skipping(List.of("a".repeat(100))), BuildErrorCode.INVALID_STEP, "plain name");
    }

    @Test
    void shouldSplitCommandsAsAShellWouldWithoutRunningOne() {
        assertThat(CommandWords.split("  mvn   -B verify ")).containsExactly("mvn", "-B", "verify");
        assertThat(CommandWords.split("sh -c 'echo \"a b\" && exit 3'")).containsExactly("sh", "-c",
                "echo \"a b\" && exit 3");
        assertThat(CommandWords.split("echo \"x \\\"y\\\" \\n\" a\\ b ''")).containsExactly("echo",
                "x \"y\" \\n", "a b", "");
        assertThat(CommandWords.split("echo $HOME *.jar")).containsExactly("echo", "$HOME", "*.jar");
    }

    @Test
    void shouldRefuseEmptyCommandsAndUnclosedQuotes() {
        assertFails(() -> CommandWords.split("   "), BuildErrorCode.INVALID_COMMAND, "is empty");
        assertFails(() -> CommandWords.split("sh -c 'echo"), BuildErrorCode.INVALID_COMMAND, "unclosed single quote");
        assertFails(() -> CommandWords.split("echo \"a"), BuildErrorCode.INVALID_COMMAND, "unclosed double quote");
        assertFails(() -> CommandWords.split("echo a\0b"), BuildErrorCode.INVALID_COMMAND, "NUL");
    }

    @Test
    void shouldQuoteWordsWhenDescribingCommands() {
        assertThat(BuildPlan.describe(List.of("sh", "-c", "echo 'hi' && exit 1", "")))
                .isEqualTo("sh -c 'echo '\\''hi'\\'' && exit 1' ''");
    }
}
