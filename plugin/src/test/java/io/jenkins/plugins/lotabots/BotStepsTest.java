package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.lotabots.build.BuildBotStep;
import io.jenkins.plugins.lotabots.deploy.DeployBotStep;
import io.jenkins.plugins.lotabots.monitor.MonitorBotStep;
import io.jenkins.plugins.lotabots.incident.IncidentBotRecorder;
import io.jenkins.plugins.lotabots.incident.IncidentBotStep;
import io.jenkins.plugins.lotabots.notify.NotificationBotRecorder;
import io.jenkins.plugins.lotabots.notify.NotificationBotStep;
import io.jenkins.plugins.lotabots.security.SecurityBotRecorder;
import io.jenkins.plugins.lotabots.security.SecurityBotStep;
import io.jenkins.plugins.lotabots.test.TestBotRecorder;
import io.jenkins.plugins.lotabots.test.TestBotStep;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Checks that every step and recorder has exactly the options of its engine bot, typed to match, and the form
 * and help files that say what the engine says.
 */
class BotStepsTest {
    private static final List<Map.Entry<String, Class<?>>> FORMS = List.of(Map.entry("build", BuildBotStep.class),
            Map.entry("test", TestBotStep.class), Map.entry("security", SecurityBotStep.class),
            Map.entry("deploy", DeployBotStep.class), Map.entry("monitor", MonitorBotStep.class),
            Map.entry("notify", NotificationBotStep.class), Map.entry("test", TestBotRecorder.class),
            Map.entry("security", SecurityBotRecorder.class), Map.entry("notify", NotificationBotRecorder.class),
            Map.entry("incident", IncidentBotStep.class), Map.entry("incident", IncidentBotRecorder.class));
    private static final Map<Class<?>, Class<?>> RECORDER_STEPS = Map.of(TestBotRecorder.class, TestBotStep.class,
            SecurityBotRecorder.class, SecurityBotStep.class, NotificationBotRecorder.class, NotificationBotStep.class,
            IncidentBotRecorder.class, IncidentBotStep.class);

    /**
     * One check per step or recorder class.
     */
    private interface FormCheck {
        void check(String botId, Class<?> type) throws Exception;
    }

    private static Stream<DynamicTest> each(final boolean stepsOnly, final FormCheck check) {
        return FORMS.stream().filter(form -> !stepsOnly || BotStep.class.isAssignableFrom(form.getValue()))
                .map(form -> DynamicTest.dynamicTest(form.getValue().getSimpleName(),
                        () -> check.check(form.getKey(), form.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> shouldHaveExactlyTheOptionsOfTheEngineDescriptorWithMatchingTypes() {
        return each(true, BotStepsTest::checkOptions);
    }

    @TestFactory
    Stream<DynamicTest> shouldHaveAHelpFileForEveryOptionWithTheEnginesHelpText() {
        return each(true, BotStepsTest::checkHelp);
    }

    @TestFactory
    Stream<DynamicTest> shouldHaveAFormEntryForEveryOption() {
        return each(true, BotStepsTest::checkForm);
    }

    @TestFactory
    Stream<DynamicTest> shouldShareTheStepsFormWhenItIsARecorder() {
        return each(false, BotStepsTest::checkRecorderForm);
    }

    private static void checkOptions(final String botId, final Class<?> type)
            throws Exception {
        BotDescriptor<?> descriptor = BotRegistry.standard().get(botId).getDescriptor();
        Map<String, Type> expected = new TreeMap<>();
        for (BotOption<?> option : descriptor.getOptions()) {
            expected.put(option.getName(), javaType(option));
        }

        Map<String, Type> actual = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                actual.put(name, method.getGenericParameterTypes()[0]);
                assertThat(type.getMethod("get" + method.getName().substring(3)).getGenericReturnType())
                        .as("getter of %s", name).isEqualTo(method.getGenericParameterTypes()[0]);
            }
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(type.getConstructor().isAnnotationPresent(DataBoundConstructor.class)).isTrue();
        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
    }

    private static void checkHelp(final String botId, final Class<?> step)
            throws IOException {
        BotDescriptor<?> descriptor = BotRegistry.standard().get(botId).getDescriptor();

        assertThat(resource(step, "help.html")).contains(html(descriptor.getHelp()));
        for (BotOption<?> option : descriptor.getOptions()) {
            assertThat(resource(step, "help-" + option.getName() + ".html")).as(option.getName())
                    .startsWith("<div>").contains(html(option.getHelp())).endsWith("</div>\n");
        }
    }

    private static void checkForm(final String botId, final Class<?> step) throws IOException {
        String jelly = resource(step, "config.jelly");

        for (BotOption<?> option : BotRegistry.standard().get(botId).getDescriptor().getOptions()) {
            assertThat(jelly).contains("<f:entry field=\"" + option.getName() + "\"");
        }
    }

    private static void checkRecorderForm(final String botId, final Class<?> type) throws Exception {
        if (BotRecorder.class.isAssignableFrom(type)) {
            Class<?> step = RECORDER_STEPS.get(type);
            assertThat(type.getConstructor(step).isAnnotationPresent(DataBoundConstructor.class)).isTrue();
            assertThat(type.getMethod("getOptions").getReturnType()).isEqualTo(step);
            assertThat(Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class)))
                    .as("options of %s are declared once, in %s", type.getSimpleName(), step.getSimpleName()).isEmpty();
            // the step's descriptor is named: getOptions() also exists as a bridge method returning BotStep
            assertThat(resource(type, "config.jelly")).contains("<f:property field=\"options\" propertyDescriptor=\""
                    + "${app.getDescriptorOrDie(descriptor.stepClass)}\"/>");
        }
    }

    private static Type javaType(final BotOption<?> option) {
        if (option.getType().isList()) {
            return new ParameterizedType() {
                @Override
                public Type[] getActualTypeArguments() {
                    return new Type[] {String.class};
                }

                @Override
                public Type getRawType() {
                    return List.class;
                }

                @Override
                public Type getOwnerType() {
                    return null;
                }

                @Override
                public boolean equals(final Object other) {
                    return other instanceof ParameterizedType type && type.getRawType() == List.class
                            && List.of(type.getActualTypeArguments()).equals(List.of(String.class));
                }

                @Override
                public int hashCode() {
                    return List.class.hashCode();
                }

                @Override
                public String toString() {
                    return "java.util.List<java.lang.String>";
                }
            };
        }
        return switch (option.getType().getName()) {
            case "integer" -> Integer.class;
            case "number" -> Double.class;
            case "boolean" -> Boolean.class;
            default -> String.class;  // text, choices and durations such as "5m"
        };
    }

    private static String resource(final Class<?> owner, final String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(owner.getSimpleName() + "/" + name)) {
            assertThat(in).as("%s/%s", owner.getSimpleName(), name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String html(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
