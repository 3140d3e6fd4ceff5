package io.lotabots.pipeline

import static org.assertj.core.api.Assertions.assertThat

import org.junit.jupiter.api.Test
import org.yaml.snakeyaml.Yaml

/**
 * The library's layout: every global variable has its help, vars/ stays thin, and the scenario flows live only in
 * the definitions under resources/, never repeated in Groovy.
 */
class LibraryLayoutTest {
    private static final File ROOT = new File(System.getProperty('lotabots.library.root', '.'))
    private static final File SCENARIOS = new File(ROOT, 'resources/io/lotabots/scenarios')

    private static List<File> vars() {
        return new File(ROOT, 'vars').listFiles().findAll { it.name.endsWith('.groovy') }.sort { it.name }
    }

    private static List<File> groovySources() {
        List<File> files = vars()
        new File(ROOT, 'src').eachFileRecurse { if (it.name.endsWith('.groovy')) { files.add(it) } }
        return files
    }

    @Test
    void everyGlobalVariableHasHelpWithParametersAndAnExample() {
        assertThat(vars()).isNotEmpty()
        for (File var : vars()) {
            File help = new File(var.parentFile, var.name.replaceAll(/\.groovy$/, '.txt'))
            assertThat(help).as("help for ${var.name}").exists()
            assertThat(help.getText('UTF-8')).as(help.name).contains('<dl>', '<dt>', '<dd>', '<pre>')
        }
    }

    @Test
    void globalVariablesOnlyDelegateToTheLibraryClasses() {
        for (File var : vars()) {
            List<String> code = var.readLines('UTF-8').findAll { String line ->
                String text = line.trim()
                !text.isEmpty() && !text.startsWith('*') && !text.startsWith('/*') && !text.startsWith('//')
            }
            assertThat(code.size()).as("lines of code in ${var.name}").isLessThanOrEqualTo(5)
            assertThat(code.join('\n')).as(var.name).contains('new ScenarioFlow(this)')
        }
    }

    @Test
    void everyScenarioOfAVariableIsABuiltInDefinition() {
        List<String> index = new File(SCENARIOS, 'index.txt').readLines('UTF-8')
                .collect { it.trim() }.findAll { it && !it.startsWith('#') }
        for (File var : vars()) {
            def call = var.getText('UTF-8') =~ /\.run\('([a-z0-9-]+)'/
            assertThat(call.find()).as("${var.name} runs a scenario by name").isTrue()
            assertThat(index).contains(call.group(1))
            assertThat(new File(SCENARIOS, call.group(1) + '.yaml')).exists()
        }
    }

    @Test
    void noStageOfADefinitionIsRepeatedInGroovy() {
        Set<String> names = []
        for (File definition : SCENARIOS.listFiles().findAll { it.name.endsWith('.yaml') }) {
            Map scenario = (Map) new Yaml().load(definition.getText('UTF-8'))
            collectNames((List) scenario.stages, names)
        }
        assertThat(names).contains('Deploy to Production', 'Roll back Production', 'deployProduction')
        for (File source : groovySources()) {
            String text = source.getText('UTF-8')
            for (String name : names) {
                assertThat(text).as("${source.name} repeats '${name}' of a scenario definition")
                        .doesNotContain("'${name}'").doesNotContain("\"${name}\"")
            }
        }
    }

    private static void collectNames(List stages, Set<String> names) {
        for (Map stage : (List<Map>) stages) {
            ['stage', 'id', 'parallel', 'approval'].each { if (stage[it] != null) { names.add(stage[it].toString()) } }
            collectNames((List) (stage.branches ?: []), names)
            collectNames((List) (stage.onFailure ?: []), names)
        }
    }
}
