package io.lotabots.pipeline

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.TestInstance

/**
 * Loads this module as the shared library 'lotabots' into JenkinsPipelineUnit and registers the LotaBots plugin's
 * bot steps as mocks that record every call and answer with a result map, as the plugin's steps do: status
 * SUCCESS, UNSTABLE or FAILURE and a summary, throwing an AbortException on FAILURE.
 *
 * <p>{@link #events} is the run as the stage views and the console would show it: {@code stage Test},
 * {@code testBot}, {@code notify Test SUCCESS}, {@code unstable ...}, {@code error ...}, {@code input ...},
 * {@code echo ...}.
 *
 * <p>One instance serves all tests of a class, so the library is compiled once per class; {@link #resetRun}
 * gives every test a fresh build (binding, records, answers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LibraryTestBase extends BasePipelineTest {
    /** The bot steps of the plugin. */
    /** The options build-test-deploy.yaml gives its stages itself, before any override. */
    static final Map<String, Object> BUILD = [artifacts: ['target/*.jar', 'build/libs/*.jar'], testFailures: 'testBot']
    static final Map<String, Object> STAGING = [environment: 'staging', strategy: 'rolling',
                                                smoke: ['/health 200 ~UP'], bluePort: 8181, greenPort: 8182]
    static final Map<String, Object> PRODUCTION = [environment: 'production', strategy: 'blueGreen',
                                                   smoke: ['/health 200 ~UP'], approvalRequired: []]
    static final Map<String, Object> ROLLBACK = [environment: 'production', rollback: true]
    static final Map<String, Object> NOTIFY = [channel: ['console', 'file', 'configured']]

    static final List<String> BOT_STEPS = ['buildBot', 'testBot', 'securityBot', 'deployBot', 'monitorBot', 'incidentBot']

    private static int scripts

    /** What happened, in order. */
    final List<String> events = []

    /** Every bot step call: [step: name, options: Map, stage: the stage it ran in]. */
    final List<Map> calls = []

    /** Scripted answers: [step, match (a subset of the options), answer (Map result or Closure)]. */
    protected final List<Map> answers = []

    /** Resource path to the text libraryResource returns instead of the library's file. */
    final Map<String, String> resources = [:]

    protected final List<String> stages = []

    @BeforeAll
    void loadLibrary() throws Exception {
        // The folder must exist before the script engine is made: only an existing folder's URL ends with '/'.
        new File('target/test-jenkinsfiles').mkdirs()
        scriptRoots = ['target/test-jenkinsfiles/'] as String[]
        scriptExtension = 'groovy'
        setUp()
        helper.registerSharedLibrary(library().name('lotabots').defaultVersion('master').allowOverride(true)
                .implicit(false).targetPath('target').retriever(new ProjectSource()).build())
        registerPipelineSteps()
        for (String step : BOT_STEPS) {
            registerBotStep(step)
        }
        helper.registerAllowedMethod('notificationBot', [Map], { Map options ->
            events.add("notify ${options.stage} ${options.result}".toString())
            calls.add([step: 'notificationBot', options: options, stage: currentStage()])
            return answer('notificationBot', options)
        })
    }

    @BeforeEach
    void resetRun() {
        binding = new Binding()
        binding.setVariable('currentBuild', new BuildState())
        binding.setVariable('env', [BRANCH_NAME: 'main', BUILD_NUMBER: '42'])
        binding.setVariable('params', [:])
        binding.setVariable('any', 'any')
        events.clear()
        calls.clear()
        answers.clear()
        resources.clear()
        stages.clear()
        helper.clearCallStack()
    }

    protected void registerPipelineSteps() {
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body ->
            events.add("stage ${name}".toString())
            stages.add(name)
            Map env = (Map) binding.getVariable('env')
            Object outer = env.STAGE_NAME
            env.STAGE_NAME = name
            try {
                return runStageBody(name, body)
            } finally {
                env.STAGE_NAME = outer
                stages.remove(stages.size() - 1)
            }
        })
        helper.registerAllowedMethod('parallel', [Map], { Map branches ->
            events.add('parallel')
            Closure parallel = (Closure) helper.parallelInterceptor.clone()
            parallel.delegate = delegate
            return parallel.call(branches)
        })
        helper.registerAllowedMethod('echo', [String], { String text -> events.add("echo ${text}".toString()) })
        helper.registerAllowedMethod('error', [String], { String message ->
            events.add("error ${message}".toString())
            updateBuildStatus('FAILURE')
            throw new AbortException(message)
        })
        helper.registerAllowedMethod('unstable', [String], { String message ->
            events.add("unstable ${message}".toString())
            if (binding.getVariable('currentBuild').result == 'SUCCESS') {
                updateBuildStatus('UNSTABLE')
            }
        })
        helper.registerAllowedMethod('input', [Map], { Map options ->
            events.add("input ${options.message} submitter=${options.submitter}".toString())
            calls.add([step: 'input', options: options, stage: currentStage()])
            return answer('input', options) ?: 'alice'
        })
        helper.registerAllowedMethod('botMessage', [Map], { Map options ->
            events.add("botMessage ${options.type}".toString())
            calls.add([step: 'botMessage', options: options, stage: currentStage()])
            return null
        })
        helper.registerAllowedMethod('libraryResource', [String], { String path ->
            events.add("libraryResource ${path}".toString())
            return resources.containsKey(path) ? resources.get(path) : helper.libraryResourceInterceptor.call(path)
        })
    }

    /**
     * Runs the body of a stage; the declarative tests add the sections of a Declarative stage.
     */
    protected Object runStageBody(String name, Closure body) {
        return body.call()
    }

    protected void registerBotStep(String step) {
        helper.registerAllowedMethod(step, [Map], { Map options -> callBot(step, options) })
        helper.registerAllowedMethod(step, [], { -> callBot(step, [:]) })
    }

    protected Object callBot(String step, Map options) {
        events.add(step)
        calls.add([step: step, options: options, stage: currentStage()])
        return answer(step, options)
    }

    protected String currentStage() {
        return stages.isEmpty() ? null : stages.get(stages.size() - 1)
    }

    protected Object answer(String step, Map options) {
        for (Map rule : answers) {
            if (rule.step == step && ((Map) rule.match).every { k, v -> options.get(k) == v }) {
                Object answer = rule.answer
                if (answer instanceof Closure) {
                    return ((Closure) answer).call(options)
                }
                Map result = (Map) answer
                if (result.status == 'FAILURE' && rule.throwing) {
                    throw new AbortException(result.summary.toString())
                }
                return result
            }
        }
        return step == 'input' ? null : [status: 'SUCCESS', summary: "${step} passed".toString()]
    }

    /**
     * Makes a step answer with a result; a FAILURE is thrown as the plugin's steps do.
     *
     * @param step the step
     * @param match options the call must have, for example [environment: 'production']
     * @param result the result map
     */
    void stepReturns(String step, Map match = [:], Map result) {
        answers.add(0, [step: step, match: match, answer: result, throwing: true])
    }

    /**
     * Makes a step return a FAILURE result without throwing (as a step with failOnError: false may).
     */
    void stepReturnsFailureQuietly(String step, Map match = [:], String summary) {
        answers.add(0, [step: step, match: match, answer: [status: 'FAILURE', summary: summary], throwing: false])
    }

    /**
     * Makes a step run the given code, which may throw.
     */
    void stepDoes(String step, Map match = [:], Closure code) {
        answers.add(0, [step: step, match: match, answer: code])
    }

    /**
     * Runs a Jenkinsfile given as text, as Jenkins would: an exception that escapes fails the build.
     *
     * @param text the Jenkinsfile
     * @return the exception that ended the run, or null
     */
    Throwable runPipeline(String text) {
        File folder = new File('target/test-jenkinsfiles')
        folder.mkdirs()
        String name = "${getClass().getSimpleName()}${++scripts}".toString()
        new File(folder, name + '.groovy').setText(text, 'UTF-8')
        try {
            runScript(name + '.groovy')
            return null
        } catch (InterruptedException e) {
            updateBuildStatus('ABORTED')
            return e
        } catch (Throwable e) {
            updateBuildStatus('FAILURE')
            return e
        }
    }

    /** Runs {@code lotabotsBuildTestDeploy} with the given arguments, written as Groovy source. */
    Throwable runScenario(String arguments = '') {
        return runPipeline("@Library('lotabots') _\nresult = lotabotsBuildTestDeploy(${arguments})\n")
    }

    /** Returns the result of the build. */
    String buildResult() {
        return binding.getVariable('currentBuild').result
    }

    /** Returns the events without the echo and libraryResource lines. */
    List<String> flow() {
        return events.findAll { !it.startsWith('echo ') && !it.startsWith('libraryResource ') }
    }

    /** Returns the options of the calls to a step, in order. */
    List<Map> optionsOf(String step) {
        return calls.findAll { it.step == step }.collect { (Map) it.options }
    }

    /** Returns the text of a resource next to the test classes. */
    String fixture(String name) {
        InputStream stream = getClass().getResourceAsStream(name)
        if (stream == null) {
            throw new IllegalStateException("No test resource ${name} next to ${getClass().getName()}")
        }
        return stream.getText('UTF-8')
    }
}
