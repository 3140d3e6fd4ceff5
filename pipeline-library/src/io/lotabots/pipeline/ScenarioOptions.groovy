package io.lotabots.pipeline

import com.cloudbees.groovy.cps.NonCPS

import java.util.regex.Matcher
import java.util.regex.Pattern

/**
 * The arguments of a scenario call, checked before any stage runs: option overrides keyed by stage id
 * ({@code deployProduction}) or bot id ({@code deploy}, for every stage of that bot; a stage id wins), the run
 * parameters that {@code when} conditions read, and the approvers of approval stages. The merge follows the
 * engine's {@code ScenarioCompiler.optionsOf}: the scenario's options, then the bot-wide overrides, then the
 * stage's.
 */
class ScenarioOptions implements Serializable {
    private static final long serialVersionUID = 1L

    /** A placeholder in an option value: params or stages, the name, the default after ':-'. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            '\\$\\{(params|stages)\\.([A-Za-z0-9_][A-Za-z0-9_.\\-]*?)(?::-([^}]*))?}')

    /** The argument holding the run parameters, such as {@code [branch: env.BRANCH_NAME]}. */
    static final String PARAMETERS = 'parameters'

    /** The argument holding who may approve: a comma-separated list of users or groups, or a map by gate. */
    static final String APPROVERS = 'approvers'

    private ScenarioOptions() {
    }

    /**
     * Returns the keys an override may use: every bot stage's id and bot, and the notification's bot.
     *
     * @param scenario a parsed scenario
     * @return the keys, in the order of the scenario
     */
    @NonCPS
    static List<String> overrideKeys(Map scenario) {
        Set<String> keys = new LinkedHashSet<String>()
        for (Map stage : ScenarioDefinition.botStages(scenario)) {
            keys.add((String) stage.id)
            keys.add((String) stage.bot)
        }
        if (scenario.notify != null) {
            keys.add((String) scenario.notify.bot)
        }
        return new ArrayList<String>(keys)
    }

    /**
     * Adds the run parameters a scenario gets from the message that started the build (the message trigger's
     * {@code LOTABOTS_MESSAGE}), as {@code lotabots scenario run --caused-by} gives them: {@code trigger.id},
     * {@code trigger.type} and each top-level payload field that is a single value. Parameters the call gives win.
     *
     * @param given the parameters of the call
     * @param message the triggering message's JSON, or {@code null}
     * @return the parameters
     */
    @NonCPS
    static Map withTrigger(Map given, String message) {
        if (message == null) {
            return given
        }
        Object parsed
        try {
            parsed = new groovy.json.JsonSlurperClassic().parseText(message)
        } catch (Exception e) {
            return given
        }
        if (!(parsed instanceof Map)) {
            return given
        }
        Map result = [:]
        Map envelope = (Map) parsed
        if (envelope.id != null) {
            result.put('trigger.id', envelope.id.toString())
        }
        if (envelope.type != null) {
            result.put('trigger.type', envelope.type.toString())
        }
        if (envelope.payload instanceof Map) {
            for (Object field : ((Map) envelope.payload).keySet()) {
                Object value = ((Map) envelope.payload).get(field)
                if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                    result.put("trigger.${field}".toString(), value.toString())
                }
            }
        }
        result.putAll(given)
        return result
    }

    /**
     * Splits and checks the arguments of a call.
     *
     * @param scenario a parsed scenario
     * @param args the named arguments of the call
     * @param branch the branch of the build ({@code env.BRANCH_NAME}), used when no {@code branch} parameter is
     *     given; may be {@code null}
     * @return {@code [overrides: Map, parameters: Map, approvers: String or Map, error: String or null]}
     */
    @NonCPS
    static Map arguments(Map scenario, Map args, String branch) {
        List<String> keys = overrideKeys(scenario)
        Map overrides = [:]
        Map parameters = [:]
        Object approvers = null
        for (Object key : args.keySet()) {
            Object value = args.get(key)
            if (key == PARAMETERS) {
                if (!(value instanceof Map)) {
                    return failed("The argument parameters must be a map of run parameters, for example"
                            + " parameters: [branch: env.BRANCH_NAME]; it is ${describe(value)}")
                }
                for (Object name : ((Map) value).keySet()) {
                    Object parameter = ((Map) value).get(name)
                    parameters.put(name.toString(), parameter == null ? null : parameter.toString())
                }
            } else if (key == APPROVERS) {
                if (!(value instanceof String) && !(value instanceof Map)) {
                    return failed("The argument approvers must be users or groups separated by commas, for example"
                            + " approvers: 'alice,release-managers', or a map by approval gate; it is ${describe(value)}")
                }
                approvers = value
            } else if (!keys.contains(key)) {
                return failed("The scenario ${scenario.name} has no stage or bot '${key}' to override; use one of "
                        + keys.join(', ') + " (or the run arguments ${PARAMETERS} and ${APPROVERS})")
            } else if (!(value instanceof Map)) {
                return failed("The override ${key} must be a map of option names to values, for example"
                        + " ${key}: [option: value]; it is ${describe(value)}")
            } else {
                overrides.put(key.toString(), new LinkedHashMap((Map) value))
            }
        }
        if (!parameters.containsKey('branch') && branch != null) {
            parameters.put('branch', branch)
        }
        return [overrides: overrides, parameters: parameters, approvers: approvers, error: null]
    }

    /**
     * Returns the options a bot stage runs with: the scenario's, then the bot-wide overrides, then the stage's.
     *
     * @param stage the bot stage
     * @param overrides the overrides
     * @return the options
     */
    @NonCPS
    static Map optionsOf(Map stage, Map overrides) {
        Map options = new LinkedHashMap((Map) stage.options)
        Map forBot = (Map) overrides.get(stage.bot)
        Map forStage = (Map) overrides.get(stage.id)
        if (forBot != null) {
            options.putAll(forBot)
        }
        if (forStage != null) {
            options.putAll(forStage)
        }
        return options
    }

    /**
     * Fills in the placeholders of a stage's options when the stage starts, as the engine's
     * {@code ScenarioPlaceholders} does: {@code ${params.NAME}} is a run parameter, {@code ${stages.ID.OUTPUT}} a
     * value of the result an earlier stage's bot step returned (for example {@code ${stages.openIncident.id}}), either
     * with a default after {@code :-}. An option that is one placeholder without a value or default is left out (the
     * step's own default applies); inside a longer text such a placeholder becomes empty; a list item that is one is
     * left out. Other {@code ${...}} texts stay as they are.
     *
     * @param options the stage's options
     * @param parameters the run parameters
     * @param results the results of the stages so far, by stage id, each with the step's {@code result}
     * @return the options to call the step with
     */
    @NonCPS
    static Map fillIn(Map options, Map parameters, Map results) {
        Map filled = [:]
        for (Object key : options.keySet()) {
            Object value = options.get(key)
            if (value instanceof List) {
                List items = []
                for (Object item : (List) value) {
                    Object resolved = fillValue(item, parameters, results)
                    if (resolved != null) {
                        items.add(resolved)
                    }
                }
                filled.put(key, items)
            } else {
                Object resolved = fillValue(value, parameters, results)
                if (resolved != null) {
                    filled.put(key, resolved)
                }
            }
        }
        return filled
    }

    @NonCPS
    private static Object fillValue(Object value, Map parameters, Map results) {
        if (!(value instanceof CharSequence)) {
            return value
        }
        String text = value.toString()
        Matcher whole = PLACEHOLDER.matcher(text.trim())
        if (whole.matches()) {
            Object found = lookUp(whole, parameters, results)
            return found != null ? found : whole.group(3)
        }
        Matcher matcher = PLACEHOLDER.matcher(text)
        StringBuffer filled = new StringBuffer()
        while (matcher.find()) {
            Object found = lookUp(matcher, parameters, results)
            String replacement = found != null ? found.toString() : (matcher.group(3) == null ? '' : matcher.group(3))
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement))
        }
        matcher.appendTail(filled)
        return filled.toString()
    }

    @NonCPS
    private static Object lookUp(Matcher matcher, Map parameters, Map results) {
        String name = matcher.group(2)
        if (matcher.group(1) == 'params') {
            Object parameter = parameters.get(name)
            return parameter == null || parameter.toString().isEmpty() ? null : parameter
        }
        int dot = name.indexOf('.')
        if (dot < 0) {
            return null
        }
        Object stage = results.get(name.substring(0, dot))
        Object result = stage instanceof Map ? ((Map) stage).get('result') : null
        return result instanceof Map ? ((Map) result).get(name.substring(dot + 1)) : null
    }

    /**
     * Returns the options of the notification sent after a stage: the scenario's notify options, the overrides
     * of the notification's bot, then the stage and its result.
     *
     * @param scenario a parsed scenario with a notification
     * @param overrides the overrides
     * @param stageName the stage that ended
     * @param status its result
     * @param summary one line about it
     * @return the options
     */
    @NonCPS
    static Map notificationOptions(Map scenario, Map overrides, String stageName, String status, String summary) {
        Map options = notificationBase(scenario, overrides)
        options.put('stage', stageName)
        options.put('result', status)
        options.put('summary', summary)
        return options
    }

    /**
     * Checks every stage's options against the options each bot step declares, where they are known, so that a
     * typo fails before the first stage and not after a twenty-minute build (Jenkins itself only prints a warning
     * for an unknown step argument and runs the step without it).
     *
     * @param scenario a parsed scenario
     * @param overrides the overrides
     * @param known step function name to its option names; a step missing from the map is not checked
     * @return the problem, naming the stage, the option and the valid options, or {@code null}
     */
    @NonCPS
    static String checkOptions(Map scenario, Map overrides, Map<String, List<String>> known) {
        for (Map stage : ScenarioDefinition.botStages(scenario)) {
            String function = BotSteps.functionName((String) stage.bot)
            List<String> names = known.get(function)
            if (names == null) {
                continue
            }
            for (Object option : optionsOf(stage, overrides).keySet()) {
                if (!names.contains(option)) {
                    return "Stage '${stage.stage}' (id ${stage.id}): '${option}' is not an option of ${function};" +
                            " its options are ${names.join(', ')}"
                }
            }
        }
        if (scenario.notify != null) {
            String function = BotSteps.functionName((String) scenario.notify.bot)
            List<String> names = known.get(function)
            Map options = notificationBase(scenario, overrides)
            for (Object option : (names == null ? [] : options.keySet())) {
                if (!names.contains(option)) {
                    return "The notification after each stage: '${option}' is not an option of ${function};" +
                            " its options are ${names.join(', ')}"
                }
            }
        }
        return null
    }

    /**
     * Returns who may approve a gate.
     *
     * @param approvers the approvers argument: a string for every gate, a map by gate, or {@code null}
     * @param gate the gate
     * @return the submitters for {@code input}, or {@code null} for anyone who may build the job
     */
    @NonCPS
    static String approversOf(Object approvers, String gate) {
        if (approvers instanceof Map) {
            Object value = ((Map) approvers).get(gate)
            return value == null ? null : value.toString()
        }
        return approvers == null ? null : approvers.toString()
    }

    @NonCPS
    private static Map notificationBase(Map scenario, Map overrides) {
        Map options = new LinkedHashMap((Map) scenario.notify.options)
        Map forBot = (Map) overrides.get(scenario.notify.bot)
        if (forBot != null) {
            options.putAll(forBot)
        }
        return options
    }

    @NonCPS
    private static Map failed(Object message) {
        return [overrides: [:], parameters: [:], approvers: null, error: message.toString()]
    }

    @NonCPS
    private static String describe(Object value) {
        return value == null ? 'null' : "${value} (${value.getClass().getSimpleName()})".toString()
    }
}
