package io.lotabots.workflow;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bus.MessageBus;
import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.ApprovalDenied;
import io.lotabots.message.ApprovalGranted;
import io.lotabots.message.ApprovalOverridden;
import io.lotabots.message.ApprovalRequested;
import io.lotabots.message.Message;
import io.lotabots.message.RunAborted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs workflows outside Jenkins: sequences, parallel branches (fan-out and fan-in), conditions, approval points
 * and failure paths, recording each step's status, timing and messages. Tasks that fail stop their sequence
 * unless they are optional, in which case the run goes on and ends UNSTABLE.
 *
 * <p>{@link #abort(String)}, called from another thread (a signal handler, a stopped build), interrupts the run:
 * every process the context's runner started is stopped, the tasks that were running are given two seconds to end
 * by themselves and are then interrupted; they are recorded as ABORTED, the steps after them as NOT_RUN, and a {@code run.aborted} message is published. The run then
 * returns its record as usual, so that the caller can print and report it.</p>
 */
public final class WorkflowRunner {
    /** The bot name approval messages are sent from. */
    public static final String SOURCE = "WorkflowRunner";

    private final BotContext context;
    private final ApprovalPolicy approvals;
    private final Map<String, String> parameters;
    private final WorkflowListener listener;
    private final Clock clock;
    /**
     * How long tasks get to end by themselves once their processes are stopped (a build records its failure)
     * before their threads are interrupted: an interrupt that comes while a task writes the journal loses that line.
     */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration SETTLE_POLL = Duration.ofMillis(20);
    /** How long the run waits for {@link #abort(String)} to stop the processes before it records the abort. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final Map<Thread, String> runningTasks = new ConcurrentHashMap<>();
    private volatile List<String> stoppedSteps = List.of();
    private volatile int stoppedProcesses;
    private final CountDownLatch processesStopped = new CountDownLatch(1);

    private WorkflowRunner(final Builder builder) {
        this.context = builder.context;
        this.approvals = builder.approvals;
        this.parameters = Map.copyOf(builder.parameters);
        this.listener = builder.listener;
        this.clock = context.getClock();
    }

    /**
     * Starts a runner whose tasks run in the given context.
     *
     * @param context the workspace, bus, log and masker every task and bot shares
     * @return a builder
     */
    public static Builder builder(final BotContext context) {
        return new Builder(context);
    }

    /**
     * Interrupts the run: stops every process the context's process runner started (SIGTERM, SIGKILL after its
     * grace period), then interrupts the tasks that still run two seconds later. It returns once that is done. Steps that have not started are not run. Safe to
     * call from any thread and more than once; only the first reason is kept. The runner runs nothing after it.
     *
     * @param reason why, for example {@code interrupted by SIGINT}
     * @return whether this call aborted the run ({@code false} if it was already aborted)
     */
    public boolean abort(final String reason) {
        if (!abortReason.compareAndSet(null, Objects.requireNonNull(reason))) {
            return false;
        }
        stoppedSteps = runningTasks.values().stream().sorted().toList();
        List<Thread> tasks = List.copyOf(runningTasks.keySet());
        try {
            stoppedProcesses = context.stopProcesses();
        }
        finally {
            processesStopped.countDown();
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        try {
            while (System.nanoTime() < deadline && tasks.stream().anyMatch(runningTasks::containsKey)) {
                Thread.sleep(SETTLE_POLL.toMillis());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tasks.stream().filter(runningTasks::containsKey).forEach(Thread::interrupt);
        return true;
    }

    /**
     * Returns why the run was aborted.
     *
     * @return the reason given to {@link #abort(String)}, or empty
     */
    public Optional<String> getAbortReason() {
        return Optional.ofNullable(abortReason.get());
    }

    /**
     * Runs a workflow to its end, or until it is {@linkplain #abort(String) aborted}.
     *
     * @param workflow the workflow
     * @return what happened
     */
    public WorkflowRun run(final Workflow workflow) {
        Execution execution = new Execution();
        Instant start = clock.instant();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lotabots-workflow-" + workflow.name());
            thread.setDaemon(true);
            return thread;
        });
        try {
            StepStatus status = execution.runChildren(workflow.root().steps(), "", executor);
            List<StepRecord> records = new ArrayList<>(execution.records.values());
            records.sort(Comparator.comparingInt(record -> execution.order.get(record.path())));
            Duration duration = Duration.between(start, clock.instant());
            String reason = abortReason.get();
            if (reason != null) {
                Thread.interrupted();  // an interrupt meant for a task of this thread; the journal must be written
                awaitProcessesStopped();
                publishAborted(workflow, reason, duration);
                return new WorkflowRun(workflow.name(), StepStatus.ABORTED, start, duration, records, reason);
            }
            return new WorkflowRun(workflow.name(), status, start, duration, records);
        }
        finally {
            executor.shutdownNow();
        }
    }

    /** Waits until {@link #abort(String)} has stopped the processes, so that the message can count them. */
    private void awaitProcessesStopped() {
        try {
            if (!processesStopped.await(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                context.getLog().error("The processes of the run were not all stopped within "
                        + io.lotabots.util.Durations.format(STOP_LIMIT));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishAborted(final Workflow workflow, final String reason, final Duration duration) {
        try {
            context.getBus().publish(SOURCE, new RunAborted(workflow.name(), reason, stoppedSteps, stoppedProcesses,
                    duration.toMillis() / 1000.0));
        }
        catch (RuntimeException e) {
            context.getLog().error("The run.aborted message could not be recorded: " + e.getMessage());
        }
    }

    /**
     * One run: the records and their order.
     */
    private final class Execution implements WorkflowState {
        private final Map<String, StepRecord> records = new ConcurrentHashMap<>();
        private final Map<String, Integer> order = new ConcurrentHashMap<>();
        private final AtomicInteger sequence = new AtomicInteger();

        @Override
        public Optional<StepRecord> step(final String nameOrPath) {
            StepRecord byPath = records.get(nameOrPath);
            if (byPath != null) {
                return Optional.of(byPath);
            }
            return records.values().stream().filter(record -> record.name().equals(nameOrPath)).findFirst();
        }

        @Override
        public Map<String, String> parameters() {
            return parameters;
        }

        @Override
        public List<Message> messages(final MessageFilter filter) {
            return context.getBus().query(filter);
        }

        StepStatus runChildren(final List<Step> steps, final String parent, final ExecutorService executor) {
            StepStatus status = StepStatus.SUCCESS;
            for (Step step : steps) {
                String path = path(parent, step);
                if (abortReason.get() != null) {
                    notRun(step, path, StepStatus.NOT_RUN, "not run: the run was " + abortReason.get());
                }
                else if (status.stopsRun()) {
                    notRun(step, path, StepStatus.NOT_RUN, "not run: an earlier step did not pass");
                }
                else {
                    status = status.worse(execute(step, path, executor));
                }
            }
            return status;
        }

        private String path(final String parent, final Step step) {
            return parent.isEmpty() ? step.name() : parent + "/" + step.name();
        }

        private StepStatus execute(final Step step, final String path, final ExecutorService executor) {
            order.putIfAbsent(path, sequence.getAndIncrement());
            String kind = kind(step);
            listener.stepStarted(path, kind);
            Instant start = clock.instant();
            Result result;
            if (step instanceof Step.Task task) {
                result = runTask(task, path);
            }
            else if (step instanceof Step.Sequence sequenceStep) {
                StepStatus status = runChildren(sequenceStep.steps(), path, executor);
                result = new Result(status, "", List.of(), Map.of(), null);
            }
            else if (step instanceof Step.Parallel parallel) {
                result = new Result(runParallel(parallel, path, executor), "", List.of(), Map.of(), null);
            }
            else if (step instanceof Step.Conditional conditional) {
                result = runConditional(conditional, path, executor);
            }
            else if (step instanceof Step.Approval approval) {
                result = runApproval(approval);
            }
            else {
                result = runRecover((Step.Recover) step, path, executor);
            }
            finish(new StepRecord(path, kind, result.status, start, Duration.between(start, clock.instant()),
                    result.summary, result.messages.stream().map(Message::getId).toList(), result.outputs,
                    result.error));
            return result.status;
        }

        private Result runTask(final Step.Task task, final String path) {
            StepContext stepContext = new StepContext(path, this, context);
            runningTasks.put(Thread.currentThread(), path);
            Result result;
            try {
                result = runTask(task, stepContext);
            }
            finally {
                runningTasks.remove(Thread.currentThread());
            }
            String reason = abortReason.get();
            if (reason == null) {
                return result;
            }
            Thread.interrupted();  // meant for this task; what comes next must still be recorded
            String summary = reason + (result.summary.isEmpty() ? "" : ": " + result.summary);
            return new Result(StepStatus.ABORTED, summary, result.messages, result.outputs, reason);
        }

        private Result runTask(final Step.Task task, final StepContext stepContext) {
            try {
                StepOutcome outcome = Objects.requireNonNull(task.action().execute(stepContext),
                        "the task returned no outcome");
                List<Message> messages = new ArrayList<>(stepContext.getPublished());
                outcome.messages().stream().filter(message -> !messages.contains(message)).forEach(messages::add);
                if (outcome.status() == StepStatus.FAILURE && task.optional()) {
                    return new Result(StepStatus.UNSTABLE, "optional step failed, the run goes on: "
                            + outcome.summary(), messages, outcome.outputs(), outcome.summary());
                }
                return new Result(outcome.status(), outcome.summary(), messages, outcome.outputs(),
                        outcome.status() == StepStatus.FAILURE ? outcome.summary() : null);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(task, stepContext, "interrupted");
            }
            catch (LotaBotsException e) {
                return failed(task, stepContext, context.getMasker().mask(e.getMessage()));
            }
            catch (Exception e) {
                return failed(task, stepContext, context.getMasker().mask(e.toString()));
            }
        }

        private Result failed(final Step.Task task, final StepContext stepContext, final String error) {
            context.getLog().error(stepContext.getPath() + ": " + error);
            StepStatus status = task.optional() ? StepStatus.UNSTABLE : StepStatus.FAILURE;
            String summary = task.optional() ? "optional step failed, the run goes on: " + error : error;
            return new Result(status, summary, stepContext.getPublished(), Map.of(), error);
        }

        private StepStatus runParallel(final Step.Parallel parallel, final String path,
                final ExecutorService executor) {
            List<Future<StepStatus>> branches = new ArrayList<>();
            for (Step branch : parallel.branches()) {
                String branchPath = path(path, branch);
                order.putIfAbsent(branchPath, sequence.getAndIncrement());
                branches.add(executor.submit(() -> execute(branch, branchPath, executor)));
            }
            StepStatus status = StepStatus.SUCCESS;
            for (Future<StepStatus> branch : branches) {
                try {
                    status = status.worse(branch.get());
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = StepStatus.ABORTED;
                }
                catch (ExecutionException e) {
                    status = StepStatus.FAILURE;
                    context.getLog().error(path + ": a branch failed unexpectedly: " + e.getCause());
                }
            }
            return status;
        }

        private Result runConditional(final Step.Conditional conditional, final String path,
                final ExecutorService executor) {
            boolean holds;
            try {
                holds = conditional.condition().test(this);
            }
            catch (RuntimeException e) {
                String error = "the condition '" + conditional.description() + "' could not be decided: " + e;
                context.getLog().error(path + ": " + error);
                for (Step branch : children(conditional)) {
                    notRun(branch, path(path, branch), StepStatus.NOT_RUN, "not run: " + error);
                }
                return new Result(StepStatus.FAILURE, error, List.of(), Map.of(), error);
            }
            Step taken = holds ? conditional.then() : conditional.otherwise();
            Step skipped = holds ? conditional.otherwise() : conditional.then();
            String summary = (holds ? "condition holds: " : "condition does not hold: ")
                    + conditional.description();
            if (skipped != null) {
                notRun(skipped, path(path, skipped), StepStatus.SKIPPED, summary);
            }
            StepStatus status = taken == null ? StepStatus.SKIPPED : execute(taken, path(path, taken), executor);
            return new Result(status, summary, List.of(), Map.of(), null);
        }

        private Result runApproval(final Step.Approval approval) {
            try {
                return decide(approval);
            }
            catch (RuntimeException e) {
                String error = "approval '" + approval.gate() + "' could not be decided: " + e.getMessage();
                context.getLog().error(error);
                return new Result(StepStatus.FAILURE, error, List.of(), Map.of(), error);
            }
        }

        private Result decide(final Step.Approval approval) {
            MessageBus bus = context.getBus();
            List<Message> messages = new ArrayList<>();
            messages.add(bus.publish(SOURCE, new ApprovalRequested(approval.gate(), null, approval.description())));
            ApprovalDecision decision = approvals.decide(approval.gate(), approval.description());
            if (decision instanceof ApprovalDecision.Granted granted) {
                messages.add(bus.publish(SOURCE, new ApprovalGranted(approval.gate(), granted.approver(),
                        granted.comment().isEmpty() ? null : granted.comment())));
                return new Result(StepStatus.SUCCESS, "approved by " + granted.approver(), messages, Map.of(),
                        null);
            }
            if (decision instanceof ApprovalDecision.Overridden overridden) {
                messages.add(bus.publish(SOURCE, new ApprovalOverridden(approval.gate(), overridden.by(),
                        overridden.reason())));
                return new Result(StepStatus.SUCCESS, "approval overridden by " + overridden.by() + ": "
                        + overridden.reason(), messages, Map.of(), null);
            }
            ApprovalDenied denied = new ApprovalDenied(approval.gate(),
                    ((ApprovalDecision.Denied) decision).reason(), null);
            messages.add(bus.publish(SOURCE, denied));
            String summary = "approval '" + approval.gate() + "' " + denied.reason();
            return new Result(StepStatus.ABORTED, summary, messages, Map.of(), summary);
        }

        private Result runRecover(final Step.Recover recover, final String path, final ExecutorService executor) {
            StepStatus status = execute(recover.body(), path(path, recover.body()), executor);
            String handlerPath = path(path, recover.handler());
            if (status == StepStatus.FAILURE) {
                StepStatus handled = execute(recover.handler(), handlerPath, executor);
                return new Result(StepStatus.FAILURE, recover.body().name() + " failed; failure path "
                        + recover.handler().name() + " ended " + handled, List.of(), Map.of(),
                        recover.body().name() + " failed");
            }
            notRun(recover.handler(), handlerPath, StepStatus.SKIPPED, "not needed: " + recover.body().name()
                    + " did not fail");
            return new Result(status, "", List.of(), Map.of(), null);
        }

        private void notRun(final Step step, final String path, final StepStatus status, final String summary) {
            order.putIfAbsent(path, sequence.getAndIncrement());
            finish(new StepRecord(path, kind(step), status, clock.instant(), Duration.ZERO, summary, List.of(),
                    Map.of(), null));
            for (Step child : children(step)) {
                notRun(child, path(path, child), status, summary);
            }
        }

        private void finish(final StepRecord unmasked) {
            String error = unmasked.error();
            StepRecord record = new StepRecord(unmasked.path(), unmasked.kind(), unmasked.status(),
                    unmasked.start(), unmasked.duration(), context.getMasker().mask(unmasked.summary()),
                    unmasked.messageIds(), unmasked.outputs(), error == null ? null : context.getMasker().mask(error));
            records.put(record.path(), record);
            listener.stepFinished(record);
        }
    }

    private static List<Step> children(final Step step) {
        if (step instanceof Step.Sequence sequence) {
            return sequence.steps();
        }
        if (step instanceof Step.Parallel parallel) {
            return parallel.branches();
        }
        if (step instanceof Step.Conditional conditional) {
            return conditional.otherwise() == null ? List.of(conditional.then())
                    : List.of(conditional.then(), conditional.otherwise());
        }
        if (step instanceof Step.Recover recover) {
            return List.of(recover.body(), recover.handler());
        }
        return List.of();
    }

    static String kind(final Step step) {
        if (step instanceof Step.Task) {
            return "task";
        }
        if (step instanceof Step.Sequence) {
            return "sequence";
        }
        if (step instanceof Step.Parallel) {
            return "parallel";
        }
        if (step instanceof Step.Conditional) {
            return "condition";
        }
        if (step instanceof Step.Approval) {
            return "approval";
        }
        return "recover";
    }

    private record Result(StepStatus status, String summary, List<Message> messages, Map<String, Object> outputs,
            @CheckForNull String error) {
    }

    /**
     * Builds a {@link WorkflowRunner}.
     */
    public static final class Builder {
        private final BotContext context;
        private ApprovalPolicy approvals = ApprovalPolicy.preApproved(java.util.Set.of(), "nobody");
        private Map<String, String> parameters = Map.of();
        private WorkflowListener listener = WorkflowListener.NONE;

        private Builder(final BotContext context) {
            this.context = Objects.requireNonNull(context);
        }

        /**
         * Sets how approval points are decided; by default every one is denied.
         *
         * @param value the policy
         * @return this
         */
        public Builder approvals(final ApprovalPolicy value) {
            this.approvals = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the run's parameters.
         *
         * @param value the parameters
         * @return this
         */
        public Builder parameters(final Map<String, String> value) {
            this.parameters = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the listener that follows the run.
         *
         * @param value the listener
         * @return this
         */
        public Builder listener(final WorkflowListener value) {
            this.listener = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public WorkflowRunner build() {
            return new WorkflowRunner(this);
        }
    }
}
