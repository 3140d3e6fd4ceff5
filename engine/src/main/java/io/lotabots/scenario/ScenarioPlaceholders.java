package io.lotabots.scenario;

import io.lotabots.error.LotaBotsException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Values that a scenario's options take from the run, filled in when the stage starts:
 * <ul>
 * <li>{@code ${params.NAME}}: a run parameter ({@code --param NAME=VALUE}, {@code parameters: [...]} in a
 *     Jenkinsfile, or the triggering message's fields {@code trigger.id}, {@code trigger.environment}, ... that a
 *     run started by a message gets);</li>
 * <li>{@code ${stages.ID.OUTPUT}}: a value an earlier stage's bot reported, for example
 *     {@code ${stages.openIncident.id}}, the incident the stage {@code openIncident} opened;</li>
 * <li>either with a default after {@code :-}: {@code ${params.trigger.environment:-production}}.</li>
 * </ul>
 * An option whose whole value is one placeholder that has no value and no default is left out, so that the bot's
 * own default applies (a run started by hand has no {@code trigger.id}); inside a longer text such a placeholder
 * becomes empty; in a list, an item that is one such placeholder is left out. Other {@code ${...}} texts (DeployBot's
 * {@code ${ARTIFACT}}) are left as they are.
 */
public final class ScenarioPlaceholders {
    /** A placeholder: its kind (params or stages), its name, and the default after {@code :-}, if any. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{(params|stages)\\.([A-Za-z0-9_][A-Za-z0-9_.\\-]*?)(?::-([^}]*))?}");
    private static final String PARAMS = "params";

    private ScenarioPlaceholders() {
    }

    /**
     * Returns whether a value, or an item of it, holds a placeholder.
     *
     * @param value an option value
     * @return {@code true} if it holds one
     */
    public static boolean holdsPlaceholder(final Object value) {
        if (value instanceof String text) {
            return PLACEHOLDER.matcher(text).find();
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(ScenarioPlaceholders::holdsPlaceholder);
        }
        return false;
    }

    /**
     * Checks that every {@code ${stages.ID.OUTPUT}} of a stage's options names a stage of the scenario and an
     * output.
     *
     * @param options the stage's options
     * @param stageIds the ids of the scenario's stages
     * @param where the stage, for messages ({@code Stage 'Resolve' (id resolveIncident)})
     * @throws LotaBotsException with {@link ScenarioErrorCode#INVALID_DEFINITION} naming the option and the ids
     */
    public static void check(final Map<String, ?> options, final Set<String> stageIds, final String where) {
        for (Map.Entry<String, ?> option : options.entrySet()) {
            List<Object> values = option.getValue() instanceof List<?> list ? new ArrayList<>(list)
                    : java.util.Collections.singletonList(option.getValue());
            for (Object value : values) {
                if (!(value instanceof String text)) {
                    continue;
                }
                Matcher matcher = PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                    if (PARAMS.equals(matcher.group(1))) {
                        continue;
                    }
                    String name = matcher.group(2);
                    int dot = name.indexOf('.');
                    String stage = dot < 0 ? name : name.substring(0, dot);
                    if (dot < 0 || dot == name.length() - 1 || !stageIds.contains(stage)) {
                        throw LotaBotsException.of(ScenarioErrorCode.INVALID_DEFINITION, where + ": the option '"
                                + option.getKey() + "' reads '" + matcher.group() + "', which names no output of a"
                                + " stage; write ${stages.ID.OUTPUT} with ID one of " + String.join(", ", stageIds)
                                + (stageIds.isEmpty() ? "" : ", for example ${stages." + stageIds.iterator().next()
                                        + ".id}"));
                    }
                }
            }
        }
    }

    /**
     * Fills in the placeholders of a stage's options.
     *
     * @param options the options as the scenario and the overrides give them
     * @param parameters the run's parameters
     * @param outputs finds an output of an earlier stage by stage id and output name, or {@code null} when that
     *     stage has not run or did not report it
     * @return the options to run the bot with
     */
    public static Map<String, Object> resolve(final Map<String, ?> options, final Map<String, String> parameters,
            final BiFunction<String, String, Object> outputs) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, ?> option : options.entrySet()) {
            Object value = option.getValue();
            if (value instanceof List<?> list) {
                List<Object> items = new ArrayList<>();
                for (Object item : list) {
                    resolveValue(item, parameters, outputs).ifPresent(items::add);
                }
                result.put(option.getKey(), items);
            } else {
                resolveValue(value, parameters, outputs).ifPresent(resolved -> result.put(option.getKey(), resolved));
            }
        }
        return result;
    }

    private static Optional<Object> resolveValue(final Object value, final Map<String, String> parameters,
            final BiFunction<String, String, Object> outputs) {
        if (!(value instanceof String text)) {
            return Optional.ofNullable(value);
        }
        Matcher whole = PLACEHOLDER.matcher(text.strip());
        if (whole.matches()) {
            Object found = lookUp(whole, parameters, outputs);
            return found != null ? Optional.of(found) : Optional.ofNullable(whole.group(3));
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Object found = lookUp(matcher, parameters, outputs);
            String replacement = found != null ? found.toString() : matcher.group(3) == null ? "" : matcher.group(3);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(filled);
        return Optional.of(filled.toString());
    }

    @CheckForNull
    private static Object lookUp(final Matcher matcher, final Map<String, String> parameters,
            final BiFunction<String, String, Object> outputs) {
        String name = matcher.group(2);
        if (PARAMS.equals(matcher.group(1))) {
            String parameter = parameters.get(name);
            return parameter == null || parameter.isEmpty() ? null : parameter;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? null : outputs.apply(name.substring(0, dot), name.substring(dot + 1));
    }
}
