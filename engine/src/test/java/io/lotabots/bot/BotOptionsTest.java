package io.lotabots.bot;

import io.lotabots.error.LotaBotsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class BotOptionsTest {
    private final BotDescriptor<GreeterBot.Request> descriptor = new GreeterBot().getDescriptor();

    @Test
    void shouldRefuseMissingRequiredOptionNamingBotAndOption() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotOptions.of(descriptor, Map.of("times", 2)))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .withMessage("Option 'name' of GreeterBot is required: Who to greet.");
    }

    @Test
    void shouldTreatNullValueOfRequiredOptionAsMissing() {
        Map<String, Object> given = new HashMap<>();
        given.put("name", null);

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotOptions.of(descriptor, given))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .withMessageContaining("'name'")
                .withMessageContaining("is required");
    }

    @Test
    void shouldRefuseUnknownOptionNamingTheKnownOnes() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotOptions.of(descriptor, Map.of("name", "ada", "colour", "red")))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .withMessage("Option 'colour' of GreeterBot is not an option of GreeterBot; its options are"
                        + " name, times, loud");
    }

    @Test
    void shouldNameOptionsTheWayTheFrontEndsUserWritesThem() {
        BotOption<Integer> bluePort = BotOption.optional("bluePort", OptionType.INTEGER, 8081, "Port of blue.");
        BotOption<Boolean> allowEmpty = BotOption.required("allowEmpty", OptionType.BOOLEAN, "Accept nothing.");
        BotDescriptor<String> ports = BotDescriptor.of("ports", "PortBot", "Checks ports.",
                List.of(bluePort, allowEmpty), options -> "fix " + options.nameOf(bluePort));

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotOptions.of(ports, Map.of("allowEmpty", true, "bluePort", "x"),
                        OptionNaming.COMMAND_LINE))
                .withMessage("Option '--blue-port' of PortBot expected a whole number, was 'x'");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ports.createRequest(Map.of(), OptionNaming.COMMAND_LINE))
                .withMessage("Option '--allow-empty' of PortBot is required: Accept nothing.");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ports.createRequest(Map.of("allowEmpty", true, "greenPort", 1),
                        OptionNaming.COMMAND_LINE))
                .withMessage("Option '--green-port' of PortBot is not an option of PortBot; its options are"
                        + " --blue-port, --allow-empty");
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> ports.createRequest(Map.of("bluePort", "x", "allowEmpty", true)))
                .withMessage("Option 'bluePort' of PortBot expected a whole number, was 'x'");
        assertThat(ports.createRequest(Map.of("allowEmpty", true), OptionNaming.COMMAND_LINE))
                .isEqualTo("fix --blue-port");
        assertThat(ports.createRequest(Map.of("allowEmpty", true))).isEqualTo("fix bluePort");
    }

    @Test
    void shouldPutBotAndOptionInFrontOfConversionProblem() {
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> BotOptions.of(descriptor, Map.of("name", "ada", "times", "abc")))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION))
                .withMessage("Option 'times' of GreeterBot expected a whole number, was 'abc'");
    }

    @Test
    void shouldConvertGivenValues() {
        BotOptions options = BotOptions.of(descriptor, Map.of("name", "ada", "times", "3", "loud", "yes"));

        assertThat(options.get(GreeterBot.NAME)).isEqualTo("ada");
        assertThat(options.get(GreeterBot.TIMES)).isEqualTo(3);
        assertThat(options.get(GreeterBot.LOUD)).isTrue();
        assertThat(options.getGiven()).containsOnly(Map.entry("name", "ada"), Map.entry("times", 3),
                Map.entry("loud", true));
    }

    @Test
    void shouldApplyDefaultsWhenOptionsAreNotGiven() {
        BotOptions options = BotOptions.of(descriptor, Map.of("name", "ada"));

        assertThat(options.get(GreeterBot.TIMES)).isEqualTo(1);
        assertThat(options.require(GreeterBot.LOUD)).isFalse();
        assertThat(options.isGiven(GreeterBot.TIMES)).isFalse();
        assertThat(options.isGiven(GreeterBot.NAME)).isTrue();
        assertThat(options.getGiven()).containsOnlyKeys("name");
    }

    @Test
    void shouldApplyDefaultWhenValueIsNull() {
        Map<String, Object> given = new HashMap<>();
        given.put("name", "ada");
        given.put("times", null);

        BotOptions options = BotOptions.of(descriptor, given);

        assertThat(options.get(GreeterBot.TIMES)).isEqualTo(1);
        assertThat(options.isGiven(GreeterBot.TIMES)).isFalse();
    }

    @Test
    void shouldRefuseToReadOptionOfAnotherBot() {
        BotOptions options = BotOptions.of(descriptor, Map.of("name", "ada"));
        BotOption<String> foreign = BotOption.optional("name", OptionType.STRING, "x", "Another bot's option.");

        assertThatIllegalArgumentException().isThrownBy(() -> options.get(foreign))
                .withMessageContaining("GreeterBot");
    }

    @Test
    void shouldSayWhenRequiredValueHasNeitherValueNorDefault() {
        BotOption<String> noDefault = BotOption.optional("label", OptionType.STRING, null, "A label.");
        BotDescriptor<String> labelled = BotDescriptor.of("label", "LabelBot", "Labels.", List.of(noDefault),
                options -> "unused");
        BotOptions options = BotOptions.of(labelled, Map.of());

        assertThat(options.get(noDefault)).isNull();
        assertThatNullPointerException().isThrownBy(() -> options.require(noDefault))
                .withMessage("label has neither a value nor a default");
    }

    @Test
    void shouldTurnOptionsIntoRequestThroughDescriptor() {
        assertThat(descriptor.createRequest(Map.of("name", "ada", "times", 2)))
                .isEqualTo(new GreeterBot.Request("ada", 2, false));
    }

    @Test
    void shouldRunBotFromOptionMapAsFrontEndsDo(@TempDir final Path workspace) {
        GreeterBot bot = new GreeterBot();
        BotContext context = BotContext.builder(workspace).build();

        GreeterBot.Result result = bot.run(Map.of("name", "ada", "times", 2, "loud", true), context);

        assertThat(result.getSummary()).isEqualTo("HELLO ADA, HELLO ADA");
        assertThat(result.getOutputs()).containsEntry("text", "HELLO ADA, HELLO ADA");
    }

    @Test
    void shouldRefuseBadOptionsBeforeBotRuns(@TempDir final Path workspace) {
        GreeterBot bot = new GreeterBot();
        BotContext context = BotContext.builder(workspace).build();

        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> bot.run(Map.of("times", 2), context))
                .withMessageContaining("'name' of GreeterBot");
    }
}
