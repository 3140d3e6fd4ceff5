package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import io.lotabots.bot.monitor.Baseline;
import io.lotabots.bot.monitor.Criterion;
import io.lotabots.bot.monitor.WindowEvaluator;
import io.lotabots.bot.monitor.prometheus.TimeSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures MonitorBot's judgement of a watch: 10 series of a 30-minute window at 1 s resolution (1,800 samples
 * each, generated with a fixed seed: error rate with a spike, latency p50/p95/p99, request rate, CPU, leaking memory,
 * database time, availability, health latency), judged by 10 criteria (one relative to a baseline, one with a
 * warning band) with {@link WindowEvaluator#evaluate}: aggregates, score and verdict, median/MAD anomalies of every
 * series and a least-squares trend of every series with its predicted crossing. The series are built once per trial;
 * each invocation evaluates them all.
 *
 * <p>The aim: under 100 ms per evaluation.</p>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@SuppressFBWarnings(value = "NP_NONNULL_FIELD_NOT_INITIALIZED_IN_CONSTRUCTOR",
        justification = "JMH calls the @Setup method, which sets the fields, before any benchmark method")
public class MonitorEvaluationBenchmark {
    /** Samples per series: 30 minutes at 1 s. */
    @Param("1800")
    public int points;

    private final WindowEvaluator evaluator = new WindowEvaluator(90, 75, WindowEvaluator.DEFAULT_ANOMALY_LIMIT,
            Duration.ofHours(24));
    private List<Criterion> criteria;
    private Map<String, List<TimeSeries>> series;
    private Map<String, Baseline> baselines;
    private Instant end;

    /**
     * Builds the series and criteria, and checks that an evaluation finds what they hold.
     */
    @Setup(Level.Trial)
    public void buildWindow() {
        Random random = new Random(20261125);
        double start = 1_795_000_000;
        end = Instant.ofEpochSecond((long) start + points - 1);
        series = new LinkedHashMap<>();
        add("error_rate", start, i -> i >= 900 && i < 910 ? 0.3 : Math.abs(0.002 + random.nextGaussian() * 0.0005));
        add("latency_p50", start, i -> 0.04 + random.nextGaussian() * 0.002);
        add("latency_p95", start, i -> 0.12 + random.nextGaussian() * 0.005);
        add("latency_p99", start, i -> 0.25 + random.nextGaussian() * 0.01);
        add("request_rate", start, i -> 200 + random.nextGaussian() * 5);
        add("cpu", start, i -> 0.6 + random.nextGaussian() * 0.05);
        add("memory", start, i -> 400e6 + i * 50_000 + random.nextGaussian() * 1e6);
        add("db_query_time", start, i -> 0.01 + random.nextGaussian() * 0.0005);
        add("availability", start, i -> i == 1200 ? 0.5 : 1.0);
        add("health_latency", start, i -> 0.02 + random.nextGaussian() * 0.001);
        criteria = new ArrayList<>();
        for (String text : List.of("error_rate < 1% warn < 5% weight=2", "latency_p50 < 100ms",
                "latency_p95 <= +10%", "max(latency_p99) < 500ms", "request_rate > 50", "cpu < 2",
                "memory < 1GB", "db_query_time < 50ms", "availability >= 95% key", "health_latency < 1s")) {
            criteria.add(Criterion.parse(text));
        }
        baselines = Map.of("avg(latency_p95)", new Baseline("avg(latency_p95)", 0.115, 5, "journal"));
        WindowEvaluator.Evaluation evaluation = evaluate();
        if (evaluation.anomalies().isEmpty() || evaluation.trends().size() != 10
                || evaluation.trends().stream().noneMatch(trend -> trend.prediction() != null)) {
            throw new IllegalStateException("The generated window lacks its anomaly or prediction: " + evaluation);
        }
    }

    private void add(final String metric, final double start, final IntToDoubleFunction value) {
        double[] times = new double[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = start + i;
            values[i] = value.applyAsDouble(i);
        }
        series.put(metric, List.of(TimeSeries.of(Map.of("instance", "app-0:8080", "job", "app"), times, values)));
    }

    /**
     * Evaluates the window.
     *
     * @return the evaluation, consumed by JMH
     */
    @Benchmark
    public WindowEvaluator.Evaluation evaluate() {
        return evaluator.evaluate(criteria, series, baselines, end);
    }
}
