package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bus.Journal;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.Durations;
import io.lotabots.util.OutputPaths;
import io.lotabots.util.SecretMasker;
import io.lotabots.workflow.ApprovalPolicy;
import io.lotabots.workflow.StepRecord;
import io.lotabots.workflow.Workflow;
import io.lotabots.workflow.WorkflowListener;
import io.lotabots.workflow.WorkflowRun;
import io.lotabots.workflow.WorkflowRunner;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs a workflow from the command line the way {@code run} and {@code scenario run} share: a bus over the
 * working directory's journal with a correlation id for the run, progress per step on standard error, and the
 * message timeline of the run on standard output. SIGINT and SIGTERM abort the run (see {@link InterruptSignals}):
 * its processes are stopped, the run is recorded as aborted, the timeline and report follow as after any run, and
 * the exit code is {@link ExitCode#INTERRUPTED}.
 */
final class WorkflowSession {
    /** Where the HTML reports of runs go, under the working directory. */
    static final String REPORTS = ".lotabots/reports";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private WorkflowSession() {
    }

    /**
     * Parses {@code --set KEY.OPTION=VALUE} overrides into key to option to value.
     *
     * @param overrides the texts
     * @return the overrides, in the order given
     */
    static Map<String, Map<String, Object>> parseOverrides(final List<String> overrides) {
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        for (String override : overrides) {
            int dot = override.indexOf('.');
            int equals = override.indexOf('=');
            if (dot <= 0 || equals < dot + 2) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "--set '" + override
                        + "' must have the form bot.option=value, for example --set test.minCoverage=85");
            }
            options.computeIfAbsent(override.substring(0, dot), key -> new LinkedHashMap<>())
                    .put(override.substring(dot + 1, equals), override.substring(equals + 1));
        }
        return options;
    }

    /**
     * Returns the folder a run works on: the one given with {@code --workdir}, or else the current directory, which
     * is printed so that nobody wonders where the build runs. The current directory is refused when it is the
     * LotaBots source checkout itself: a scenario there would quietly build and test the whole repository.
     *
     * @param given the folder given with {@code --workdir}, or {@code null}
     * @param err standard error
     * @return the folder
     * @throws LotaBotsException with {@link BotErrorCode#INVALID_OPTION} for the LotaBots checkout
     */
    static Path workdir(@CheckForNull final Path given, final PrintWriter err) {
        if (given != null) {
            return given;
        }
        Path current = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        if (isLotaBotsCheckout(current)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "No --workdir was given, and the current"
                    + " directory '" + current + "' is the LotaBots source checkout itself: running here would build"
                    + " and test the whole LotaBots repository. Give the project to run on, for example --workdir"
                    + " examples/sample-app (the sample application) or --workdir /path/to/your/project.");
        }
        err.printf("lotabots: working in %s (the current directory; --workdir DIR chooses another)%n", current);
        err.flush();
        return current;
    }

    /**
     * Recognises the LotaBots source checkout: the launcher {@code lotabots} next to the engine's own pom.
     *
     * @param folder a folder
     * @return {@code true} if it is the root of a LotaBots checkout
     */
    static boolean isLotaBotsCheckout(final Path folder) {
        Path enginePom = folder.resolve("engine").resolve("pom.xml");
        if (!Files.isRegularFile(folder.resolve("lotabots")) || !Files.isRegularFile(enginePom)) {
            return false;
        }
        try {
            return Files.readString(enginePom, java.nio.charset.StandardCharsets.UTF_8)
                    .contains("<artifactId>lotabots-engine</artifactId>");
        }
        catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Runs a workflow and prints its timeline.
     *
     * @param out standard output
     * @param err standard error
     * @param workdir the working directory
     * @param journalOption the journal option
     * @param approvals gates approved up front
     * @param parameters the run's parameters, such as {@code branch=main}
     * @param namedOutputs adds the output files named on the command line to the rule of the working directory
     * @param workflow builds the workflow once the context exists
     * @return the exit code
     */
    static int run(final PrintWriter out, final PrintWriter err, final Path workdir, final JournalOption journalOption,
            final List<String> approvals, final Map<String, String> parameters,
            final UnaryOperator<OutputPaths> namedOutputs, final Workflow workflow) {
        return run(out, err, workdir, journalOption, approvals, parameters, namedOutputs, workflow, null);
    }

    /**
     * Runs a workflow that a message started and prints its timeline: the run takes the message's correlation id,
     * names it as the cause of every message it publishes, and gets its payload as parameters ({@link CausedBy}).
     *
     * @param out standard output
     * @param err standard error
     * @param workdir the working directory
     * @param journalOption the journal option
     * @param approvals gates approved up front
     * @param parameters the run's parameters, such as {@code branch=main}
     * @param namedOutputs adds the output files named on the command line to the rule of the working directory
     * @param workflow builds the workflow once the context exists
     * @param causedBy the id of the triggering message in the journal, or {@code null}
     * @return the exit code
     */
    static int run(final PrintWriter out, final PrintWriter err, final Path workdir, final JournalOption journalOption,
            final List<String> approvals, final Map<String, String> parameters,
            final UnaryOperator<OutputPaths> namedOutputs, final Workflow workflow, @CheckForNull final String causedBy) {
        Path root = workdir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw LotaBotsException.of(BotErrorCode.INVALID_OPTION,
                    "The working directory '" + workdir + "' does not exist or is not a directory.");
        }
        Clock clock = Clock.systemUTC();
        java.time.Instant started = clock.instant();
        // every output is checked before the first bot starts: named ones may be anywhere, the others stay inside
        OutputPaths outputs = journalOption.forWriting(namedOutputs.apply(OutputPaths.confinedTo(root)));
        Path journalFile = journalOption.file(outputs);
        io.lotabots.message.Message trigger = causedBy == null ? null : CausedBy.find(journalFile, causedBy);
        String correlationId = trigger != null && trigger.getCorrelationId().isPresent()
                ? trigger.getCorrelationId().get() : "cli/" + root.getFileName() + "#" + RUN_ID.format(started);
        Map<String, String> runParameters = new LinkedHashMap<>(CausedBy.parameters(trigger));
        runParameters.putAll(parameters);
        Path reportFile = outputs.resolve(Path.of(REPORTS, RunReport.fileName(workflow.name(), correlationId)),
                "the HTML report");
        // the context registers the secrets of the environment it is given before anything is published
        SecretMasker masker = new SecretMasker();
        try (Journal runJournal = Journal.at(journalFile)) {
            ConsoleLog console = new ConsoleLog(err);
            MessageBus bus = MessageBus.builder().clock(clock).correlationId(correlationId).journal(runJournal)
                    .causationId(trigger == null ? null : trigger.getId())
                    .masking(masker::mask).warnings(warning -> console.info("lotabots: warning: " + warning)).build();
            BotContext context = BotContext.builder(root).bus(bus).clock(clock).masker(masker).outputs(outputs)
                    .environment(System.getenv()).log(console).build();
            err.printf("lotabots: %s %s on %s, journal %s%s%n", workflow.name(), correlationId, root, journalFile,
                    trigger == null ? "" : ", started by " + trigger.getType() + " " + trigger.getId());
            WorkflowRunner runner = WorkflowRunner.builder(context)
                    .approvals(ApprovalPolicy.preApproved(Set.copyOf(approvals), System.getProperty("user.name")))
                    .parameters(runParameters)
                    .listener(progress(console))
                    .build();
            try (InterruptSignals signals = InterruptSignals.install(err, runner::abort)) {
                WorkflowRun run = runner.run(workflow);
                console.clearProgress();
                err.printf("lotabots: %s in %s%s%n", run.status(), Durations.format(run.duration()),
                        run.interrupted().map(reason -> " (" + reason + ")").orElse(""));
                err.flush();
                // a run started by a message shares its correlation id with earlier runs: only its own messages count
                List<io.lotabots.message.Message> messages = bus.query(
                        MessageFilter.ALL.withCorrelationId(correlationId)).stream()
                        .filter(message -> trigger == null || !message.getTime().isBefore(started)).toList();
                out.println("Message timeline of " + correlationId + ":");
                Timeline.print(messages, out);
                RunSummary summary = RunSummary.of(workflow.description(), correlationId, run, messages, root,
                        runJournal);
                // checked again: the run may have created a link since
                Path report = RunReport.write(outputs.resolve(reportFile, "the HTML report"), summary);
                RunReport.printConsole(summary, out);
                out.println("Report: " + report);
                out.flush();
                return signals.getReason().isPresent() ? ExitCode.INTERRUPTED : ExitCode.of(run.status());
            }
        }
    }

    private static WorkflowListener progress(final ConsoleLog console) {
        return new WorkflowListener() {
            @Override
            public void stepStarted(final String path, final String kind) {
                console.info("==> " + path);
            }

            @Override
            public void stepFinished(final StepRecord record) {
                console.info(String.format("<== %s: %s%s (%s)", record.path(), record.status(),
                        record.summary().isEmpty() ? "" : " - " + record.summary(),
                        Durations.format(record.duration())));
            }
        };
    }
}
