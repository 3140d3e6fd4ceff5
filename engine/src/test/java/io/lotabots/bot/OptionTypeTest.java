package io.lotabots.bot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionTypeTest {
    @Test
    void shouldReadIntegerFromTextAndNumbers() {
        assertThat(OptionType.INTEGER.parse("12")).isEqualTo(12);
        assertThat(OptionType.INTEGER.parse(" 12 ")).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert("12")).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert(12)).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert(12L)).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert(12.0)).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert(new BigDecimal("12.00"))).isEqualTo(12);
        assertThat(OptionType.INTEGER.convert(-3)).isEqualTo(-3);
    }

    @Test
    void shouldRejectIntegerWithFraction() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.convert(12.5))
                .withMessage("expected a whole number, was 12.5");
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.parse("12.5"))
                .withMessageContaining("expected a whole number");
    }

    @Test
    void shouldRejectIntegerThatIsNoNumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.parse("abc"))
                .withMessage("expected a whole number, was 'abc'");
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.convert("abc"))
                .withMessage("expected a whole number, was 'abc'");
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.convert(true))
                .withMessageContaining("expected a whole number");
    }

    @Test
    void shouldRejectIntegerOutOfRangeInsteadOfWrappingAround() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.convert(3_000_000_000L));
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.INTEGER.parse("3000000000"));
    }

    @Test
    void shouldReadDecimalFromTextAndNumbers() {
        assertThat(OptionType.DECIMAL.parse("87.5")).isEqualTo(87.5);
        assertThat(OptionType.DECIMAL.parse(" 2 ")).isEqualTo(2.0);
        assertThat(OptionType.DECIMAL.convert(3)).isEqualTo(3.0);
        assertThat(OptionType.DECIMAL.convert(2.5f)).isEqualTo(2.5);
        assertThat(OptionType.DECIMAL.convert(new BigDecimal("0.25"))).isEqualTo(0.25);
        assertThat(OptionType.DECIMAL.convert("0.75")).isEqualTo(0.75);
    }

    @Test
    void shouldRejectDecimalThatIsNoNumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.DECIMAL.parse("abc"))
                .withMessage("expected a number, was 'abc'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void shouldRejectDecimalTextThatIsNotFinite(final String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.DECIMAL.parse(text))
                .withMessage("expected a finite number, was '" + text + "'");
    }

    @Test
    void shouldRejectDecimalValueThatIsNotFiniteAsParseDoes() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.DECIMAL.convert(Double.NaN))
                .withMessageContaining("finite");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptionType.DECIMAL.convert(Double.POSITIVE_INFINITY))
                .withMessageContaining("finite");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes", "on", "TRUE", "Yes", " yes "})
    void shouldReadTrue(final String text) {
        assertThat(OptionType.BOOLEAN.parse(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "off", "FALSE", "No"})
    void shouldReadFalse(final String text) {
        assertThat(OptionType.BOOLEAN.parse(text)).isFalse();
    }

    @Test
    void shouldConvertBooleanValuesAsTheyAre() {
        assertThat(OptionType.BOOLEAN.convert(Boolean.TRUE)).isTrue();
        assertThat(OptionType.BOOLEAN.convert(false)).isFalse();
        assertThat(OptionType.BOOLEAN.convert("no")).isFalse();
    }

    @Test
    void shouldRejectBooleanThatIsNeither() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.BOOLEAN.parse("maybe"))
                .withMessage("expected true or false, was 'maybe'");
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.BOOLEAN.convert(1))
                .withMessageContaining("expected true or false");
    }

    @Test
    void shouldReadDurations() {
        assertThat(OptionType.DURATION.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(OptionType.DURATION.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(OptionType.DURATION.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionType.DURATION.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionType.DURATION.convert(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectDurationThatIsNoDuration() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionType.DURATION.parse("soon"))
                .withMessageContaining("'soon' is not a duration");
    }

    @Test
    void shouldAcceptOnlyChoices() {
        OptionType<String> strategy = OptionType.choice("rolling", "blueGreen", "canary");

        assertThat(strategy.parse("canary")).isEqualTo("canary");
        assertThat(strategy.convert("blueGreen")).isEqualTo("blueGreen");
        assertThat(strategy.getChoices()).containsExactly("rolling", "blueGreen", "canary");
        assertThat(strategy.getName()).isEqualTo("one of rolling, blueGreen, canary");
        assertThat(strategy.isList()).isFalse();
    }

    @Test
    void shouldRejectValueOutsideChoicesNamingTheList() {
        OptionType<String> strategy = OptionType.choice("rolling", "blueGreen", "canary");

        assertThatIllegalArgumentException().isThrownBy(() -> strategy.parse("bigBang"))
                .withMessage("expected one of rolling, blueGreen, canary, was 'bigBang'");
        assertThatIllegalArgumentException().isThrownBy(() -> strategy.convert("bigBang"))
                .withMessage("expected one of rolling, blueGreen, canary, was 'bigBang'");
        assertThatIllegalArgumentException().isThrownBy(() -> strategy.convert("Rolling"))
                .withMessageContaining("was 'Rolling'");
    }

    @Test
    void shouldReadListFromCommaSeparatedText() {
        assertThat(OptionType.STRING_LIST.parse("a, b")).containsExactly("a", "b");
        assertThat(OptionType.STRING_LIST.parse(" a ,, b ,")).containsExactly("a", "b");
        assertThat(OptionType.STRING_LIST.parse("")).isEmpty();
        assertThat(OptionType.STRING_LIST.convert("x,y")).containsExactly("x", "y");
    }

    @Test
    void shouldReadListFromJavaList() {
        assertThat(OptionType.STRING_LIST.convert(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(OptionType.STRING_LIST.convert(List.of(1, 2))).containsExactly("1", "2");
        assertThat(OptionType.STRING_LIST.isList()).isTrue();
        assertThat(OptionType.STRING.isList()).isFalse();
    }

    @Test
    void shouldConvertAnyValueToText() {
        assertThat(OptionType.STRING.convert("text")).isEqualTo("text");
        assertThat(OptionType.STRING.convert(12)).isEqualTo("12");
        assertThat(OptionType.STRING.parse("as is ")).isEqualTo("as is ");
    }

    @Test
    void shouldNameTypesForHelp() {
        assertThat(OptionType.STRING).hasToString("text");
        assertThat(OptionType.INTEGER.getName()).isEqualTo("integer");
        assertThat(OptionType.DECIMAL.getName()).isEqualTo("number");
        assertThat(OptionType.BOOLEAN.getName()).isEqualTo("boolean");
        assertThat(OptionType.DURATION.getName()).isEqualTo("duration");
        assertThat(OptionType.STRING_LIST.getName()).isEqualTo("list");
        assertThat(OptionType.INTEGER.getChoices()).isEmpty();
    }
}
