package io.jenkins.plugins.lotabots.incident;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;

import io.jenkins.plugins.lotabots.CredentialsEnvironment;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.incident.IncidentAction;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import io.lotabots.bot.incident.IncidentResult;
import io.lotabots.bus.MessageBus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.util.LogSink;
import io.lotabots.util.SecretMasker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jenkins.util.SystemProperties;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Escalates the controller's incidents by itself, every minute: IncidentBot's {@code escalate} without an id over the
 * store the {@code incidentBot} step uses ({@code $JENKINS_HOME/lotabots/incidents}, or the PostgreSQL database of
 * the global configuration), with the paging settings and credentials of the global configuration. Every incident
 * nobody acknowledged is re-paged once after the re-page time and its secondary on-call paged once after the
 * secondary's time; acknowledged, mitigated and resolved incidents are left alone; each step happens once, also with
 * several controllers on one database. Without a PagerDuty routing key or on-call numbers in the global configuration
 * it does nothing, and says so once in the system log. Its lines go to the task's log
 * ({@code $JENKINS_HOME/logs/tasks/LotaBots incident escalation.log}).
 */
@Extension
@Restricted(NoExternalUse.class)
public final class IncidentEscalationWork extends AsyncPeriodicWork {
    /** The system property with the period in milliseconds; one minute by default. */
    public static final String PERIOD_PROPERTY = IncidentEscalationWork.class.getName() + ".period";
    /** The folder under the Jenkins home that the escalation runs in (nothing is written there today). */
    static final String WORK_FOLDER = "escalation";

    private static final long DEFAULT_PERIOD = TimeUnit.MINUTES.toMillis(1);
    private static final long MIN_PERIOD = TimeUnit.SECONDS.toMillis(1);
    private static final Logger LOGGER = Logger.getLogger(IncidentEscalationWork.class.getName());

    private final AtomicBoolean saidUnset = new AtomicBoolean();

    /**
     * Creates the work; Jenkins does, once.
     */
    public IncidentEscalationWork() {
        super("LotaBots incident escalation");
    }

    @Override
    public long getRecurrencePeriod() {
        return Math.max(MIN_PERIOD, SystemProperties.getLong(PERIOD_PROPERTY, DEFAULT_PERIOD));
    }

    @Override
    protected void execute(final TaskListener listener) {
        escalate(listener);
    }

    /**
     * Runs one escalation pass now, in this thread.
     *
     * @param listener receives the pass's lines
     * @return the pass's result, or empty when nothing is configured to page or the store cannot be used
     */
    Optional<IncidentResult> escalate(final TaskListener listener) {
        PrintStream log = listener.getLogger();
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        if (!configuration.isEscalationConfigured()) {
            if (saidUnset.compareAndSet(false, true)) {
                LOGGER.info(Messages.IncidentEscalationWork_Unset());
            }
            log.println(Messages.IncidentEscalationWork_Unset());
            return Optional.empty();
        }
        saidUnset.set(false);
        SecretMasker masker = new SecretMasker();
        Map<String, String> secrets = CredentialsEnvironment.resolveOnController(IncidentBotDescriptor.ID,
                warning -> {
                    LOGGER.warning(warning);
                    log.println(warning);
                });
        secrets.forEach((name, value) -> {
            if (CredentialsEnvironment.secretNames().contains(name)) {
                masker.add(value);
            }
        });
        try {
            Path work = ControllerIncidents.storeFolder().resolveSibling(WORK_FOLDER);
            Files.createDirectories(work);
            MessageBus bus = MessageBus.builder().correlationId("jenkins/incident-escalation")
                    .masking(masker::mask).build();
            BotContext context = BotContext.builder(work).bus(bus).masker(masker).environment(secrets)
                    .log(sink(log, masker)).build();
            Map<String, Object> values = new LinkedHashMap<>(configuration.escalationOptions());
            values.put(IncidentBotDescriptor.ACTION.getName(), IncidentAction.ESCALATE.word());
            IncidentResult result = ControllerIncidents.bot(ControllerIncidents.storeFolder().toString(),
                    configuration.getIncidentDatabaseUrl()).run(values, context);
            String summary = masker.mask(result.getSummary());
            log.println(summary);
            if (!result.getIncidents().isEmpty()) {
                LOGGER.info(summary);
            }
            return Optional.of(result);
        }
        catch (LotaBotsException | IOException e) {
            String problem = Messages.IncidentEscalationWork_Failed(masker.mask(String.valueOf(e.getMessage())));
            LOGGER.log(Level.WARNING, problem);
            log.println(problem);
            return Optional.empty();
        }
    }

    private static LogSink sink(final PrintStream log, final SecretMasker masker) {
        return new LogSink() {
            @Override
            public void info(final String line) {
                log.println(masker.mask(line));
            }

            @Override
            public void error(final String line) {
                log.println("[ERROR] " + masker.mask(line));
            }
        };
    }
}
