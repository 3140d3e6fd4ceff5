package io.lotabots.bot.build;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.OptionType;

import java.time.Duration;
import java.util.List;

/**
 * BuildBot's id, name, help and options, the one place the CLI ({@code lotabots build --artifacts 'target/*.jar'})
 * and the Pipeline step ({@code buildBot artifacts: ['target/*.jar']}) read them from.
 */
public final class BuildBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "build";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "BuildBot";
    /** The default store folder, relative to the workspace. */
    public static final String DEFAULT_STORE = ".lotabots/artifacts";
    /** The default build timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** The default non-essential steps. */
    public static final List<String> DEFAULT_NON_ESSENTIAL = List.of("javadoc", "site");
    /** The default S3 region. */
    public static final String DEFAULT_S3_REGION = "us-east-1";

    /** The build command. */
    public static final BotOption<String> COMMAND = BotOption.optional("command", OptionType.STRING, null,
            "Command that builds the project, run without a shell, for example 'mvn -B verify' or"
                    + " sh -c 'make all'; when empty, mvnw or pom.xml run Maven verify, gradlew or build.gradle run"
                    + " Gradle build, and package.json runs npm ci, npm run build and npm test.");
    /** The artifact patterns. */
    public static final BotOption<List<String>> ARTIFACTS = BotOption.optional("artifacts",
            OptionType.STRING_LIST, List.of(), "Ant-style patterns of the files to store after a successful"
                    + " build, relative to the workspace, for example target/*.jar,**/*.war; none by default.");
    /** The exclude patterns. */
    public static final BotOption<List<String>> EXCLUDES = BotOption.optional("excludes", OptionType.STRING_LIST,
            List.of(), "Ant-style patterns of files not to store, for example target/*-sources.jar.");
    /** The store location. */
    public static final BotOption<String> STORE = BotOption.optional("store", OptionType.STRING, DEFAULT_STORE,
            "Where artifacts are stored under <buildId>/<path>: a folder relative to the workspace (it may not"
                    + " leave it with ..), an absolute folder, or s3://bucket/prefix with credentials from"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
    /** Whether an empty match fails the build. */
    public static final BotOption<Boolean> REQUIRE_ARTIFACTS = BotOption.optional("requireArtifacts",
            OptionType.BOOLEAN, Boolean.FALSE, "Fail the build when the artifacts patterns match no file;"
                    + " by default that is only a warning.");
    /** The priority. */
    public static final BotOption<String> PRIORITY = BotOption.optional("priority",
            OptionType.choice("normal", "critical"), "normal",
            "Build priority: critical (for a hotfix) skips the non-essential steps.");
    /** The non-essential steps. */
    public static final BotOption<List<String>> NON_ESSENTIAL = BotOption.optional("nonEssential",
            OptionType.STRING_LIST, DEFAULT_NON_ESSENTIAL, "Steps skipped under critical priority, for example"
                    + " javadoc,site: Maven gets -Dmaven.javadoc.skip=true, -Dmaven.site.skip=true, -DskipTests for"
                    + " tests and -D<step>.skip=true for others; Gradle gets -x javadoc and -x test; npm drops npm"
                    + " test; every command sees them in LOTABOTS_SKIP_STEPS.");
    /** Who fails the run on failing tests. */
    public static final BotOption<String> TEST_FAILURES = BotOption.optional("testFailures",
            OptionType.choice("fail", "testBot"), "fail", "What failing tests do to the build: fail it, or testBot:"
                    + " the build goes on and TestBot's gate judges them from the reports (Maven gets"
                    + " -Dmaven.test.failure.ignore=true; other build tools fail as before).");
    /** The timeout. */
    public static final BotOption<Duration> TIMEOUT = BotOption.optional("timeout", OptionType.DURATION,
            DEFAULT_TIMEOUT, "How long the build may run before it is stopped and fails, for example 30m or 1h.");
    /** The branch. */
    public static final BotOption<String> BRANCH = BotOption.optional("branch", OptionType.STRING, null,
            "Branch being built; by default read from Git, or on a detached HEAD from BRANCH_NAME or GIT_BRANCH.");
    /** The commit. */
    public static final BotOption<String> COMMIT = BotOption.optional("commit", OptionType.STRING, null,
            "Commit being built; by default the HEAD commit of the workspace's Git repository.");
    /** The build id. */
    public static final BotOption<String> BUILD_ID = BotOption.optional("buildId", OptionType.STRING, null,
            "Identifier of the build and folder of its artifacts in the store, for example build-12345; by"
                    + " default build-<UTC time>-<commit>.");
    /** The S3 endpoint. */
    public static final BotOption<String> S3_ENDPOINT = BotOption.optional("s3Endpoint", OptionType.STRING, null,
            "Endpoint of an S3-compatible server such as MinIO, for example http://minio:9000; path-style access"
                    + " is used then. Empty for AWS S3.");
    /** The S3 region. */
    public static final BotOption<String> S3_REGION = BotOption.optional("s3Region", OptionType.STRING,
            DEFAULT_S3_REGION, "Region of the S3 bucket, for example eu-west-1.");

    private static final BotDescriptor<BuildRequest> DESCRIPTOR = BotDescriptor.of(ID, NAME,
            "Builds the project with its build tool, stores the artifacts with their SHA-256 checksums and"
                    + " announces build.completed or build.failed.",
            List.of(COMMAND, ARTIFACTS, EXCLUDES, STORE, REQUIRE_ARTIFACTS, PRIORITY, NON_ESSENTIAL, TEST_FAILURES,
                    TIMEOUT, BRANCH, COMMIT, BUILD_ID, S3_ENDPOINT, S3_REGION),
            BuildBotDescriptor::toRequest).withSecrets(
                    BotSecret.of("AWS_ACCESS_KEY_ID", "the access key id of an S3-compatible artifact store",
                            "awsAccessKeyId", "accessKeyId", "accessKey"),
                    BotSecret.of("AWS_SECRET_ACCESS_KEY", "the secret access key of an S3-compatible artifact store",
                            "awsSecretAccessKey", "secretAccessKey", "secretKey"),
                    BotSecret.of("AWS_SESSION_TOKEN", "the session token of an S3-compatible artifact store",
                            "awsSessionToken", "sessionToken"));

    private BuildBotDescriptor() {
    }

    /**
     * Returns the descriptor.
     *
     * @return the descriptor
     */
    public static BotDescriptor<BuildRequest> get() {
        return DESCRIPTOR;
    }

    private static BuildRequest toRequest(final BotOptions options) {
        return BuildRequest.builder()
                .command(options.get(COMMAND))
                .artifacts(options.require(ARTIFACTS))
                .excludes(options.require(EXCLUDES))
                .store(options.require(STORE))
                .requireArtifacts(options.require(REQUIRE_ARTIFACTS))
                .priority(BuildPriority.fromWireName(options.require(PRIORITY)))
                .nonEssential(options.require(NON_ESSENTIAL))
                .testFailuresToTestBot("testBot".equals(options.require(TEST_FAILURES)))
                .timeout(options.require(TIMEOUT))
                .branch(options.get(BRANCH))
                .commit(options.get(COMMIT))
                .buildId(options.get(BUILD_ID))
                .s3Endpoint(options.get(S3_ENDPOINT))
                .s3Region(options.require(S3_REGION))
                .build();
    }
}
