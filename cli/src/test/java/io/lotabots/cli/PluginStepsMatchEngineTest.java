package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jenkins plugin cannot be compiled on a machine without the Jenkins repository, so this build checks its
 * sources as text: every option of an engine bot that has a Pipeline step must be a setter of the step (or of the
 * plugin's class it extends, such as the paging options that notificationBot and incidentBot share), an entry of its
 * form and a help file with the engine's help text. An option added to a bot without its step fails here, not only in
 * the plugin's own build.
 */
class PluginStepsMatchEngineTest {
    private static final Path PLUGIN = Path.of(System.getProperty("user.dir")).resolve("../plugin/src/main")
            .normalize();
    private static final Map<String, String> PACKAGES = Map.of("build", "build", "test", "test", "security",
            "security", "deploy", "deploy", "monitor", "monitor", "notify", "notify", "incident", "incident");

    @TestFactory
    Stream<DynamicTest> everyEngineOptionIsASetterAFormEntryAndAHelpFileOfItsStep() {
        return BotRegistry.standard().getBots().stream().filter(bot -> PACKAGES.containsKey(bot.getDescriptor().getId()))
                .map(bot -> DynamicTest.dynamicTest(bot.getDescriptor().getName(), () -> check(bot)));
    }

    private static void check(final Bot<?, ?> bot) throws IOException {
        String name = bot.getDescriptor().getName() + "Step";
        String pkg = PACKAGES.get(bot.getDescriptor().getId());
        String java = withSuperclasses(PLUGIN.resolve("java/io/jenkins/plugins/lotabots/" + pkg + "/" + name + ".java"));
        Path resources = PLUGIN.resolve("resources/io/jenkins/plugins/lotabots/" + pkg + "/" + name);
        String jelly = read(resources.resolve("config.jelly"));
        for (BotOption<?> option : bot.getDescriptor().getOptions()) {
            String field = option.getName();
            String setter = "public void set" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "(";
            assertThat(java).as("%s has a @DataBoundSetter for %s", name, field).contains(setter);
            assertThat(jelly).as("%s/config.jelly has an entry for %s", name, field)
                    .contains("<f:entry field=\"" + field + "\"");
            String help = read(resources.resolve("help-" + field + ".html"));
            assertThat(help).as("help of %s.%s", name, field).contains(escape(option.getHelp()));
            Matcher stated = Pattern.compile("Default: <code>(.*?)</code>").matcher(help);
            if (stated.find()) {
                // the help writes the default as a Jenkinsfile would: 'text', ['a', 'b'], 30m
                assertThat(groovyless(stated.group(1))).as("the default stated in the help of %s.%s", name, field)
                        .isEqualTo(groovyless(escape(option.getDefaultText().orElse(""))));
            }
        }
    }

    /**
     * Reads a class's source and those of the plugin's classes it extends: the same package's, or an imported one of
     * the plugin.
     */
    private static String withSuperclasses(final Path source) throws IOException {
        String java = read(source);
        Matcher extended = Pattern.compile("class \\w+ extends (\\w+)").matcher(java);
        if (!extended.find()) {
            return java;
        }
        String superclass = extended.group(1);
        Matcher imported = Pattern.compile("import (io\\.jenkins\\.plugins\\.lotabots[\\w.]*)\\." + superclass + ";")
                .matcher(java);
        Path file = imported.find()
                ? PLUGIN.resolve("java").resolve(imported.group(1).replace('.', '/')).resolve(superclass + ".java")
                : source.resolveSibling(superclass + ".java");
        return Files.exists(file) ? java + withSuperclasses(file) : java;
    }

    private static String groovyless(final String text) {
        return text.replaceAll("['\\[\\] ]", "");
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String read(final Path file) throws IOException {
        assertThat(file).exists();
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
