package io.lotabots.bot.deploy;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.directory.DirectoryDeployment;
import io.lotabots.bot.deploy.directory.DirectoryRollback;
import io.lotabots.bot.deploy.directory.DirectorySettings;
import io.lotabots.bot.deploy.directory.DirectoryTarget;
import io.lotabots.error.LotaBotsException;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Adapts the directory target (release folders with an atomic {@code current} link) to {@link DeployTarget}.
 */
final class DirectoryDeployTarget implements DeployTarget {
    private final DirectoryTarget target;
    private final Path artifact;
    private final String version;
    private final String releases;

    /**
     * How a jar starts when no command is given: the port comes from the environment ({@code PORT}, and
     * {@code SERVER_PORT} for Spring Boot), so the command needs no option that the application might refuse.
     */
    static final String DEFAULT_JAR_COMMAND = "java -jar ${ARTIFACT}";

    private DirectoryDeployTarget(final DirectoryTarget target, final Path artifact, final String version,
            final String releases) {
        this.target = target;
        this.artifact = artifact;
        this.version = version;
        this.releases = releases;
    }

    /**
     * Creates the adapter from DeployBot's request.
     *
     * @param request the request
     * @param environment the environment
     * @param version the version
     * @param context the context
     * @param built the artifact BuildBot built, when the request names none, or {@code null}
     * @return the target
     */
    static DeployTarget create(final DeployRequest request, final String environment, final String version,
            final BotContext context, @CheckForNull final Path built) {
        DeployRequest.Directory options = request.directory();
        Path workspace = context.getWorkspace();
        String artifactOption = options.artifact();
        if (artifactOption == null && built == null && !request.rollback()) {
            throw invalid("The directory target needs the artifact to deploy: give it, for example artifact:"
                    + " 'target/app.jar', or run BuildBot first with artifacts: 'target/*.jar' so that DeployBot takes"
                    + " the file its build.completed recorded.");
        }
        Path artifact = artifactOption != null ? workspace.resolve(artifactOption).normalize()
                : built != null ? built : workspace;
        String startCommand = options.startCommand();
        // a rollback restarts a release with the command it was deployed with; the jar default is only used for a
        // release that an earlier LotaBots recorded without its commands
        if (startCommand == null && (isJar(artifact) || request.rollback())) {
            startCommand = DEFAULT_JAR_COMMAND;
        }
        if (startCommand == null) {
            throw invalid("The directory target needs the command that starts a release, for example"
                    + " startCommand: 'java -jar ${ARTIFACT} --server.port=${PORT}' (a .jar gets '"
                    + DEFAULT_JAR_COMMAND + "' by default).");
        }
        Path releases = workspace.resolve(options.releases()).normalize();
        String stopCommand = options.stopCommand();
        DirectorySettings settings = new DirectorySettings(releases, environment, words(startCommand),
                stopCommand == null ? List.of() : words(stopCommand), options.healthPath(),
                options.bluePort(), options.greenPort(), options.startTimeout(), request.rollbackWindow());
        return new DirectoryDeployTarget(new DirectoryTarget(settings, context), artifact, version,
                releases.toString());
    }

    @Override
    public String getKind() {
        return "directory";
    }

    @Override
    public String describe() {
        return "releases " + releases;
    }

    @Override
    public void validate() {
        target.validate(artifact, version);
    }

    @Override
    public Optional<String> backup(final BackupStore backups) {
        return target.backup().map(backups::refOf);
    }

    @Override
    public TargetDeployment deploy(final DeployStrategy strategy, final DeployChecks checks) {
        AtomicReference<CheckOutcome> smoke = new AtomicReference<>();
        AtomicReference<CheckOutcome> canary = new AtomicReference<>();
        DirectoryDeployment deployment = target.deploy(artifact, version, strategy, url -> {
            CheckOutcome outcome = checks.smoke(url);
            smoke.set(outcome);
            return outcome.passed();
        }, url -> {
            CheckOutcome outcome = checks.canary(url);
            canary.set(outcome);
            return outcome.passed();
        });
        String failure = deployment.switched() ? null : failureOf(smoke.get(), canary.get());
        return new TargetDeployment(deployment.switched(), deployment.version(),
                String.valueOf(deployment.releaseDir().getFileName()) + " (" + deployment.slot() + ")",
                String.valueOf(deployment.url()), deployment.previousVersion().orElse(null), failure, true,
                deployment.actions());
    }

    /** Why a deployment did not switch, in the words of the Kubernetes target. */
    private static String failureOf(@CheckForNull final CheckOutcome smoke, @CheckForNull final CheckOutcome canary) {
        if (canary != null && !canary.passed()) {
            return "the canary check failed: " + canary.summary();
        }
        if (smoke != null && !smoke.passed()) {
            return "the smoke tests failed: " + smoke.summary();
        }
        return "the new release did not switch";
    }

    @Override
    public TargetRollback rollback(@CheckForNull final String backupRef, final BackupStore backups) {
        DirectoryRollback rollback = target.rollback();
        return new TargetRollback(rollback.rolledBack(), rollback.fromVersion().orElse(null),
                rollback.toVersion().orElse(null), String.valueOf(rollback.url()), rollback.actions());
    }

    /**
     * Splits a command into words as a shell does, without running one: blanks separate words, single and double
     * quotes keep blanks.
     */
    static List<String> words(final String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw invalid("The command '" + command + "' has an unclosed quote.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw invalid("The command is empty; give one like 'java -jar ${ARTIFACT}'.");
        }
        return words;
    }

    private static boolean isJar(final Path artifact) {
        Path name = artifact.getFileName();
        return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar");
    }

    private static LotaBotsException invalid(final String message) {
        return LotaBotsException.of(DeployErrorCode.INVALID_REQUEST, message);
    }
}
