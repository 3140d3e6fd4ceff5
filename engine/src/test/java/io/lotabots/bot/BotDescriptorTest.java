package io.lotabots.bot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BotDescriptorTest {
    @ParameterizedTest(name = "{0} is {1} on the command line")
    @CsvSource({
            "minCoverage, --min-coverage",
            "format, --format",
            "maxFailedTests, --max-failed-tests",
            "retry2Times, --retry2-times"
    })
    void shouldDeriveCommandLineNameFromCamelCase(final String name, final String expected) {
        assertThat(BotOption.optional(name, OptionType.STRING, null, "Help.").getCommandLineName())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "refuses option name \"{0}\"")
    @ValueSource(strings = {"min-coverage", "MinCoverage", "min_coverage", "", "2fast"})
    void shouldRefuseOptionNamesThatAreNotCamelCase(final String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BotOption.required(name, OptionType.STRING, "Help."))
                .withMessageContaining("'" + name + "'")
                .withMessageContaining("camelCase");
    }

    @Test
    void shouldDescribeRequiredAndOptionalOptions() {
        BotOption<String> required = BotOption.required("name", OptionType.STRING, "Who.");
        BotOption<Integer> optional = BotOption.optional("times", OptionType.INTEGER, 3, "How often.");

        assertThat(required.isRequired()).isTrue();
        assertThat(required.getDefaultValue()).isEmpty();
        assertThat(required.getHelp()).isEqualTo("Who.");
        assertThat(required.getType()).isSameAs(OptionType.STRING);
        assertThat(optional.isRequired()).isFalse();
        assertThat(optional.getDefaultValue()).contains(3);
        assertThat(optional).hasToString("times");
    }

    @Test
    void shouldDerivePipelineFunctionNameFromName() {
        BotDescriptor<String> descriptor = BotDescriptor.of("test", "TestBot", "Runs tests.", List.of(),
                options -> "request");

        assertThat(descriptor.getFunctionName()).isEqualTo("testBot");
        assertThat(BotDescriptor.of("notify", "NotificationBot", "Notifies.", List.of(), options -> "request")
                .getFunctionName()).isEqualTo("notificationBot");
        assertThat(descriptor.getId()).isEqualTo("test");
        assertThat(descriptor.getName()).isEqualTo("TestBot");
        assertThat(descriptor.getHelp()).isEqualTo("Runs tests.");
        assertThat(descriptor).hasToString("TestBot");
    }

    @Test
    void shouldRefuseDescriptorThatDeclaresOptionTwice() {
        BotOption<String> first = BotOption.required("format", OptionType.STRING, "The format.");
        BotOption<Integer> second = BotOption.optional("format", OptionType.INTEGER, 1, "Again.");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> BotDescriptor.of("report", "ReportBot", "Reports.", List.of(first, second),
                        options -> "request"))
                .withMessageContaining("ReportBot")
                .withMessageContaining("twice");
    }

    @Test
    void shouldKeepOptionsInDocumentedOrderAndFindThemByName() {
        BotDescriptor<GreeterBot.Request> descriptor = new GreeterBot().getDescriptor();

        assertThat(descriptor.getOptions()).extracting(BotOption::getName).containsExactly("name", "times", "loud");
        assertThat(descriptor.findOption("times")).containsSame(GreeterBot.TIMES);
        assertThat(descriptor.findOption("--times")).isEmpty();
        assertThat(descriptor.findOption("Times")).isEmpty();
    }
}
