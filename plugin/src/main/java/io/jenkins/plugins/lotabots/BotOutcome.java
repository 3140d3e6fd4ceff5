package io.jenkins.plugins.lotabots;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bot run gives back to a step or a recorder: the status name ({@code SUCCESS}, {@code UNSTABLE} or
 * {@code FAILURE}), the engine's one-line summary and the engine result's outputs, as plain serializable values
 * (texts, numbers, booleans, lists and maps of them). It holds no engine type, so that Pipeline can keep it in
 * {@code program.dat} and a step can return it as a map.
 */
public final class BotOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String botName;
    private final String status;
    private final String summary;
    private final LinkedHashMap<String, Object> outputs;

    /**
     * Creates an outcome.
     *
     * @param botName the bot's name, for example {@code TestBot}
     * @param status the status name
     * @param summary the summary line
     * @param outputs the outputs, plain values only
     */
    public BotOutcome(final String botName, final String status, final String summary,
            final Map<String, Object> outputs) {
        this.botName = botName;
        this.status = status;
        this.summary = summary;
        this.outputs = new LinkedHashMap<>(outputs);
    }

    /**
     * Returns the bot's name.
     *
     * @return the name, for example {@code TestBot}
     */
    public String getBotName() {
        return botName;
    }

    /**
     * Returns whether the bot failed: the step aborts then.
     *
     * @return {@code true} for {@code FAILURE}
     */
    public boolean isFailure() {
        return "FAILURE".equals(status);
    }

    /**
     * Returns whether the bot ran but a gate with criticality UNSTABLE failed: the build and stage turn yellow.
     *
     * @return {@code true} for {@code UNSTABLE}
     */
    public boolean isUnstable() {
        return "UNSTABLE".equals(status);
    }

    /**
     * Returns the status name.
     *
     * @return {@code SUCCESS}, {@code UNSTABLE} or {@code FAILURE}
     */
    public String getStatus() {
        return status;
    }

    /**
     * Returns the engine's summary line.
     *
     * @return the summary
     */
    public String getSummary() {
        return summary;
    }

    /**
     * Returns the outputs of the bot, as the engine result's {@code getOutputs()} gave them.
     *
     * @return the outputs, read-only
     */
    public Map<String, Object> getOutputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /**
     * Returns the value of one output.
     *
     * @param name the output
     * @return the value, or {@code null}
     */
    @CheckForNull
    public Object getOutput(final String name) {
        return outputs.get(name);
    }

    /**
     * Returns what a step returns to the Pipeline: {@code status}, {@code summary} and every output, so that a
     * Jenkinsfile reads {@code r.status} and {@code r.coverage} alike. An output named {@code status} or
     * {@code summary} is kept under the bot's prefix: IncidentBot's incident status is {@code r.incidentStatus}.
     *
     * @return a new mutable map
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("summary", summary);
        String prefix = botName.endsWith("Bot") ? botName.substring(0, botName.length() - "Bot".length()) : botName;
        prefix = prefix.isEmpty() ? "bot" : Character.toLowerCase(prefix.charAt(0)) + prefix.substring(1);
        for (Map.Entry<String, Object> entry : outputs.entrySet()) {
            String key = entry.getKey();
            if (map.containsKey(key)) {
                // an output named as the step's own status or summary, such as IncidentBot's, is kept as
                // incidentStatus, incidentSummary
                key = prefix + Character.toUpperCase(key.charAt(0)) + key.substring(1);
            }
            map.putIfAbsent(key, entry.getValue());
        }
        return map;
    }

    @Override
    public String toString() {
        return status + ": " + summary;
    }
}
