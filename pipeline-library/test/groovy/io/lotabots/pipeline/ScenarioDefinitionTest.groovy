package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test

/**
 * A definition that is malformed, hostile or huge stops the run before its first stage with an error naming the
 * file and the line or field, through the error step (no stack trace in Jenkins), and no bot runs.
 */
class ScenarioDefinitionTest extends LibraryTestBase {
    private static final String FILE = 'io/lotabots/scenarios/build-test-deploy.yaml'
    private static final String HEADER = 'name: build-test-deploy\ntitle: T\ndescription: D\ntrigger: push\n'

    private Throwable runWith(String definition) {
        resources.put(FILE, definition)
        Throwable error = runScenario()
        assertThat(calls).as('no bot may run on a bad definition').isEmpty()
        assertThat(events.findAll { it.startsWith('stage ') }).isEmpty()
        return error
    }

    @Test
    void namesTheLineOfInvalidYaml() {
        Throwable error = runWith(HEADER + 'stages:\n  - id: build\n    stage: [Build\n')

        assertThat(error).isInstanceOf(AbortException)
        assertThat(error.message).startsWith("The scenario ${FILE} line 8 is not valid YAML:")
    }

    @Test
    void namesAnUnknownKeyAndTheKnownOnes() {
        Throwable error = runWith(HEADER + 'stages:\n  - id: build\n    stage: Build\n    bots: build\n')

        assertThat(error).hasMessage("The scenario ${FILE} field stages[0].bots is not a known key; the keys here are"
                + ' bot, id, onFailure, optional, options, stage, when')
    }

    @Test
    void namesAMissingStageName() {
        Throwable error = runWith(HEADER + 'stages:\n  - id: build\n    bot: build\n')

        assertThat(error).hasMessage("The scenario ${FILE} field stages[0].stage is missing; it is required")
    }

    @Test
    void rejectsTwoStagesWithOneId() {
        Throwable error = runWith(HEADER + 'stages:\n  - {id: deploy, stage: A, bot: deploy}\n'
                + '  - {id: monitor, stage: B, bot: monitor, onFailure: [{id: deploy, stage: C, bot: deploy}]}\n')

        assertThat(error).hasMessage("The scenario ${FILE} field stages[1].onFailure[0].id repeats the id 'deploy';"
                + ' every stage needs an id of its own')
    }

    @Test
    void rejectsAConditionThatIsNotAComparison() {
        Throwable error = runWith(HEADER + 'stages:\n  - {id: d, stage: D, bot: deploy, when: branch = main}\n')

        assertThat(error).hasMessage("The scenario ${FILE} field stages[0].when 'branch = main' is not of the form"
                + " PARAMETER == VALUE or PARAMETER != VALUE, for example 'branch == main'")
    }

    @Test
    void rejectsAParallelGroupWithoutBranches() {
        Throwable error = runWith(HEADER + 'stages:\n  - parallel: Checks\n    branches: []\n')

        assertThat(error).hasMessage("The scenario ${FILE} field stages[0].branches must be a non-empty list of bot"
                + ' stages')
    }

    @Test
    void rejectsADefinitionWithoutStages() {
        assertThat(runWith(HEADER)).hasMessage("The scenario ${FILE} field stages must be a non-empty list")
    }

    @Test
    void rejectsADefinitionThatIsNotAMap() {
        assertThat(runWith('- build\n- test\n')).hasMessage("The scenario ${FILE} must be a map with name, title,"
                + ' description, trigger, notify and stages')
    }

    @Test
    void rejectsAnEmptyDefinition() {
        assertThat(runWith('')).hasMessageStartingWith("The scenario ${FILE} must be a map")
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLast() {
        Throwable error = runWith(HEADER + 'stages:\n  - id: build\n    stage: Build\n    bot: build\n'
                + '    bot: deploy\n')

        assertThat(error.message).startsWith("The scenario ${FILE} line 9 is not valid YAML:")
                .contains('duplicate key bot')
    }

    @Test
    void refusesToBuildJavaObjectsFromTags() {
        Throwable error = runWith(HEADER + 'stages:\n  - id: build\n    stage: Build\n    bot: build\n'
                + '    options: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL'
                + ' ["http://localhost/x.jar"]]]]\n')

        assertThat(error.message).startsWith("The scenario ${FILE} line 9 is not valid YAML:")
                .containsPattern('Global tag is not allowed|could not determine a constructor for the tag')
    }

    @Test
    void refusesABillionLaughs() {
        List<String> names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
        StringBuilder yaml = new StringBuilder(HEADER)
        yaml.append('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n')
        for (int level = 1; level < names.size(); level++) {
            yaml.append("${names[level]}: &${names[level]} [${(['*' + names[level - 1]] * 9).join(',')}]\n")
        }
        yaml.append('stages:\n  - {id: build, stage: Build, bot: build}\n')

        Throwable error = runWith(yaml.toString())

        assertThat(error.message).contains('is not valid YAML').contains('aliases')
    }

    @Test
    void refusesAHugeDefinition() {
        String huge = HEADER + 'stages:\n  - {id: build, stage: Build, bot: build}\n' + ('#' * 300_000) + '\n'

        Throwable error = runWith(huge)

        assertThat(error).hasMessage("The scenario ${FILE} has ${huge.length()} characters, more than the 262144 a"
                + ' definition may have')
    }

    @Test
    void refusesDeeplyNestedOptions() {
        String nested = ('[' * 200) + (']' * 200)

        Throwable error = runWith(HEADER + "stages:\n  - {id: build, stage: Build, bot: build, options: {x: ${nested}}}\n")

        assertThat(error.message).contains('is not valid YAML').containsIgnoringCase('nesting depth')
    }
}
