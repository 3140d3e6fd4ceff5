package io.lotabots.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;
import io.lotabots.bot.OptionNaming;
import io.lotabots.bus.Journal;
import io.lotabots.bus.JournalScan;
import io.lotabots.bus.JournalTail;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.reaction.ReactionDecision;
import io.lotabots.reaction.ReactionErrorCode;
import io.lotabots.reaction.ReactionHistory;
import io.lotabots.reaction.ReactionLedger;
import io.lotabots.reaction.ReactionRule;
import io.lotabots.reaction.ReactionRules;
import io.lotabots.reaction.RecentMessages;
import io.lotabots.scenario.ScenarioCompiler;
import io.lotabots.scenario.ScenarioLoader;
import io.lotabots.util.Durations;
import io.lotabots.util.OutputPaths;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots react --rules FILE}: follows a journal as {@code tail -f} does and starts what the rules say, once
 * per triggering message and rule, even across restarts. Each reaction runs in this process through the same
 * command line as {@code lotabots scenario run NAME} or {@code lotabots BOT}, with {@code --caused-by} naming the
 * triggering message and {@code --journal} this journal, so that the run shares the message's correlation id and
 * names it as its cause. Reactions run one after the other, in journal order.
 *
 * <p>Between polls it also runs the escalation pass of IncidentBot every {@code --escalate-every} (30 s by
 * default): {@code lotabots incident escalate} without an id, with the incident store and paging options given to
 * react, through the same command line, so that an incident nobody acknowledges is re-paged and its secondary on-call
 * paged without anyone calling escalate. {@code --once} runs one pass after the journal.</p>
 */
@Command(name = "react", mixinStandardHelpOptions = true,
        description = {"Follow a journal (as tail -f does) and start the scenarios and bots the reaction rules name,"
                + " once per triggering message, even across restarts. See docs/reactions.md.",
                "Each reaction runs as 'lotabots scenario run NAME' or 'lotabots BOT' would, with --caused-by and"
                        + " this journal; a start is recorded in the reaction record before the run starts."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped, or with --once every reaction started succeeded",
                "1:with --once, a reaction's run or the escalation pass failed",
                "2:bad input (the rules file names file, line and field; an escalation option)",
                "130:interrupted by SIGINT or SIGTERM"})
final class ReactCommand implements Callable<Integer> {
    /** The record's file name, next to the journal, unless --ledger names another. */
    static final String LEDGER_NAME = "reactions.jsonl";

    /** Options of {@code incident escalate} that react sets itself, or that choose single incidents. */
    private static final List<String> NOT_PASSED_ON = List.of("--id", "--service", "--environment", "--workdir",
            "--journal", "--correlation-id", CausedBy.OPTION, "--strict", "--format", "--help", "--version", "--cause");

    @Spec
    private CommandSpec spec;

    @Mixin
    private JournalOption journal = new JournalOption();

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "The reaction rules (YAML), the same file the Jenkins message trigger reads.")
    private Path rulesFile;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "The project the started scenarios and bots work on, and whose journal is followed."
                    + " Default: the current directory, which is printed; the LotaBots source checkout itself is"
                    + " refused.")
    @CheckForNull
    private Path workdir;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "The record of handled reactions. Default: " + LEDGER_NAME + " next to the journal.")
    @CheckForNull
    private Path ledgerFile;

    @Option(names = "--once", description = "Process what the journal holds now, run one escalation pass (unless"
            + " --escalate-every is 0 or off), then stop.")
    private boolean once;

    @Option(names = "--escalate-every", paramLabel = "DURATION", defaultValue = "30s",
            description = "How often the escalation pass runs while following: 'lotabots incident escalate' without"
                    + " --id, which re-pages (repageAfter) and pages the secondary on-call (secondaryAfter) for every"
                    + " incident nobody acknowledged, once each, with the incident store and paging options below and"
                    + " the paging secrets of the environment. 0 or off: never. Default: 30s.")
    private String escalateEvery;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often the journal is checked for new lines. Default: 1s.")
    private String poll;

    private final BotRegistry registry;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** The options of {@code lotabots incident escalate} that react offers and passes on, by their longest name. */
    private final List<String> escalationOptions = new ArrayList<>();
    private boolean escalation;

    ReactCommand() {
        this(BotRegistry.standard());
    }

    ReactCommand(final BotRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ReactionRules rules = ReactionRules.load(rulesFile, rulesFile.toString());
        checkActions(rules);
        Duration interval = interval();
        Optional<Duration> escalateInterval = escalateInterval();
        Path root = WorkflowSession.workdir(workdir, err).toAbsolutePath().normalize();
        Path journalFile = journal.resolve(root).toAbsolutePath().normalize();
        Path record = record(root, journalFile);
        Clock clock = Clock.systemUTC();
        try (ReactionLedger ledger = ReactionLedger.open(record)) {
            ledger.getWarnings().forEach(warning -> err.println("lotabots react: warning: " + warning));
            for (ReactionLedger.Entry entry : ledger.unfinished()) {
                err.printf("lotabots react: warning: rule %s started a run for %s %s at %s whose end was never"
                        + " recorded (react stopped while it ran); it is not started again. Check its outcome in the"
                        + " journal (lotabots messages) and run it by hand if it did not finish.%n", entry.rule(),
                        entry.messageType(), entry.messageId(), entry.time());
            }
            err.printf("lotabots react: %d rule%s from %s on %s; journal %s, record %s; escalation %s%s%n",
                    rules.getRules().size(), rules.getRules().size() == 1 ? "" : "s", rulesFile,
                    String.join(", ", rules.triggerTypes()), journalFile, ledger.getFile(),
                    escalateInterval.map(every -> once ? "pass once" : "every " + Durations.format(every))
                            .orElse(escalation ? "off" : "off (no IncidentBot)"), once ? " (--once)" : "");
            err.flush();
            Follower follower = new Follower(rules, ledger, root, journalFile, clock);
            JournalTail tail = new JournalTail(Journal.at(journalFile));
            try (InterruptSignals signals = InterruptSignals.install(err, reason -> stop.countDown())) {
                signals.getIgnored().forEach(signal -> err.println("lotabots react: warning: SIG" + signal
                        + " was ignored when this process started (a background job of a script started without"
                        + " the lotabots launcher) and cannot be handled; stop react with SIGTERM (kill PID)"));
                Instant nextPass = clock.instant();
                int escalationExit = ExitCode.SUCCESS;
                do {
                    JournalScan scan = tail.poll(MessageFilter.ALL, follower::handle);
                    scan.warnings().forEach(warning -> err.println("lotabots react: warning: " + warning));
                    err.flush();
                    if (escalateInterval.isPresent() && !follower.interrupted && signals.getReason().isEmpty()
                            && (once || !clock.instant().isBefore(nextPass))) {
                        boolean first = follower.passes == 0;
                        escalationExit = escalate(root, journalFile);
                        follower.passes++;
                        nextPass = clock.instant().plus(escalateInterval.get());
                        if (escalationExit == ExitCode.BAD_INPUT && first) {
                            err.println("lotabots react: the escalation options are refused (above); fix them, or"
                                    + " turn the escalation off with --escalate-every off");
                            err.flush();
                            return ExitCode.BAD_INPUT;
                        }
                        follower.interrupted |= escalationExit == ExitCode.INTERRUPTED;
                    }
                    if (follower.interrupted || signals.getReason().isPresent()) {
                        err.println("lotabots react: stopped (" + signals.getReason().orElse("a reaction was"
                                + " interrupted") + ")");
                        err.flush();
                        return ExitCode.INTERRUPTED;
                    }
                }
                while (!once && !stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
                if (!once) {
                    err.println("lotabots react: stopped (" + signals.getReason().orElse("asked to stop") + ")");
                    err.flush();
                    return ExitCode.INTERRUPTED;
                }
                err.printf("lotabots react: done: %d started, %d failed, %d throttled, %d loops cut%s%n",
                        follower.started, follower.failed, follower.throttled, follower.loops,
                        escalateInterval.isEmpty() ? "" : "; escalation pass " + exitText(escalationExit));
                err.flush();
                return follower.failed > 0 || escalationExit != ExitCode.SUCCESS ? ExitCode.FAILURE
                        : ExitCode.SUCCESS;
            }
        }
    }

    /**
     * Returns the record of handled reactions, checked as every file the command line writes: one named with
     * {@code --ledger}, or next to a journal named with {@code --journal}, may be anywhere writable; the default one
     * must stay inside the working directory after links are resolved.
     */
    private Path record(final Path root, final Path journalFile) {
        if (ledgerFile != null) {
            OutputPaths.checkWritable(ledgerFile, "--ledger");
            return ledgerFile.toAbsolutePath().normalize();
        }
        if (journal.isNamed()) {
            Path record = journalFile.resolveSibling(LEDGER_NAME);
            OutputPaths.checkWritable(record, "the reaction record next to --journal (--ledger chooses another)");
            return record;
        }
        return OutputPaths.confinedTo(root).resolve(Path.of(Journal.DEFAULT_PATH).resolveSibling(LEDGER_NAME),
                "the reaction record");
    }

    /**
     * Stops following after the current poll, as SIGINT does.
     */
    void stop() {
        stop.countDown();
    }

    /**
     * Offers the options of {@code lotabots incident escalate} that choose the incident store and the paging
     * (store, storeFolder, the responders' options, by) on react too, each passed on to every escalation pass as
     * given, so that the store and the responders are opened by IncidentBot's command exactly as there.
     *
     * @param react this command's command line
     * @param escalate the command line of {@code lotabots incident escalate}
     */
    void offerEscalation(final CommandLine react, final CommandLine escalate) {
        CommandSpec own = react.getCommandSpec();
        for (OptionSpec option : escalate.getCommandSpec().options()) {
            String name = option.longestName();
            if (NOT_PASSED_ON.contains(name) || own.findOption(name) != null) {
                continue;
            }
            own.addOption(OptionSpec.builder(option.names()).type(option.type())
                    .auxiliaryTypes(option.auxiliaryTypes()).splitRegex(option.splitRegex()).arity(option.arity())
                    .fallbackValue(option.fallbackValue()).paramLabel(option.paramLabel())
                    .description(option.description()).hidden(option.hidden()).build());
            escalationOptions.add(name);
        }
        escalation = true;
    }

    /**
     * Returns how often the escalation pass runs, or empty when it is off (0, off, or no IncidentBot).
     */
    private Optional<Duration> escalateInterval() {
        String given = escalateEvery.trim();
        if (!escalation || "off".equalsIgnoreCase(given) || "0".equals(given)) {
            return Optional.empty();
        }
        try {
            Duration every = Durations.parse(given);
            if (every.isZero()) {
                return Optional.empty();
            }
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("'" + given + "' must be 1s or more, or 0 or off to turn the"
                        + " escalation off");
            }
            return Optional.of(every);
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--escalate-every " + e.getMessage());
        }
    }

    /**
     * Runs one escalation pass: {@code lotabots incident escalate} without an id, in this process, with the
     * escalation options given to react. Its output is shown only when it escalated something or failed.
     *
     * @return the pass's exit code
     */
    private int escalate(final Path root, final Path journalFile) {
        PrintWriter err = spec.commandLine().getErr();
        List<String> args = new ArrayList<>(List.of("incident", "escalate", "--workdir", root.toString()));
        if (journal.isNamed()) {
            args.addAll(List.of("--journal", journalFile.toString()));
        }
        for (String name : escalationOptions) {
            OptionSpec option = spec.findOption(name);
            if (option != null && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                Object value = option.getValue();
                args.add(name + "=" + (value instanceof List<?> list ? list.stream().map(String::valueOf)
                        .collect(Collectors.joining(",")) : value));
            }
        }
        StringWriter passOut = new StringWriter();
        StringWriter passErr = new StringWriter();
        CommandLine run = LotaBotsCommand.commandLine(registry);
        run.setOut(new PrintWriter(passOut, true));
        run.setErr(new PrintWriter(passErr, true));
        int exit = run.execute(args.toArray(String[]::new));
        String summary = passOut.toString().lines().findFirst().orElse("");
        if (exit != ExitCode.SUCCESS || !summary.startsWith("Nothing to escalate")) {
            err.print(passErr);
            err.printf("lotabots react: escalation pass: %s (%s)%n", summary.isEmpty() ? "no summary" : summary,
                    exitText(exit));
            PrintWriter out = spec.commandLine().getOut();
            out.print(passOut);
            out.flush();
            err.flush();
        }
        return exit;
    }

    private Duration interval() {
        try {
            Duration interval = Durations.parse(poll);
            if (interval.compareTo(Duration.ofMillis(50)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("'" + poll + "' must be from 50ms to 10m");
            }
            return interval;
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--poll " + e.getMessage());
        }
    }

    /**
     * Checks every rule's action before anything is followed: the scenario exists and takes the overrides, the bot
     * exists and has the options.
     */
    private void checkActions(final ReactionRules rules) {
        ScenarioLoader loader = new ScenarioLoader();
        for (ReactionRule rule : rules.getRules()) {
            ReactionRule.Action action = rule.action();
            String where = "The reaction rules file " + rules.getFile() + " line " + rule.line() + " rule "
                    + rule.name() + ": ";
            try {
                if (action.kind() == ReactionRule.Kind.SCENARIO) {
                    Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
                    action.options().forEach((key, value) -> overrides.computeIfAbsent(key.substring(0,
                            key.indexOf('.')), stage -> new LinkedHashMap<>()).put(key.substring(key.indexOf('.') + 1),
                            String.valueOf(value)));
                    new ScenarioCompiler(registry).compile(loader.builtIn(action.target()), overrides);
                }
                else {
                    Bot<?, ?> bot = registry.find(action.target()).orElseThrow(() -> LotaBotsException.of(
                            ReactionErrorCode.INVALID_RULES, "run.bot '" + action.target() + "' is not a bot; the"
                                    + " bots are " + registry.getBots().stream().map(b -> b.getDescriptor().getId())
                                            .collect(Collectors.joining(", "))));
                    List<String> names = bot.getDescriptor().getOptions().stream().map(BotOption::getName).toList();
                    for (String option : action.options().keySet()) {
                        if (!names.contains(option)) {
                            throw LotaBotsException.of(ReactionErrorCode.INVALID_RULES, "run.options." + option
                                    + " is not an option of the bot " + action.target() + "; its options are "
                                    + String.join(", ", names));
                        }
                    }
                }
            }
            catch (LotaBotsException e) {
                throw LotaBotsException.of(ReactionErrorCode.INVALID_RULES, where + e.getMessage(), e);
            }
        }
    }

    /**
     * Evaluates each message of the journal and starts, records and reports what the rules decide.
     */
    private final class Follower {
        private final ReactionRules rules;
        private final ReactionLedger ledger;
        private final RecentMessages recent;
        private final ReactionHistory history;
        private final Path root;
        private final Path journalFile;
        private final Clock clock;
        private int started;
        private int failed;
        private int throttled;
        private int loops;
        private int passes;
        private boolean interrupted;

        Follower(final ReactionRules rules, final ReactionLedger ledger, final Path root, final Path journalFile,
                final Clock clock) {
            this.rules = rules;
            this.ledger = ledger;
            this.recent = new RecentMessages(rules.lookBack());
            this.history = ledger.history(recent);
            this.root = root;
            this.journalFile = journalFile;
            this.clock = clock;
        }

        void handle(final Message message) {
            if (interrupted) {
                return;
            }
            List<ReactionDecision> decisions = rules.evaluate(message, history, clock.instant());
            recent.add(message);
            for (ReactionDecision decision : decisions) {
                if (interrupted) {
                    return;
                }
                act(decision);
            }
        }

        private void act(final ReactionDecision decision) {
            PrintWriter err = spec.commandLine().getErr();
            ReactionRule rule = decision.rule();
            Message trigger = decision.trigger();
            switch (decision.outcome()) {
                case LOOP -> {
                    loops++;
                    err.printf("lotabots react: rule %s: %s%n", rule.name(), decision.reason());
                }
                case THROTTLED -> {
                    throttled++;
                    ledger.throttled(rule.name(), trigger.getId(), decision.reason(), clock.instant());
                    err.printf("lotabots react: warning: rule %s %s%n", rule.name(), decision.reason());
                }
                case START -> start(rule, trigger, decision.reason());
            }
            err.flush();
        }

        private void start(final ReactionRule rule, final Message trigger, final String reason) {
            PrintWriter err = spec.commandLine().getErr();
            List<String> args = arguments(rule.action(), trigger);
            // recorded (and on the disk) before the run starts: a crash after this never starts it twice
            ledger.started(rule.name(), trigger, clock.instant());
            started++;
            err.printf("lotabots react: rule %s: %s; starting %s: lotabots %s%n", rule.name(), reason, rule.action(),
                    String.join(" ", args));
            err.flush();
            CommandLine run = LotaBotsCommand.commandLine(registry);
            run.setOut(spec.commandLine().getOut());
            run.setErr(err);
            int exit = run.execute(args.toArray(String[]::new));
            String status = exitText(exit);
            ledger.finished(rule.name(), trigger.getId(), status, clock.instant());
            err.printf("lotabots react: rule %s: %s for %s %s ended: %s%n", rule.name(), rule.action(),
                    trigger.getType(), trigger.getId(), status);
            if (exit != ExitCode.SUCCESS && exit != ExitCode.UNSTABLE) {
                failed++;
            }
            if (exit == ExitCode.INTERRUPTED) {
                interrupted = true;
            }
        }

        private List<String> arguments(final ReactionRule.Action action, final Message trigger) {
            List<String> args = new ArrayList<>();
            if (action.kind() == ReactionRule.Kind.SCENARIO) {
                args.addAll(List.of("scenario", "run", action.target()));
            }
            else {
                args.add(action.target());
            }
            args.addAll(List.of("--workdir", root.toString()));
            if (journal.isNamed()) {
                // a journal the user named may be anywhere; the default one is checked by the run as always
                args.addAll(List.of("--journal", journalFile.toString()));
            }
            args.addAll(List.of(CausedBy.OPTION, trigger.getId()));
            if (action.kind() == ReactionRule.Kind.SCENARIO) {
                action.options().forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
                action.parameters().forEach((key, value) -> args.addAll(List.of("--param", key + "=" + value)));
                action.approvals().forEach(gate -> args.addAll(List.of("--approve", gate)));
            }
            else {
                action.options().forEach((key, value) -> args.add(OptionNaming.COMMAND_LINE.nameOf(key) + "="
                        + (value instanceof List<?> list ? list.stream().map(String::valueOf)
                                .collect(Collectors.joining(",")) : value)));
            }
            return args;
        }
    }

    private static String exitText(final int exit) {
        return Optional.ofNullable(switch (exit) {
            case ExitCode.SUCCESS -> "SUCCESS";
            case ExitCode.UNSTABLE -> "UNSTABLE";
            case ExitCode.FAILURE -> "FAILURE";
            case ExitCode.BAD_INPUT -> "bad input";
            case ExitCode.INTERRUPTED -> "interrupted";
            default -> null;
        }).map(text -> text + " (exit " + exit + ")").orElse("exit " + exit);
    }
}
