package io.lotabots.pipeline

import org.junit.jupiter.api.BeforeAll

/**
 * Just enough of Declarative Pipeline to run the example Jenkinsfiles under JenkinsPipelineUnit 1.1, which has
 * no DeclarativePipelineTest (later versions have): pipeline, agent, options, stages, stage with when
 * (expression, branch), steps and post (always, success, unstable, failure, cleanup), script and catchError.
 * Stages run in order and the first one that fails skips the rest, as in Declarative; a stage body without a
 * steps section is a scripted stage (the library's own stages inside a steps block).
 */
abstract class DeclarativeTestBase extends LibraryTestBase {
    /** The sections being collected: the innermost pipeline, stage, when or post block last. */
    protected final List<Map> sections = []

    @BeforeAll
    void registerDeclarative() {
        helper.registerAllowedMethod('pipeline', [Closure], { Closure body ->
            Map pipeline = collectSections(body)
            Throwable failure = null
            try {
                if (pipeline.stages != null) {
                    ((Closure) pipeline.stages).call()
                }
            } catch (Throwable e) {
                failure = fail(e)
            }
            runPost((Closure) pipeline.post, failure)
            if (failure != null) {
                throw failure
            }
        })
        helper.registerAllowedMethod('agent', [Object], { Object agent -> events.add("agent ${agent}".toString()) })
        helper.registerAllowedMethod('options', [Closure], { Closure body -> body.call() })
        for (String section : ['stages', 'steps', 'when', 'post']) {
            String name = section
            helper.registerAllowedMethod(name, [Closure], { Closure body -> sections.last().put(name, body) })
        }
        for (String condition : ['always', 'success', 'unstable', 'failure', 'cleanup']) {
            String name = condition
            helper.registerAllowedMethod(name, [Closure], { Closure body -> sections.last().put(name, body) })
        }
        helper.registerAllowedMethod('expression', [Closure], { Closure test ->
            ((List) sections.last().conditions).add(test)
        })
        helper.registerAllowedMethod('branch', [String], { String pattern ->
            ((List) sections.last().conditions).add({ binding.getVariable('env').BRANCH_NAME == pattern })
        })
        helper.registerAllowedMethod('script', [Closure], { Closure body -> body.call() })
        helper.registerAllowedMethod('catchError', [Map, Closure], { Map options, Closure body ->
            try {
                body.call()
            } catch (InterruptedException e) {
                throw e
            } catch (Throwable e) {
                events.add("catchError ${e.message}".toString())
                updateBuildStatus((String) options.buildResult)
            }
        })
    }

    @Override
    protected Object runStageBody(String name, Closure body) {
        Map stage = collectSections(body)
        if (stage.steps == null) {
            return null
        }
        if (stage.when != null && !holds((Closure) stage.when)) {
            events.add("skipped ${name}".toString())
            return null
        }
        Throwable failure = null
        try {
            ((Closure) stage.steps).call()
        } catch (Throwable e) {
            failure = fail(e)
        }
        runPost((Closure) stage.post, failure)
        if (failure != null) {
            throw failure
        }
        return null
    }

    protected Map collectSections(Closure body) {
        sections.add([:])
        try {
            body.call()
        } catch (Throwable e) {
            sections.remove(sections.size() - 1)
            throw e
        }
        return sections.remove(sections.size() - 1)
    }

    protected boolean holds(Closure when) {
        Map section = [conditions: []]
        sections.add(section)
        try {
            when.call()
        } finally {
            sections.remove(sections.size() - 1)
        }
        return ((List) section.conditions).every { ((Closure) it).call() }
    }

    protected Throwable fail(Throwable error) {
        updateBuildStatus(error instanceof InterruptedException ? 'ABORTED' : 'FAILURE')
        return error
    }

    protected void runPost(Closure post, Throwable failure) {
        if (post == null) {
            return
        }
        Map conditions = collectSections(post)
        String result = failure != null ? 'FAILURE' : binding.getVariable('currentBuild').currentResult
        List<String> order = ['always', result == 'SUCCESS' ? 'success' : result == 'UNSTABLE' ? 'unstable'
                : 'failure', 'cleanup']
        for (String condition : order) {
            if (conditions.get(condition) != null) {
                ((Closure) conditions.get(condition)).call()
            }
        }
    }
}
