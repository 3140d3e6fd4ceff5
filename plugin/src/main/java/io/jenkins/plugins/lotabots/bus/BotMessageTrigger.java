package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;

import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCatalog;
import io.lotabots.message.MessageCodec;
import io.lotabots.reaction.ReactionDecision;
import io.lotabots.reaction.ReactionLedger;
import io.lotabots.reaction.ReactionRule;
import io.lotabots.reaction.ReactionRules;
import io.lotabots.reaction.RecentMessages;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.security.QueueItemAuthenticatorConfiguration;

import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.springframework.security.core.Authentication;

/**
 * Starts this job when another build publishes a bot message of one of the given types that matches the filter:
 * {@code onBotMessage(types: ['alert.triggered'], filter: "payload.severity == 'critical'")}. The new build gets the
 * message as the parameter {@value RunJournal#MESSAGE_PARAMETER} (JSON), its correlation id as
 * {@value RunJournal#CORRELATION_PARAMETER}, and a {@link BotMessageCause}; its own messages keep that correlation
 * id.
 *
 * <p>With reaction rules ({@link #setRules(String)}, the YAML of docs/reactions.md), a message of the types starts the
 * job once per rule that decides to start for it ({@link ReactionRules#evaluate}): its payload conditions hold, the
 * earlier messages it asks for exist (from the publishing build's journal and the messages of the controller's
 * builds within the rule's window, {@link RecentBotMessages}, which reads them again after a restart), it was not caused by this rule's own reaction (loops are impossible: a build started by a reaction names
 * the message as the cause of everything it publishes), and the rule is not throttled. What each rule handled is
 * recorded durably in the job's {@value #LEDGER_FILE}, so that a message never starts a rule twice, also across
 * restarts; a throttled or cut reaction is reported in the publishing build's console. The build gets the rule's name
 * as the parameter {@value #RULE_PARAMETER}.</p>
 *
 * <p>Like the core "build after other projects are built" trigger, it is configured on the job it starts. A message
 * starts the job only if the upstream build's authentication may build it and the job's own authentication may read
 * the upstream job, and never if the job is already in the chain of builds that led to the message.</p>
 */
public class BotMessageTrigger extends Trigger<Job<?, ?>> {
    /** The build parameter with the name of the rule that started the build. */
    public static final String RULE_PARAMETER = "LOTABOTS_REACTION_RULE";
    /** The job's record of handled reactions, in its folder. */
    public static final String LEDGER_FILE = "lotabots-reactions.jsonl";
    private static final Logger LOGGER = Logger.getLogger(BotMessageTrigger.class.getName());
    private static final Object LEDGERS = new Object();

    private final List<String> types;
    @CheckForNull
    private String filter;
    @CheckForNull
    private transient MessageCondition condition;
    @CheckForNull
    private String rules;
    @CheckForNull
    private transient ReactionRules parsedRules;

    /**
     * Creates the trigger.
     *
     * @param types the message types that start the job; each entry may also hold several types separated by commas
     *         or spaces, as the form's text box gives them
     */
    @DataBoundConstructor
    public BotMessageTrigger(final List<String> types) {
        super();
        this.types = normalize(types);
        if (this.types.isEmpty()) {
            throw new IllegalArgumentException(Messages.BotMessageTrigger_TypesRequired());
        }
    }

    static List<String> normalize(@CheckForNull final List<String> values) {
        Set<String> result = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String token : value.split("[\\s,\\[\\]]+")) {
                    if (!token.isEmpty()) {
                        result.add(checkType(token));
                    }
                }
            }
        }
        return List.copyOf(result);
    }

    private static String checkType(final String type) {
        if (!MessageCatalog.isWellFormedName(type)) {
            throw new IllegalArgumentException("The message type '" + type + "' is not valid: use lower-case words "
                    + "separated by dots, such as alert.triggered.");
        }
        return type;
    }

    /**
     * Returns the message types that start the job.
     *
     * @return the types
     */
    public List<String> getTypes() {
        return types;
    }

    /**
     * Returns the types as the form's text box shows them.
     *
     * @return the types separated by commas
     */
    public String getTypesAsText() {
        return String.join(", ", types);
    }

    /**
     * Returns the filter.
     *
     * @return the filter, or {@code null} for none
     */
    @CheckForNull
    public String getFilter() {
        return filter;
    }

    /**
     * Sets the filter; see {@link MessageCondition} for its syntax.
     *
     * @param filter the filter, for example {@code payload.severity == 'critical'}, or blank for none
     * @throws IllegalArgumentException if the filter is not valid, naming where
     */
    @DataBoundSetter
    public void setFilter(@CheckForNull final String filter) {
        String text = filter == null || filter.isBlank() ? null : filter.trim();
        this.condition = MessageCondition.parse(text);
        this.filter = text;
    }

    /**
     * Returns the reaction rules.
     *
     * @return the rules as YAML, or {@code null} for none
     */
    @CheckForNull
    public String getRules() {
        return rules;
    }

    /**
     * Sets the reaction rules (docs/reactions.md): with them, a message of the types starts the job once per rule
     * that decides to start for it. Each rule's {@code on} must be one of the trigger's types; its {@code run} says
     * what this job runs, for the record.
     *
     * @param text the rules as YAML, or blank for none
     * @throws IllegalArgumentException if the rules are not valid, naming the line and field
     */
    @DataBoundSetter
    public void setRules(@CheckForNull final String text) {
        String value = text == null || text.isBlank() ? null : text;
        this.parsedRules = value == null ? null : parseRules(value, types);
        this.rules = value;
    }

    /**
     * Reads reaction rules and checks that each reacts to one of the types.
     *
     * @param text the YAML
     * @param types the trigger's types
     * @return the rules
     * @throws IllegalArgumentException if they are not valid
     */
    static ReactionRules parseRules(final String text, final List<String> types) {
        ReactionRules parsed;
        try {
            parsed = ReactionRules.parse(text.getBytes(StandardCharsets.UTF_8), "of onBotMessage");
        }
        catch (LotaBotsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        for (ReactionRule rule : parsed.getRules()) {
            if (!types.contains(rule.on())) {
                throw new IllegalArgumentException(Messages.BotMessageTrigger_RuleTypeNotSubscribed(rule.name(),
                        rule.on(), String.join(", ", types)));
            }
        }
        return parsed;
    }

    @CheckForNull
    private ReactionRules rules() {
        if (rules == null) {
            return null;
        }
        ReactionRules parsed = parsedRules;
        if (parsed == null) {
            parsed = parseRules(rules, types);
            parsedRules = parsed;
        }
        return parsed;
    }

    /**
     * Evaluates the rules for a message of the upstream build and records the decisions in the job's ledger: a
     * start before the build is scheduled, a throttled reaction with its reason.
     *
     * @param job the job this trigger starts
     * @param upstream the build that published the message
     * @param message the message
     * @param ruleSet the rules
     * @return the decisions, in rule order
     */
    static List<ReactionDecision> decide(final Job<?, ?> job, final Run<?, ?> upstream, final Message message,
            final ReactionRules ruleSet) {
        RecentMessages recent = new RecentMessages(ruleSet.lookBack());
        Map<String, Message> known = new LinkedHashMap<>();
        RecentBotMessages.get().within(ruleSet.lookBack(), Instant.now())
                .forEach(seen -> known.put(seen.getId(), seen));
        RunJournal.of(upstream).read().forEach(seen -> known.putIfAbsent(seen.getId(), seen));
        known.values().stream().sorted(Comparator.comparing(Message::getTime)).forEach(recent::add);
        Path file = job.getRootDir().toPath().resolve(LEDGER_FILE);
        synchronized (LEDGERS) {
            try (ReactionLedger ledger = ReactionLedger.open(file)) {
                Instant now = Instant.now();
                List<ReactionDecision> decisions = ruleSet.evaluate(message, ledger.history(recent), now);
                for (ReactionDecision decision : decisions) {
                    if (decision.outcome() == ReactionDecision.Outcome.START) {
                        ledger.started(decision.rule().name(), message, now);
                    }
                    else if (decision.outcome() == ReactionDecision.Outcome.THROTTLED) {
                        ledger.throttled(decision.rule().name(), message.getId(), decision.reason(), now);
                    }
                }
                return decisions;
            }
        }
    }

    /**
     * Records, in the ledger of the job, how a build a rule started ended.
     *
     * @param run the build
     * @param rule the rule
     * @param messageId the triggering message
     */
    static void finished(final Run<?, ?> run, final String rule, final String messageId) {
        Path file = run.getParent().getRootDir().toPath().resolve(LEDGER_FILE);
        hudson.model.Result result = run.getResult();
        synchronized (LEDGERS) {
            try (ReactionLedger ledger = ReactionLedger.open(file)) {
                ledger.finished(rule, messageId, result == null ? "UNKNOWN" : result.toString(), Instant.now());
            }
            catch (LotaBotsException e) {
                LOGGER.log(Level.WARNING, "Cannot record the end of " + run + " in " + file, e);
            }
        }
    }

    private MessageCondition condition() {
        MessageCondition parsed = condition;
        if (parsed == null) {
            parsed = MessageCondition.parse(filter);
            condition = parsed;
        }
        return parsed;
    }

    /**
     * Returns whether a message starts the job.
     *
     * @param message the message
     * @return {@code true} if its type is one of the types and it matches the filter
     */
    public boolean matches(final Message message) {
        return types.contains(message.getType()) && condition().matches(message);
    }

    /**
     * Starts every job whose trigger matches one of the messages a build just published. Failures are logged; they
     * never fail the publishing build.
     *
     * @param upstream the build that published the messages
     * @param messages the messages
     * @param listener the upstream build's console, or {@code null}
     */
    static void fire(final Run<?, ?> upstream, final List<Message> messages,
            @CheckForNull final TaskListener listener) {
        try {
            RecentBotMessages.get().remember(upstream, messages);
            List<Candidate> candidates = findCandidates(messages);
            for (Candidate candidate : candidates) {
                schedule(upstream, candidate, listener);
            }
        }
        catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot start the jobs that subscribe to the bot messages of " + upstream, e);
        }
    }

    private static List<Candidate> findCandidates(final List<Message> messages) {
        List<Candidate> candidates = new ArrayList<>();
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                BotMessageTrigger trigger = ParameterizedJobMixIn.getTrigger(job, BotMessageTrigger.class);
                if (trigger == null) {
                    continue;
                }
                for (Message message : messages) {
                    if (trigger.matches(message)) {
                        candidates.add(new Candidate(job, message, trigger.rules()));
                    }
                }
            }
        }
        return candidates;
    }

    private static void schedule(final Run<?, ?> upstream, final Candidate candidate,
            @CheckForNull final TaskListener listener) {
        Job<?, ?> downstream = candidate.job;
        Message message = candidate.message;
        String name = downstream.getFullName();
        if (isLoop(upstream, downstream)) {
            report(listener, Messages.BotMessageTrigger_SelfLoop(name, message.getType()));
            return;
        }
        Authentication upstreamAuthentication = authenticationOf(upstream.getParent());
        if (!mayTrigger(upstream.getParent(), upstreamAuthentication, downstream)) {
            report(listener, Messages.BotMessageTrigger_NotPermitted(name, message.getType(),
                    upstreamAuthentication.getName()));
            return;
        }
        ReactionRules ruleSet = candidate.rules;
        if (ruleSet == null) {
            start(upstream, downstream, message, null, listener);
            return;
        }
        List<ReactionDecision> decisions;
        try {
            decisions = decide(downstream, upstream, message, ruleSet);
        }
        catch (LotaBotsException e) {
            report(listener, Messages.BotMessageTrigger_RulesFailed(name, message.getType(), e.getMessage()));
            return;
        }
        for (ReactionDecision decision : decisions) {
            if (decision.outcome() == ReactionDecision.Outcome.START) {
                start(upstream, downstream, message, decision.rule().name(), listener);
            }
            else {
                report(listener, Messages.BotMessageTrigger_NotStarted(name, decision.rule().name(),
                        decision.reason()));
            }
        }
    }

    private static void start(final Run<?, ?> upstream, final Job<?, ?> downstream, final Message message,
            @CheckForNull final String rule, @CheckForNull final TaskListener listener) {
        String name = downstream.getFullName();
        String correlationId = message.getCorrelationId().orElseGet(() -> RunJournal.of(upstream).correlationId());
        List<ParameterValue> parameters = new ArrayList<>(List.of(
                new StringParameterValue(RunJournal.MESSAGE_PARAMETER, MessageCodec.get().toJson(message)),
                new StringParameterValue(RunJournal.CORRELATION_PARAMETER, correlationId)));
        List<String> safe = new ArrayList<>(List.of(RunJournal.MESSAGE_PARAMETER, RunJournal.CORRELATION_PARAMETER));
        if (rule != null) {
            parameters.add(new StringParameterValue(RULE_PARAMETER, rule));
            safe.add(RULE_PARAMETER);
        }
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(downstream, -1,
                new CauseAction(new BotMessageCause(upstream, message, correlationId)),
                new ParametersAction(parameters, safe));
        if (item != null) {
            report(listener, rule == null ? Messages.BotMessageTrigger_Triggering(message.getType(), name)
                    : Messages.BotMessageTrigger_TriggeringRule(message.getType(), name, rule));
        }
        else {
            LOGGER.log(Level.FINE, "{0} was not scheduled for message {1}: it is disabled or refused",
                    new Object[] {name, message.getId()});
        }
    }

    /**
     * Returns whether starting the job would close a loop: it published the message itself, or its messages are
     * among those that led to the upstream build, or the chain is already {@value BotMessageCause#MAX_CHAIN} long.
     */
    static boolean isLoop(final Run<?, ?> upstream, final Job<?, ?> downstream) {
        String name = downstream.getFullName();
        if (upstream.getParent().getFullName().equals(name)) {
            return true;
        }
        BotMessageCause cause = upstream.getCause(BotMessageCause.class);
        return cause != null && (cause.getChain().contains(name)
                || cause.getChain().size() >= BotMessageCause.MAX_CHAIN);
    }

    /**
     * Returns the authentication a job's builds run as. As in the core's {@code BuildTrigger} and
     * {@code ReverseBuildTrigger}, SYSTEM means "unspecified": once a {@code QueueItemAuthenticator} is configured, it
     * counts as anonymous, so that a job without an explicit authentication can neither start nor be started by jobs
     * it could not see.
     */
    static Authentication authenticationOf(final Job<?, ?> job) {
        Authentication authentication = job instanceof Queue.Task
                ? Tasks.getAuthenticationOf2((Queue.Task) job)
                : ACL.SYSTEM2;
        if (ACL.SYSTEM2.equals(authentication)
                && !QueueItemAuthenticatorConfiguration.get().getAuthenticators().isEmpty()) {
            return Jenkins.ANONYMOUS2;
        }
        return authentication;
    }

    /**
     * Checks, as the core's reverse build trigger does, that the upstream job's authentication may build the
     * downstream job, and that the downstream job's authentication may see the upstream job.
     */
    private static boolean mayTrigger(final Job<?, ?> upstream, final Authentication upstreamAuthentication,
            final Job<?, ?> downstream) {
        if (!ACL.SYSTEM2.equals(upstreamAuthentication)
                && !(downstream.hasPermission2(upstreamAuthentication, Item.READ)
                        && downstream.hasPermission2(upstreamAuthentication, Item.BUILD))) {
            return false;
        }
        Authentication downstreamAuthentication = authenticationOf(downstream);
        if (ACL.SYSTEM2.equals(downstreamAuthentication)) {
            return true;
        }
        try (ACLContext ignored = ACL.as2(downstreamAuthentication)) {
            return Jenkins.get().getItemByFullName(upstream.getFullName()) == upstream;
        }
        catch (org.springframework.security.access.AccessDeniedException e) {
            return false;
        }
    }

    private static void report(@CheckForNull final TaskListener listener, final String line) {
        if (listener != null) {
            listener.getLogger().println(line);
        }
        LOGGER.log(Level.FINE, line);
    }

    /** A job to start for a message. */
    private static final class Candidate {
        private final Job<?, ?> job;
        private final Message message;
        @CheckForNull
        private final ReactionRules rules;

        Candidate(final Job<?, ?> job, final Message message, @CheckForNull final ReactionRules rules) {
            this.job = job;
            this.message = message;
            this.rules = rules;
        }
    }

    /**
     * Describes the trigger in the job configuration and gives it the Pipeline name {@code onBotMessage}.
     */
    @Extension
    @Symbol("onBotMessage")
    public static class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(final Item item) {
            return item instanceof Job && item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return Messages.BotMessageTrigger_DisplayName();
        }

        /**
         * Checks the message types.
         *
         * @param item the job being configured
         * @param value the types, separated by commas or spaces
         * @return the result
         */
        @POST
        public FormValidation doCheckTypes(@AncestorInPath @CheckForNull final Item item,
                @QueryParameter final String value) {
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            try {
                if (normalize(Collections.singletonList(value)).isEmpty()) {
                    return FormValidation.error(Messages.BotMessageTrigger_TypesRequired());
                }
                return FormValidation.ok();
            }
            catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /**
         * Checks the reaction rules.
         *
         * @param item the job being configured
         * @param value the rules
         * @param types the message types
         * @return the result
         */
        @POST
        public FormValidation doCheckRules(@AncestorInPath @CheckForNull final Item item,
                @QueryParameter final String value, @QueryParameter final String types) {
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                parseRules(value, normalize(Collections.singletonList(types)));
                return FormValidation.ok();
            }
            catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /**
         * Checks the filter.
         *
         * @param item the job being configured
         * @param value the filter
         * @return the result
         */
        @POST
        public FormValidation doCheckFilter(@AncestorInPath @CheckForNull final Item item,
                @QueryParameter final String value) {
            if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            try {
                MessageCondition.parse(value);
                return FormValidation.ok();
            }
            catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
