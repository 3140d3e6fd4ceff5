package io.lotabots.bot.monitor;

import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.CriterionResult;
import io.lotabots.message.MonitorVerdict;
import io.lotabots.util.LogSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BaselinesTest {
    private static final UnaryOperator<String> PRESETS = metric -> io.lotabots.bot.monitor.prometheus.QueryPresets
            .resolve(metric).orElse(metric);

    @TempDir
    private Path folder;

    private Map<String, Baseline> read(final String name, final String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        return Baselines.readFile(file, name, PRESETS);
    }

    @Test
    void readsJsonWithNumbersAndUnits() throws IOException {
        Map<String, Baseline> baselines = read("b.json", "{\"p95\": \"120ms\", \"max(error_rate)\": 0.5,"
                + " \"memory\": \"512MiB\"}");

        assertThat(baselines).containsOnlyKeys("avg(latency_p95)", "max(error_rate)", "avg(memory)");
        assertThat(baselines.get("avg(latency_p95)").value()).isCloseTo(0.12, within(1e-12));
        assertThat(baselines.get("max(error_rate)").value()).isEqualTo(0.5);
        assertThat(baselines.get("avg(memory)").value()).isEqualTo(512.0 * 1024 * 1024);
        assertThat(baselines.get("avg(memory)").source()).isEqualTo("b.json");
    }

    @Test
    void readsYamlUnderABaselinesKey() throws IOException {
        Map<String, Baseline> baselines = read("b.yaml", "# last release\nbaselines:\n  error_rate: 0.5%\n");

        assertThat(baselines.get("avg(error_rate)").value()).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void readsAnEmptyFileAsNoBaselines() throws IOException {
        assertThat(read("empty.yaml", "")).isEmpty();
    }

    @Test
    void namesTheFileAndLineOfBrokenYaml() {
        assertThatThrownBy(() -> read("broken.yaml", "a: 1\nb: [unclosed\n")).isInstanceOfSatisfying(
                LotaBotsException.class, e -> assertThat(e.getCode()).isEqualTo(MonitorErrorCode.BASELINE_UNREADABLE))
                .hasMessageContaining("'broken.yaml'").hasMessageContaining("not valid JSON or YAML")
                .hasMessageContaining("(line ");
    }

    @Test
    void refusesWhatIsNotAMapOfMetricToValue() {
        assertThatThrownBy(() -> read("list.json", "[1, 2]")).hasMessageContaining("not a map of metric to value");
        assertThatThrownBy(() -> read("value.json", "{\"p95\": \"fast\"}"))
                .hasMessageContaining("the value of 'p95' is not a number");
        assertThatThrownBy(() -> read("relative.json", "{\"p95\": \"+10%\"}"))
                .hasMessageContaining("the value of 'p95' is not a number");
        assertThatThrownBy(() -> read("key.json", "{\"rate(x[5m])\": 1}"))
                .hasMessageContaining("the key 'rate(x[5m])' is not a metric name");
        assertThatThrownBy(() -> read("dup.yaml", "p95: 1\np95: 2\n")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> Baselines.readFile(folder.resolve("missing.json"), "missing.json", PRESETS))
                .hasMessageContaining("'missing.json': it does not exist");
    }

    @Test
    void refusesABillionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(("*" + previous + ",").repeat(9))
                    .append('*').append(previous).append("]\n");
        }

        assertThatThrownBy(() -> read("laughs.yaml", yaml.toString())).isInstanceOf(LotaBotsException.class)
                .hasMessageContaining("'laughs.yaml'");
    }

    @Test
    void refusesAHugeFile() {
        String huge = "{" + "\"m%d\": 1,".repeat(1).formatted(0) + "\"pad\": \"" + "x".repeat(2 << 20) + "\"}";

        assertThatThrownBy(() -> read("huge.json", huge)).hasMessageContaining("larger than 1024 KiB");
    }

    @Test
    void takesTheMedianOfTheLastPassingRunsOfTheSameEnvironment() {
        MessageBus bus = MessageBus.builder().build();
        double[] values = {9, 1, 2, 3, 4, 5, 6};
        for (int i = 0; i < values.length; i++) {
            bus.publish("MonitorBot", new MonitorVerdict("pass", 100.0, "production",
                    List.of(new CriterionResult("p95 <= +10%", "pass", values[i], 1.0),
                            new CriterionResult("not a criterion", "pass", 1.0, 1.0))));
        }
        bus.publish("MonitorBot", new MonitorVerdict("fail", 0.0, "production",
                List.of(new CriterionResult("p95 <= +10%", "fail", 100.0, 1.0))));
        bus.publish("MonitorBot", new MonitorVerdict("pass", 100.0, "staging",
                List.of(new CriterionResult("p95 <= +10%", "pass", 100.0, 1.0))));

        Map<String, Baseline> baselines = Baselines.fromJournal(bus, 5, "production", PRESETS, LogSink.NONE);

        assertThat(baselines).containsOnlyKeys("avg(latency_p95)");
        assertThat(baselines.get("avg(latency_p95)").value()).isEqualTo(4.0);
        assertThat(baselines.get("avg(latency_p95)").runs()).isEqualTo(5);
        assertThat(Baselines.fromJournal(bus, 5, null, PRESETS, LogSink.NONE).get("avg(latency_p95)").value())
                .isEqualTo(5.0);
    }
}
