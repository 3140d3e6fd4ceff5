package io.lotabots.pipeline

import com.cloudbees.groovy.cps.NonCPS
import org.yaml.snakeyaml.LoaderOptions
import org.yaml.snakeyaml.Yaml
import org.yaml.snakeyaml.constructor.SafeConstructor
import org.yaml.snakeyaml.error.MarkedYAMLException
import org.yaml.snakeyaml.error.YAMLException

/**
 * Reads a scenario definition ({@code resources/io/lotabots/scenarios/NAME.yaml}) as strictly as the engine's
 * {@code io.lotabots.scenario.ScenarioLoader} does: an unknown key, a stage without a name or bot, two stages with
 * one id, or a condition that is not {@code PARAMETER == VALUE} is an error naming the file and the field
 * ({@code stages[3].when}), because a typo in a scenario would otherwise silently skip a stage.
 *
 * <p>The result is made of plain maps, lists and strings only, so that a Pipeline can keep it across steps and
 * restarts. A bot stage is {@code [kind: 'bot', id, stage, bot, options, when, optional, onFailure]}, a parallel
 * group {@code [kind: 'parallel', stage, branches]}, an approval {@code [kind: 'approval', stage, gate,
 * description, when]}; a condition is {@code [parameter, value, equal]}.
 */
class ScenarioDefinition implements Serializable {
    private static final long serialVersionUID = 1L

    /** Where the definitions are among the library's resources. */
    static final String RESOURCE_FOLDER = 'io/lotabots/scenarios/'

    /** The largest definition read, in characters; the built-in ones are a few kilobytes. */
    static final int MAX_CHARACTERS = 256 * 1024

    private static final String CONDITION = /\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(==|!=)\s*(\S.*?)\s*/
    private static final List<String> TOP_KEYS = ['name', 'title', 'description', 'trigger', 'notify', 'stages']
    private static final List<String> BOT_KEYS = ['id', 'stage', 'bot', 'options', 'when', 'optional', 'onFailure']
    private static final List<String> PARALLEL_KEYS = ['parallel', 'branches']
    private static final List<String> APPROVAL_KEYS = ['approval', 'stage', 'description', 'when']
    private static final List<String> NOTIFY_KEYS = ['bot', 'options']

    private ScenarioDefinition() {
    }

    /**
     * Returns the resource path of a built-in scenario.
     *
     * @param name the scenario name, such as {@code build-test-deploy}
     * @return the path for {@code libraryResource}
     */
    @NonCPS
    static String resourceOf(String name) {
        if (!(name ==~ /[a-z0-9][a-z0-9-]*/)) {
            throw new IllegalArgumentException("'${name}' is not a scenario name; names are lower case words"
                    + ' joined by dashes, such as build-test-deploy')
        }
        return RESOURCE_FOLDER + name + '.yaml'
    }

    /**
     * Parses and checks a definition.
     *
     * @param text the YAML
     * @param file the file name used in messages
     * @return the scenario as plain maps and lists
     * @throws IllegalArgumentException naming the file, the line or field and the problem
     */
    @NonCPS
    static Map parse(String text, String file) {
        if (text == null) {
            throw new IllegalArgumentException("The scenario ${file} is empty")
        }
        if (text.length() > MAX_CHARACTERS) {
            throw new IllegalArgumentException("The scenario ${file} has ${text.length()} characters, more than"
                    + " the ${MAX_CHARACTERS} a definition may have")
        }
        Object root = load(text, file)
        if (!(root instanceof Map)) {
            throw invalid(file, '', 'must be a map with name, title, description, trigger, notify and stages')
        }
        Map node = (Map) root
        checkKeys(node, TOP_KEYS, file, '')
        Object stageNodes = node.get('stages')
        if (!(stageNodes instanceof List) || ((List) stageNodes).isEmpty()) {
            throw invalid(file, 'stages', 'must be a non-empty list')
        }
        Set<String> ids = new HashSet<String>()
        List stages = []
        List list = (List) stageNodes
        for (int i = 0; i < list.size(); i++) {
            stages.add(stage(list.get(i), file, "stages[${i}]".toString(), ids))
        }
        Map notify = null
        Object notifyNode = node.get('notify')
        if (notifyNode != null) {
            if (!(notifyNode instanceof Map)) {
                throw invalid(file, 'notify', 'must be a map with bot and options')
            }
            checkKeys((Map) notifyNode, NOTIFY_KEYS, file, 'notify')
            notify = [bot: required((Map) notifyNode, 'bot', file, 'notify'),
                      options: options((Map) notifyNode, file, 'notify')]
        }
        return [name: required(node, 'name', file, ''), title: required(node, 'title', file, ''),
                description: required(node, 'description', file, ''), trigger: required(node, 'trigger', file, ''),
                notify: notify, stages: stages]
    }

    /**
     * Returns every bot stage, including those of parallel groups and failure paths, in order.
     *
     * @param scenario a parsed scenario
     * @return the bot stages
     */
    @NonCPS
    static List<Map> botStages(Map scenario) {
        List<Map> result = []
        for (Map stage : (List<Map>) scenario.stages) {
            if (stage.kind == 'bot') {
                result.add(stage)
                result.addAll((List<Map>) stage.onFailure)
            } else if (stage.kind == 'parallel') {
                for (Map branch : (List<Map>) stage.branches) {
                    result.add(branch)
                    result.addAll((List<Map>) branch.onFailure)
                }
            }
        }
        return result
    }

    /**
     * Returns whether a condition holds for a run's parameters. A parameter that is not set differs from every
     * value, as in the engine.
     *
     * @param condition the condition, or {@code null} for none
     * @param parameters the run's parameters
     * @return whether the stage runs
     */
    @NonCPS
    static boolean holds(Map condition, Map parameters) {
        if (condition == null) {
            return true
        }
        Object actual = parameters.get(condition.parameter)
        boolean same = actual != null && condition.value == actual.toString()
        return same == condition.equal
    }

    /**
     * Renders a condition as the definition states it.
     *
     * @param condition the condition
     * @return {@code branch == main}
     */
    @NonCPS
    static String describe(Map condition) {
        return "${condition.parameter} ${condition.equal ? '==' : '!='} ${condition.value}".toString()
    }

    @NonCPS
    private static Object load(String text, String file) {
        LoaderOptions options = new LoaderOptions()
        options.setAllowDuplicateKeys(false)
        options.setMaxAliasesForCollections(20)
        options.setAllowRecursiveKeys(false)
        options.setNestingDepthLimit(30)
        options.setCodePointLimit(MAX_CHARACTERS)
        try {
            return new Yaml(new SafeConstructor(options)).load(text)
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1
            throw new IllegalArgumentException("The scenario ${file}${line > 0 ? ' line ' + line : ''} is not"
                    + " valid YAML: ${e.getProblem()}", e)
        } catch (YAMLException e) {
            throw new IllegalArgumentException("The scenario ${file} is not valid YAML: ${e.getMessage()}", e)
        }
    }

    @NonCPS
    private static Map stage(Object value, String file, String field, Set<String> ids) {
        if (!(value instanceof Map)) {
            throw invalid(file, field, 'must be a map')
        }
        Map node = (Map) value
        if (node.containsKey('parallel')) {
            checkKeys(node, PARALLEL_KEYS, file, field)
            Object branches = node.get('branches')
            if (!(branches instanceof List) || ((List) branches).isEmpty()) {
                throw invalid(file, field + '.branches', 'must be a non-empty list of bot stages')
            }
            List result = []
            List list = (List) branches
            for (int i = 0; i < list.size(); i++) {
                result.add(botStage(list.get(i), file, "${field}.branches[${i}]".toString(), ids))
            }
            return [kind: 'parallel', stage: required(node, 'parallel', file, field), branches: result]
        }
        if (node.containsKey('approval')) {
            checkKeys(node, APPROVAL_KEYS, file, field)
            Object description = node.get('description')
            return [kind: 'approval', stage: required(node, 'stage', file, field),
                    gate: required(node, 'approval', file, field),
                    description: description == null ? '' : description.toString().trim(),
                    when: condition(node, file, field)]
        }
        return botStage(node, file, field, ids)
    }

    @NonCPS
    private static Map botStage(Object value, String file, String field, Set<String> ids) {
        if (!(value instanceof Map)) {
            throw invalid(file, field, 'must be a map')
        }
        Map node = (Map) value
        checkKeys(node, BOT_KEYS, file, field)
        String id = required(node, 'id', file, field)
        if (!ids.add(id)) {
            throw invalid(file, field + '.id', "repeats the id '${id}'; every stage needs an id of its own")
        }
        List onFailure = []
        Object failure = node.get('onFailure')
        if (failure != null) {
            if (!(failure instanceof List)) {
                throw invalid(file, field + '.onFailure', 'must be a list of bot stages')
            }
            List list = (List) failure
            for (int i = 0; i < list.size(); i++) {
                onFailure.add(botStage(list.get(i), file, "${field}.onFailure[${i}]".toString(), ids))
            }
        }
        Object optional = node.get('optional')
        return [kind: 'bot', id: id, stage: required(node, 'stage', file, field),
                bot: required(node, 'bot', file, field), options: options(node, file, field),
                when: condition(node, file, field), optional: optional == true || optional == 'true',
                onFailure: onFailure]
    }

    @NonCPS
    private static Map condition(Map node, String file, String field) {
        Object when = node.get('when')
        if (when == null) {
            return null
        }
        def matcher = when.toString() =~ CONDITION
        if (!(when instanceof String) || !matcher.matches()) {
            throw invalid(file, field + '.when', "'${when}' is not of the form PARAMETER == VALUE or"
                    + " PARAMETER != VALUE, for example 'branch == main'")
        }
        return [parameter: matcher.group(1), value: matcher.group(3), equal: matcher.group(2) == '==']
    }

    @NonCPS
    private static Map options(Map node, String file, String field) {
        Object options = node.get('options')
        if (options == null) {
            return [:]
        }
        if (!(options instanceof Map)) {
            throw invalid(file, field + '.options', 'must be a map of option names to values')
        }
        Map result = [:]
        for (Object key : ((Map) options).keySet()) {
            result.put(key.toString(), ((Map) options).get(key))
        }
        return result
    }

    @NonCPS
    private static void checkKeys(Map node, List<String> allowed, String file, String field) {
        for (Object key : node.keySet()) {
            if (!allowed.contains(key)) {
                throw invalid(file, field.isEmpty() ? key.toString() : "${field}.${key}".toString(),
                        'is not a known key; the keys here are ' + allowed.sort(false).join(', '))
            }
        }
    }

    @NonCPS
    private static String required(Map node, String key, String file, String field) {
        Object value = node.get(key)
        if (value == null || value instanceof Map || value instanceof List || value.toString().trim().isEmpty()) {
            throw invalid(file, field.isEmpty() ? key : "${field}.${key}".toString(), 'is missing; it is required')
        }
        return value.toString().trim()
    }

    @NonCPS
    private static IllegalArgumentException invalid(String file, String field, String problem) {
        return new IllegalArgumentException("The scenario ${file}${field.isEmpty() ? '' : ' field ' + field}"
                + " ${problem}")
    }
}
