package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.AbstractBotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a DeployBot run did, per environment and for the last environment it reached.
 *
 * <p>{@link #getOutputs()} gives a Pipeline {@code environment}, {@code version}, {@code strategy},
 * {@code target}, {@code rolledBack}, {@code deployed}, {@code environments} (one map per environment), and when
 * known {@code url}, {@code revision}, {@code backupRef}, {@code previousVersion} and {@code failure}.</p>
 */
public final class DeployResult extends AbstractBotResult {
    private final List<EnvironmentResult> environments;

    DeployResult(final BotStatus status, final String summary, final EngineLog log, final List<Message> messages,
            final List<EnvironmentResult> environments) {
        super(status, summary, log, messages);
        this.environments = List.copyOf(environments);
    }

    /**
     * What happened in one environment.
     *
     * @param environment the environment
     * @param version the version deployed, or rolled back from
     * @param target the target kind
     * @param strategy the strategy
     * @param deployed whether the version serves now
     * @param rolledBack whether the environment was rolled back, automatically or on demand
     * @param revision the revision that serves, or {@code null}
     * @param backupRef the backup of the state before, or {@code null} when nothing was deployed before
     * @param url where the application answers, or {@code null}
     * @param previousVersion the version that served before, or {@code null}
     * @param failure why it failed, or {@code null}
     * @param actions what was done and undone
     */
    public record EnvironmentResult(String environment, String version, String target, String strategy,
            boolean deployed, boolean rolledBack, @CheckForNull String revision, @CheckForNull String backupRef,
            @CheckForNull String url, @CheckForNull String previousVersion, @CheckForNull String failure,
            List<String> actions) {
        /**
         * Copies the actions.
         */
        public EnvironmentResult {
            actions = List.copyOf(actions);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("environment", environment);
            map.put("version", version);
            map.put("target", target);
            map.put("strategy", strategy);
            map.put("deployed", deployed);
            map.put("rolledBack", rolledBack);
            putIfPresent(map, "revision", revision);
            putIfPresent(map, "backupRef", backupRef);
            putIfPresent(map, "url", url);
            putIfPresent(map, "previousVersion", previousVersion);
            putIfPresent(map, "failure", failure);
            map.put("actions", actions);
            return map;
        }
    }

    private static void putIfPresent(final Map<String, Object> map, final String key,
            @CheckForNull final Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * Returns what happened per environment, in order.
     *
     * @return the environments reached
     */
    public List<EnvironmentResult> getEnvironments() {
        return environments;
    }

    private Optional<EnvironmentResult> last() {
        return environments.isEmpty() ? Optional.empty() : Optional.of(environments.get(environments.size() - 1));
    }

    /**
     * Returns the last environment reached.
     *
     * @return the environment, or empty when none was reached
     */
    public Optional<String> getEnvironment() {
        return last().map(EnvironmentResult::environment);
    }

    /**
     * Returns the version.
     *
     * @return the version, or empty when no environment was reached
     */
    public Optional<String> getVersion() {
        return last().map(EnvironmentResult::version);
    }

    /**
     * Returns where the application answers in the last environment.
     *
     * @return the URL
     */
    public Optional<String> getUrl() {
        return last().map(EnvironmentResult::url);
    }

    /**
     * Returns the revision that serves in the last environment.
     *
     * @return the revision
     */
    public Optional<String> getRevision() {
        return last().map(EnvironmentResult::revision);
    }

    /**
     * Returns the backup reference of the last environment.
     *
     * @return the reference, empty when nothing was deployed there before
     */
    public Optional<String> getBackupRef() {
        return last().map(EnvironmentResult::backupRef);
    }

    /**
     * Returns whether an environment was rolled back.
     *
     * @return {@code true} if any was
     */
    public boolean isRolledBack() {
        return environments.stream().anyMatch(EnvironmentResult::rolledBack);
    }

    @Override
    public Map<String, Object> getOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        last().ifPresent(result -> outputs.putAll(result.toMap()));
        outputs.remove("actions");
        outputs.put("rolledBack", isRolledBack());
        List<Map<String, Object>> all = new ArrayList<>();
        environments.forEach(result -> all.add(result.toMap()));
        outputs.put("environments", all);
        return outputs;
    }
}
