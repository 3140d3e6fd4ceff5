package io.jenkins.plugins.lotabots;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.lotabots.test.TestBotRecorder;
import io.jenkins.plugins.lotabots.test.TestBotStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotOptionValuesTest {
    @Test
    void shouldCollectOnlyTheOptionsThatWereGiven() {
        TestBotStep step = new TestBotStep();
        step.setJunit(List.of("a/*.xml", "b/*.xml"));
        step.setMinCoverage(80.0);
        step.setAllowEmpty(true);
        step.setScope("smoke");

        assertThat(BotOptionValues.of(step)).isEqualTo(Map.of("junit", List.of("a/*.xml", "b/*.xml"),
                "minCoverage", 80.0, "allowEmpty", true, "scope", "smoke"));

        step.setAllowEmpty(false);
        assertThat(BotOptionValues.of(step)).as("a boolean at the engine's default is not given")
                .doesNotContainKey("allowEmpty");
    }

    @Test
    void shouldTakeTheRecordersOptionsFromItsStep() {
        TestBotStep step = new TestBotStep();
        step.setMaxFailures(2);
        step.setExcludes(List.of("**/Flaky*"));
        TestBotRecorder recorder = new TestBotRecorder(step);

        assertThat(BotOptionValues.of(recorder.getOptions()))
                .isEqualTo(Map.of("maxFailures", 2, "excludes", List.of("**/Flaky*")));
        assertThat(BotOptionValues.of(new TestBotRecorder(null).getOptions())).isEmpty();
    }

    @Test
    void shouldTreatABlankTextAsNotGiven() {
        assertThat(BotOptionValues.text("  ")).isNull();
        assertThat(BotOptionValues.text(null)).isNull();
        assertThat(BotOptionValues.text(" mvn -B verify ")).isEqualTo("mvn -B verify");
    }

    @Test
    void shouldSplitTheTextOfAFormAreaIntoOneValuePerLine() {
        assertThat(BotOptionValues.lines(List.of("a/*.xml\r\n\n  b/*.xml  \n"))).containsExactly("a/*.xml", "b/*.xml");
        assertThat(BotOptionValues.lines(List.of("error_rate < 5%, warn"))).containsExactly("error_rate < 5%, warn");
    }

    @Test
    void shouldKeepAnEmptyPipelineListButDropAnEmptyFormArea() {
        assertThat(BotOptionValues.lines(new ArrayList<>())).isEmpty();
        assertThat(BotOptionValues.lines(List.of("", "  \n"))).isNull();
        assertThat(BotOptionValues.lines(null)).isNull();
    }

    @Test
    void shouldJoinAListForTheFormAreaOneValuePerLine() {
        TestBotStep step = new TestBotStep();
        step.setJunit(List.of("a/*.xml", "b/*.xml"));

        assertThat(step.linesOf("junit")).isEqualTo("a/*.xml\nb/*.xml");
        assertThat(step.linesOf("coverage")).isEmpty();
        assertThat(BotOptionValues.lines(List.of(step.linesOf("junit")))).isEqualTo(step.getJunit());
    }

    @Test
    void shouldKeepABooleanOptionOnlyWhenItDiffersFromTheEnginesDefault() {
        assertThat(BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.NEW_ONLY, false))
                .isNull();
        assertThat(BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.NEW_ONLY, true))
                .isTrue();
        assertThat(BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.RESOLVE_MAVEN,
                false)).isFalse();
        assertThat(BotOptionValues.unlessDefault(io.lotabots.bot.security.SecurityBotDescriptor.RESOLVE_MAVEN,
                null)).isNull();
    }
}
