package io.lotabots.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Runs a scenario in a Pipeline from its one definition ({@code resources/io/lotabots/scenarios/NAME.yaml}, which
 * {@code lotabots scenario run NAME} reads too), composing the LotaBots plugin's bot steps:
 * <ul>
 * <li>each stage of the definition is a Pipeline {@code stage} with the definition's name, so the stage views read
 *     like the scenario's flow; a parallel group is a stage holding a {@code parallel} of one stage per branch;
 * <li>a bot stage calls its bot's step ({@code deployBot}) with the scenario's options merged with the caller's
 *     overrides, their {@code ${params.NAME}} and {@code ${stages.ID.OUTPUT}} placeholders filled in from the run
 *     parameters and the results of the stages before; a step result {@code UNSTABLE} marks the stage and build unstable through {@code unstable};
 * <li>when a stage fails (its step throws or returns {@code FAILURE}) its failure path ({@code onFailure}) runs as
 *     stages of their own, and then the build fails with the stage's own error; an {@code optional} stage that
 *     fails only marks the run unstable;
 * <li>a stage whose {@code when} condition does not hold is shown as skipped;
 * <li>an approval stage waits in {@code input} for one of the approvers;
 * <li>after each stage, and after each failure-path stage, the scenario's notification step is called with the
 *     stage's name and result; a notification that fails is reported as a warning and never changes the run.
 * </ul>
 *
 * <p>CPS: the definition is parsed in {@code @NonCPS} code into plain maps and lists; this class keeps only those
 * and the script, and loops with indexes, so every Pipeline step it calls can be resumed after a restart.
 */
class ScenarioFlow implements Serializable {
    private static final long serialVersionUID = 1L

    private final Object script
    private Map scenario
    private Map overrides
    private Map parameters
    private Object approvers
    private Map results

    /**
     * Creates a flow.
     *
     * @param script the Pipeline script ({@code this} in a {@code vars/} script)
     */
    ScenarioFlow(Object script) {
        this.script = script
    }

    /**
     * Runs a scenario to its end.
     *
     * @param name the scenario, such as {@code build-test-deploy}
     * @param args overrides keyed by stage id or bot id ({@code test: [minCoverage: 85]}), and optionally
     *     {@code parameters} (run parameters for {@code when} conditions; {@code branch} defaults to
     *     {@code env.BRANCH_NAME}) and {@code approvers} (who may approve: a string, or a map by approval gate)
     * @return {@code [scenario: NAME, status: SUCCESS|UNSTABLE, stages: [id: [stage, bot, status, summary, result]]]},
     *     with approvals and parallel groups keyed by gate and group name
     */
    Map run(String name, Map args) {
        String problem = prepare(name, args == null ? [:] : args, branchOfBuild())
        if (problem != null) {
            script.error(problem)
        }
        script.echo("[LotaBots] ${scenario.title} (${scenario.name}): ${ScenarioFlow.outline(scenario)}")
        List stages = (List) scenario.stages
        for (int i = 0; i < stages.size(); i++) {
            Map stage = (Map) stages.get(i)
            if (stage.kind == 'parallel') {
                runParallel(stage)
            } else if (stage.kind == 'approval') {
                runApproval(stage)
            } else {
                runBotStage(stage, true)
            }
        }
        return [scenario: scenario.name, status: ScenarioFlow.worst(results), stages: results]
    }

    private String prepare(String name, Map args, String branch) {
        String file
        String text
        try {
            file = ScenarioDefinition.resourceOf(name)
        } catch (IllegalArgumentException e) {
            return e.getMessage()
        }
        text = script.libraryResource(file)
        try {
            scenario = ScenarioDefinition.parse(text, file)
        } catch (IllegalArgumentException e) {
            return e.getMessage()
        }
        Map checked = ScenarioOptions.arguments(scenario, args, branch)
        if (checked.error != null) {
            return checked.error
        }
        overrides = (Map) checked.overrides
        parameters = ScenarioOptions.withTrigger((Map) checked.parameters, triggerMessage())
        approvers = checked.approvers
        results = [:]
        return ScenarioOptions.checkOptions(scenario, overrides, BotSteps.parametersOf(ScenarioFlow.functions(scenario)))
    }

    /** The message that started this build through the message trigger (its JSON), or {@code null}. */
    private String triggerMessage() {
        Object env = script.env
        Object message = env == null ? null : env.LOTABOTS_MESSAGE
        return message == null || message.toString().isEmpty() ? null : message.toString()
    }

    private String branchOfBuild() {
        Object env = script.env
        Object branch = env == null ? null : env.BRANCH_NAME
        return branch == null ? null : branch.toString()
    }

    /**
     * Runs a bot stage, its notification and, when it fails, its failure path; used by the parallel branches too.
     *
     * @param stage the bot stage
     * @param notifyAfter whether to notify when it ends (parallel groups notify once, for the group)
     */
    void runBotStage(Map stage, boolean notifyAfter) {
        Map outcome = [status: 'SUCCESS', summary: '', result: null]
        Throwable failure = null
        try {
            script.stage((String) stage.stage) {
                runBot(stage, outcome)
            }
        } catch (Throwable e) {
            failure = e
        }
        results.put(stage.id, [stage: stage.stage, bot: stage.bot, status: outcome.status, summary: outcome.summary,
                               result: outcome.result])
        if (notifyAfter) {
            notifyStage((String) stage.stage, (String) outcome.status, (String) outcome.summary)
        }
        if (failure == null) {
            return
        }
        if (!(failure instanceof InterruptedException)) {
            runFailurePath(stage)
        }
        throw failure
    }

    /**
     * Calls a bot's step, inside its stage, and maps its result onto the stage.
     *
     * @param stage the bot stage
     * @param outcome where its status, summary and result go
     */
    void runBot(Map stage, Map outcome) {
        if (!ScenarioDefinition.holds((Map) stage.when, parameters)) {
            skip(stage, outcome)
            return
        }
        String function = BotSteps.functionName((String) stage.bot)
        Object returned
        try {
            returned = script."${function}"(ScenarioOptions.fillIn(ScenarioOptions.optionsOf(stage, overrides),
                    parameters, results))
        } catch (InterruptedException e) {
            outcome.status = 'ABORTED'
            outcome.summary = 'aborted'
            throw e
        } catch (Throwable e) {
            outcome.status = 'FAILURE'
            outcome.summary = ScenarioFlow.messageOf(e)
            if (stage.optional) {
                outcome.status = 'UNSTABLE'
                script.unstable("${stage.stage}: optional stage failed, the run goes on: ${outcome.summary}")
                return
            }
            throw e
        }
        outcome.result = returned
        outcome.summary = ScenarioFlow.summaryOf(returned)
        String status = ScenarioFlow.statusOf(returned)
        if (status == 'FAILURE' && stage.optional) {
            outcome.status = 'UNSTABLE'
            script.unstable("${stage.stage}: optional stage failed, the run goes on: ${outcome.summary}")
        } else if (status == 'FAILURE') {
            outcome.status = 'FAILURE'
            script.error("${stage.stage} failed: ${outcome.summary}")
        } else if (status == 'UNSTABLE') {
            outcome.status = 'UNSTABLE'
            script.unstable("${stage.stage}: ${outcome.summary}")
        }
    }

    /**
     * Records and shows a stage whose condition does not hold.
     *
     * @param stage the stage
     * @param outcome where its status and summary go
     */
    void skip(Map stage, Map outcome) {
        Map when = (Map) stage.when
        Object actual = parameters.get(when.parameter)
        outcome.status = 'SKIPPED'
        outcome.summary = "skipped: ${ScenarioDefinition.describe(when)} does not hold (${when.parameter} is " +
                (actual == null ? 'not set)' : "'${actual}')")
        script.echo("[LotaBots] ${stage.stage} ${outcome.summary}")
        ScenarioFlow.markSkipped((String) stage.stage)
    }

    private void runFailurePath(Map stage) {
        List handlers = (List) stage.onFailure
        for (int i = 0; i < handlers.size(); i++) {
            Map handler = (Map) handlers.get(i)
            script.echo("[LotaBots] ${stage.stage} failed: running its failure path, ${handler.stage}")
            try {
                runBotStage(handler, true)
            } catch (InterruptedException e) {
                throw e
            } catch (Throwable e) {
                script.echo("[LotaBots] the failure path of ${stage.stage} failed too, at ${handler.stage}: "
                        + ScenarioFlow.messageOf(e))
                return
            }
        }
    }

    private void runParallel(Map group) {
        Map branches = [:]
        List list = (List) group.branches
        for (int i = 0; i < list.size(); i++) {
            Map branch = (Map) list.get(i)
            branches.put(branch.stage, { runBotStage(branch, false) })
        }
        Throwable failure = null
        try {
            script.stage((String) group.stage) {
                runBranches(branches)
            }
        } catch (Throwable e) {
            failure = e
        }
        Map outcome = ScenarioFlow.groupOutcome(list, results)
        results.put(group.stage, [stage: group.stage, status: outcome.status, summary: outcome.summary])
        notifyStage((String) group.stage, (String) outcome.status, (String) outcome.summary)
        if (failure != null) {
            throw failure
        }
    }

    /**
     * Runs the branches of a parallel group, inside its stage.
     *
     * @param branches branch name to closure
     */
    void runBranches(Map branches) {
        script.parallel(branches)
    }

    private void runApproval(Map approval) {
        Map outcome = [status: 'SUCCESS', summary: '']
        Throwable failure = null
        try {
            script.stage((String) approval.stage) {
                askApproval(approval, outcome)
            }
        } catch (InterruptedException e) {
            outcome.status = 'ABORTED'
            outcome.summary = "approval '${approval.gate}' was not given".toString()
            failure = e
            publish('approval.denied', [gate: approval.gate, reason: 'the input was aborted: ' + ScenarioFlow.messageOf(e)])
        } catch (Throwable e) {
            outcome.status = 'FAILURE'
            outcome.summary = ScenarioFlow.messageOf(e)
            failure = e
        }
        results.put(approval.gate, [stage: approval.stage, status: outcome.status, summary: outcome.summary])
        notifyStage((String) approval.stage, (String) outcome.status, (String) outcome.summary)
        if (failure != null) {
            throw failure
        }
    }

    /**
     * Asks for an approval, inside its stage.
     *
     * @param approval the approval stage
     * @param outcome where its status and summary go
     */
    void askApproval(Map approval, Map outcome) {
        if (!ScenarioDefinition.holds((Map) approval.when, parameters)) {
            skip(approval, outcome)
            return
        }
        Map input = [message: ScenarioFlow.approvalMessage(approval), ok: 'Approve', submitterParameter: 'approver']
        String submitter = ScenarioOptions.approversOf(approvers, (String) approval.gate)
        if (submitter != null) {
            input.submitter = submitter
        }
        publish('approval.requested', [gate: approval.gate, reason: ScenarioFlow.approvalMessage(approval)])
        Object approver = script.input(input)
        outcome.summary = "approved by ${approver}".toString()
        publish('approval.granted', [gate: approval.gate, approver: approver == null ? 'unknown' : approver.toString()])
    }

    /**
     * Records an approval on the bus, as the command line's scenario runner does (source WorkflowRunner), so that the
     * run's messages, the incident timeline and the post-mortem say who decided what. A message that cannot be
     * recorded is a warning; the decision stands.
     */
    private void publish(String type, Map payload) {
        try {
            script.botMessage(type: type, source: 'WorkflowRunner', payload: payload)
        } catch (InterruptedException e) {
            throw e
        } catch (Throwable e) {
            script.echo("[LotaBots] WARNING: could not record ${type}: " + ScenarioFlow.messageOf(e))
        }
    }

    private void notifyStage(String stageName, String status, String summary) {
        if (scenario.notify == null) {
            return
        }
        String function = BotSteps.functionName((String) scenario.notify.bot)
        Map options = ScenarioOptions.notificationOptions(scenario, overrides, stageName, status, summary)
        try {
            script."${function}"(options)
        } catch (InterruptedException e) {
            throw e
        } catch (Throwable e) {
            script.echo("[LotaBots] WARNING: the notification after stage '${stageName}' failed; the run goes on: "
                    + ScenarioFlow.messageOf(e))
        }
    }

    @NonCPS
    private static List<String> functions(Map scenario) {
        Set<String> functions = new LinkedHashSet<String>()
        for (Map stage : ScenarioDefinition.botStages(scenario)) {
            functions.add(BotSteps.functionName((String) stage.bot))
        }
        if (scenario.notify != null) {
            functions.add(BotSteps.functionName((String) scenario.notify.bot))
        }
        return new ArrayList<String>(functions)
    }

    @NonCPS
    private static String outline(Map scenario) {
        List<String> names = []
        for (Map stage : (List<Map>) scenario.stages) {
            names.add(stage.kind == 'parallel'
                    ? "${stage.stage} (${((List<Map>) stage.branches).collect { it.stage }.join(' | ')})".toString()
                    : (String) stage.stage)
        }
        return names.join(' -> ')
    }

    @NonCPS
    private static String approvalMessage(Map approval) {
        String description = (String) approval.description
        return description ? description : "Approve ${approval.gate}?".toString()
    }

    @NonCPS
    private static String statusOf(Object returned) {
        if (!(returned instanceof Map) || ((Map) returned).get('status') == null) {
            return 'SUCCESS'
        }
        String status = ((Map) returned).get('status').toString().toUpperCase(Locale.ROOT)
        return status in ['FAILURE', 'UNSTABLE'] ? status : 'SUCCESS'
    }

    @NonCPS
    private static String summaryOf(Object returned) {
        Object summary = returned instanceof Map ? ((Map) returned).get('summary') : null
        return summary == null ? '' : summary.toString()
    }

    @NonCPS
    private static String messageOf(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.toString()
    }

    @NonCPS
    private static Map groupOutcome(List branches, Map results) {
        String status = 'SUCCESS'
        List<String> problems = []
        for (Map branch : (List<Map>) branches) {
            Map result = (Map) results.get(branch.id)
            String branchStatus = result == null ? 'FAILURE' : (String) result.status
            status = worse(status, branchStatus)
            if (branchStatus != 'SUCCESS' && branchStatus != 'SKIPPED') {
                problems.add("${branch.stage}: ${branchStatus}${result?.summary ? ' (' + result.summary + ')' : ''}"
                        .toString())
            }
        }
        return [status: status, summary: problems.join('; ')]
    }

    @NonCPS
    private static String worst(Map results) {
        String status = 'SUCCESS'
        for (Object result : results.values()) {
            status = worse(status, (String) ((Map) result).status)
        }
        return status
    }

    @NonCPS
    private static String worse(String a, String b) {
        List<String> order = ['SUCCESS', 'SKIPPED', 'UNSTABLE', 'FAILURE', 'ABORTED']
        String first = a == 'SKIPPED' ? 'SUCCESS' : a
        String second = b == 'SKIPPED' ? 'SUCCESS' : b
        return order.indexOf(second) > order.indexOf(first) ? second : first
    }

    /**
     * Shows a stage whose condition does not hold as skipped in the stage views, through the call Declarative
     * Pipeline uses for its own {@code when}; without Pipeline: Declarative the stage is shown as run.
     */
    @NonCPS
    private static void markSkipped(String stageName) {
        try {
            Class utils = Class.forName('org.jenkinsci.plugins.pipeline.modeldefinition.Utils', true,
                    ScenarioFlow.class.getClassLoader())
            utils.markStageSkippedForConditional(stageName)
        } catch (ClassNotFoundException | LinkageError ignored) {
            // not in Jenkins, or Pipeline: Declarative is not installed: the stage only says it skipped
        }
    }
}
