package io.lotabots.bot.incident;

import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotOptions;
import io.lotabots.bot.BotSecret;
import io.lotabots.bot.OptionType;
import io.lotabots.error.LotaBotsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IncidentBot's id, name, help and options, the one place the CLI ({@code lotabots incident open --service web}) and
 * the Pipeline step ({@code incidentBot action: 'open', service: 'web'}) read them from. The options of the
 * responders (paging, war room, escalation) come from their {@link IncidentResponders.Factory} and follow IncidentBot's
 * own.
 */
public final class IncidentBotDescriptor {
    /** The id: the CLI subcommand and the base of the step name. */
    public static final String ID = "incident";
    /** The name: the log prefix and the message source. */
    public static final String NAME = "IncidentBot";
    /** The default folder of the file store, relative to the workspace. */
    public static final String DEFAULT_STORE_FOLDER = ".lotabots/incidents";
    /** The default folder of post-mortem drafts, relative to the workspace. */
    public static final String DEFAULT_POSTMORTEM_FOLDER = ".lotabots/postmortems";
    /** The default mapping of alert severities. */
    public static final List<String> DEFAULT_SEVERITY_MAP = List.of("critical=P1", "error=P2", "warning=P3",
            "info=P4");
    /** How far before the opening the timeline looks by default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

    /** The action. */
    public static final BotOption<String> ACTION = BotOption.optional("action",
            OptionType.choice(IncidentAction.words()), null, "What to do (required): open (or add the repeat to the open incident with"
                    + " the same dedup key), acknowledge, note, update, resolve, postmortem, show, list or escalate.");
    /** The incident. */
    public static final BotOption<String> INCIDENT_ID = BotOption.optional("id", OptionType.STRING, null,
            "The incident, INC-<number>, for example INC-12; every action but open and list needs it, except"
                    + " escalate, which without it escalates every triggered incident that is due.");
    /** The title. */
    public static final BotOption<String> TITLE = BotOption.optional("title", OptionType.STRING, null,
            "What is wrong, in a line, for example 'High error rate on web'; open: default '<alert name> on"
                    + " <service> (<environment>)'; update: the new title.");
    /** The alert's name. */
    public static final BotOption<String> ALERT_NAME = BotOption.optional("alertName", OptionType.STRING, null,
            "Open: the alert's name, for example HighErrorRate; with the service it makes the dedup key. Default:"
                    + " the alert.triggered named by cause.");
    /** The alert's severity. */
    public static final BotOption<String> ALERT_SEVERITY = BotOption.optional("alertSeverity", OptionType.STRING,
            null, "Open: the alert's severity, for example critical, mapped to P1-P4 by severityMap. Default: the"
                    + " alert.triggered named by cause.");
    /** The severity. */
    public static final BotOption<String> SEVERITY = BotOption.optional("severity",
            OptionType.choice("P1", "P2", "P3", "P4"), null, "Open and update: the incident's severity, P1 (worst)"
                    + " to P4; wins over the mapped alert severity.");
    /** The mapping of alert severities. */
    public static final BotOption<List<String>> SEVERITY_MAP = BotOption.optional("severityMap",
            OptionType.STRING_LIST, DEFAULT_SEVERITY_MAP, "How alert severities map to incident severities,"
                    + " ALERT=P1..P4, for example critical=P1,error=P2,warning=P3,info=P4,page=P1.");
    /** The service. */
    public static final BotOption<String> SERVICE = BotOption.optional("service", OptionType.STRING, null,
            "Open: the service affected, for example web (required); list: only this service's incidents.");
    /** The environment. */
    public static final BotOption<String> ENVIRONMENT = BotOption.optional("environment", OptionType.STRING, null,
            "Open: the environment affected, for example production (default: the alert's, else production);"
                    + " list: only this environment's incidents.");
    /** The dedup key. */
    public static final BotOption<String> DEDUP_KEY = BotOption.optional("dedupKey", OptionType.STRING, null,
            "Open: while an incident with this key is open, opening adds the repeat to it instead of opening"
                    + " another. Default: <service>/<alert name>.");
    /** The status. */
    public static final BotOption<String> STATUS = BotOption.optional("status",
            OptionType.choice("open", "all", "triggered", "acknowledged", "mitigated", "resolved"), null,
            "Update: the new status, triggered, acknowledged or mitigated (resolve has its own action); list: only"
                    + " incidents in this status, open (every one not resolved, the default) or all.");
    /** The summary. */
    public static final BotOption<String> SUMMARY = BotOption.optional("summary", OptionType.STRING, null,
            "Update and resolve: what is known of cause and impact; the post-mortem's summary starts from it.");
    /** A note. */
    public static final BotOption<String> NOTE = BotOption.optional("note", OptionType.STRING, null,
            "Note: the text (required); acknowledge, update, resolve: a comment, for example 'rolled back to"
                    + " 1.4.1'.");
    /** Who acts. */
    public static final BotOption<String> BY = BotOption.optional("by", OptionType.STRING, null,
            "Who acts, for example alice; default: the user (USER, BUILD_USER_ID), else IncidentBot.");
    /** The commander. */
    public static final BotOption<String> COMMANDER = BotOption.optional("commander", OptionType.STRING, null,
            "Acknowledge and update: who leads the incident; acknowledge defaults to 'by'.");
    /** The triggering message. */
    public static final BotOption<String> CAUSE = BotOption.optional("cause", OptionType.STRING, null,
            "Id of the message that caused this action, for example the alert.triggered that opens the incident:"
                    + " its alert name, severity and environment fill the options not given, the incident links it"
                    + " and its run, and IncidentBot's message names it as causation_id.");
    /** The store. */
    public static final BotOption<String> STORE = BotOption.optional("store", OptionType.STRING, "file",
            "Where incidents are kept: file, one JSON document per incident in storeFolder, shared by every process"
                    + " on this machine; or a PostgreSQL database, jdbc:postgresql://HOST:PORT/DATABASE, shared by"
                    + " every controller and machine, with the user and password in " + IncidentStores.USER_VARIABLE
                    + " and " + IncidentStores.PASSWORD_VARIABLE + " (docs/bots/incident-store.md).");
    /** The file store's folder. */
    public static final BotOption<String> STORE_FOLDER = BotOption.optional("storeFolder", OptionType.STRING,
            DEFAULT_STORE_FOLDER, "Folder of the file store, inside the workspace.");
    /** The post-mortem template. */
    public static final BotOption<String> TEMPLATE = BotOption.optional("template", OptionType.STRING, null,
            "Postmortem: a Markdown template file relative to the workspace, with placeholders such as"
                    + " {{total_downtime}}; empty for the built-in one (Summary, Impact, Timeline, Contributors,"
                    + " Mitigators, Learnings, Follow-ups).");
    /** The post-mortem file. */
    public static final BotOption<String> POSTMORTEM_FILE = BotOption.outputFile("postmortemFile", "",
            "Postmortem: where the draft is written. Default: " + DEFAULT_POSTMORTEM_FOLDER + "/<id>.md.");
    /** The timeline's look-back. */
    public static final BotOption<Duration> WINDOW = BotOption.optional("window", OptionType.DURATION,
            DEFAULT_WINDOW, "How long before the incident was opened its timeline looks for deploys, alerts,"
                    + " rollbacks, scaling and approvals of its service and environment, for example 30m.");

    private static final List<BotOption<?>> OWN = List.of(ACTION, INCIDENT_ID, TITLE, ALERT_NAME, ALERT_SEVERITY,
            SEVERITY, SEVERITY_MAP, SERVICE, ENVIRONMENT, DEDUP_KEY, STATUS, SUMMARY, NOTE, BY, COMMANDER, CAUSE,
            STORE, STORE_FOLDER, TEMPLATE, POSTMORTEM_FILE, WINDOW);

    private IncidentBotDescriptor() {
    }

    /**
     * Returns the descriptor with the options of the given responders.
     *
     * @param responders the responders IncidentBot tells
     * @return the descriptor
     */
    public static BotDescriptor<IncidentRequest> of(final IncidentResponders.Factory responders) {
        List<BotOption<?>> options = new ArrayList<>(OWN);
        List<BotOption<?>> theirs = List.copyOf(responders.options());
        options.addAll(theirs);
        return BotDescriptor.of(ID, NAME, "Runs incidents with the pipeline: opens them from alerts (a repeat"
                + " updates the open one), pages and escalates through its responders, records acknowledgements,"
                + " notes, updates and the resolution, shows a timeline built from the bus, and drafts the"
                + " post-mortem with time to detect, time to mitigate and total downtime.", options,
                values -> toRequest(values, theirs)).withSecrets(secrets(responders));
    }

    /** The store's secrets first, then the responders'. */
    private static BotSecret[] secrets(final IncidentResponders.Factory responders) {
        List<BotSecret> secrets = new ArrayList<>();
        secrets.add(BotSecret.of(IncidentStores.USER_VARIABLE, "the user of the PostgreSQL incident store (store"
                + " jdbc:postgresql://...)", "dbUser", "storeUser"));
        secrets.add(BotSecret.of(IncidentStores.PASSWORD_VARIABLE, "the password of the PostgreSQL incident store",
                "dbPassword", "storePassword"));
        secrets.addAll(responders.secrets());
        return secrets.toArray(new BotSecret[0]);
    }

    private static IncidentRequest toRequest(final BotOptions options, final List<BotOption<?>> responderOptions) {
        Map<String, Object> responderValues = new LinkedHashMap<>();
        for (BotOption<?> option : responderOptions) {
            Object value = options.get(option);
            if (value != null) {
                responderValues.put(option.getName(), value);
            }
        }
        String severity = options.get(SEVERITY);
        Duration window = options.require(WINDOW);
        if (window.isNegative()) {
            throw invalid(options.nameOf(WINDOW), "must not be negative, for example 30m");
        }
        String store = options.require(STORE).strip();
        if (!"file".equals(store) && !store.startsWith("jdbc:postgresql:")) {
            throw invalid(options.nameOf(STORE), "is '" + PostgresIncidentStore.withoutPassword(store) + "': give file"
                    + " (the folder storeFolder) or a PostgreSQL database, jdbc:postgresql://HOST:PORT/DATABASE");
        }
        String action = options.get(ACTION);
        if (action == null) {
            throw invalid(options.nameOf(ACTION), "is required: one of " + String.join(", ", IncidentAction.words())
                    + " (on the command line also the subcommands lotabots incident open, ack, note, ...)");
        }
        return new IncidentRequest(IncidentAction.of(action), options.get(INCIDENT_ID),
                options.get(TITLE), options.get(ALERT_NAME), options.get(ALERT_SEVERITY),
                severity == null ? null : IncidentSeverity.valueOf(severity),
                severityMap(options.require(SEVERITY_MAP), options.nameOf(SEVERITY_MAP)), options.get(SERVICE),
                options.get(ENVIRONMENT), options.get(DEDUP_KEY), options.get(STATUS), options.get(SUMMARY),
                options.get(NOTE), options.get(BY) == null ? "" : options.require(BY), options.get(COMMANDER),
                options.get(CAUSE), store, options.require(STORE_FOLDER), options.get(TEMPLATE),
                options.get(POSTMORTEM_FILE), window, responderValues);
    }

    /**
     * Reads a severity mapping, {@code ALERT=P1..P4} each.
     *
     * @param entries the entries
     * @param option the option's name as the user wrote it, for errors
     * @return alert severity (lower case) to incident severity
     */
    static Map<String, IncidentSeverity> severityMap(final List<String> entries, final String option) {
        Map<String, IncidentSeverity> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String alert = equals < 0 ? "" : entry.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String severity = equals < 0 ? "" : entry.substring(equals + 1).trim().toUpperCase(Locale.ROOT);
            if (alert.isEmpty() || !severity.matches("P[1-4]")) {
                throw invalid(option, "has '" + entry + "'; each entry reads ALERT=P1..P4, for example critical=P1");
            }
            if (map.put(alert, IncidentSeverity.valueOf(severity)) != null) {
                throw invalid(option, "maps '" + alert + "' twice; give each alert severity once");
            }
        }
        return map;
    }

    private static LotaBotsException invalid(final String option, final String problem) {
        return LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Option '" + option + "' of " + NAME + " "
                + problem + ".");
    }
}
