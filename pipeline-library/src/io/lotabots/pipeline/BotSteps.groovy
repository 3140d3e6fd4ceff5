package io.lotabots.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The Pipeline steps of the LotaBots plugin, one per bot: bot id {@code test} is the step {@code testBot}. The
 * step name is {@code BotDescriptor.getFunctionName()} of the engine ({@code id + "Bot"}), except NotificationBot,
 * whose step is {@code notificationBot} while its bot id is {@code notify}.
 */
class BotSteps implements Serializable {
    private static final long serialVersionUID = 1L

    private static final Map<String, String> EXCEPTIONS = [notify: 'notificationBot']

    private BotSteps() {
    }

    /**
     * Returns the Pipeline step of a bot.
     *
     * @param botId the bot id, such as {@code deploy}
     * @return the step name, such as {@code deployBot}
     */
    @NonCPS
    static String functionName(String botId) {
        String exception = EXCEPTIONS.get(botId)
        return exception != null ? exception : botId + 'Bot'
    }

    /**
     * Returns the argument names of the given steps, as Jenkins instantiates them (the step's
     * {@code @DataBoundConstructor} and {@code @DataBoundSetter}s, read through structs' {@code DescribableModel}).
     * Outside Jenkins, or for a step that is not installed, the step is left out of the map and so not checked.
     *
     * @param functions step names
     * @return step name to its argument names
     */
    @NonCPS
    static Map<String, List<String>> parametersOf(Collection<String> functions) {
        Map<String, List<String>> result = [:]
        Class descriptors
        Class models
        try {
            ClassLoader loader = BotSteps.class.getClassLoader()
            descriptors = Class.forName('org.jenkinsci.plugins.workflow.steps.StepDescriptor', true, loader)
            models = Class.forName('org.jenkinsci.plugins.structs.describable.DescribableModel', true, loader)
        } catch (ClassNotFoundException | LinkageError ignored) {
            return result
        }
        for (Object descriptor : descriptors.all()) {
            String function = descriptor.getFunctionName()
            if (functions.contains(function)) {
                List<String> names = []
                for (Object parameter : models.of(descriptor.clazz).getParameters()) {
                    names.add(parameter.getName().toString())
                }
                result.put(function, names)
            }
        }
        return result
    }
}
