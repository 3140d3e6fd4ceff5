package io.jenkins.plugins.lotabots.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.lotabots.BotOptionValues;
import io.jenkins.plugins.lotabots.PagingOptionsStep;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code incidentBot} Pipeline step: runs IncidentBot with the options of its engine descriptor, named and typed as
 * there (docs/BOTS.md). Opens incidents from alerts (a repeat updates the open one), pages and escalates through its
 * responders, records acknowledgements, notes, updates and the resolution, shows the timeline and drafts the
 * post-mortem.
 *
 * <p>Unlike the other bots, IncidentBot always runs on the controller, with the controller's incident store
 * ({@link IncidentStores}): {@code $JENKINS_HOME/lotabots/incidents}, shared by every job, or the PostgreSQL database
 * of the global configuration. So the step needs no {@code node}; inside one, a post-mortem draft is copied into the
 * workspace and a template is read from it.</p>
 */
public class IncidentBotStep extends PagingOptionsStep {
    /** The engine bot's id. */
    public static final String BOT_ID = "incident";

    @CheckForNull
    private String action;
    @CheckForNull
    private String id;
    @CheckForNull
    private String title;
    @CheckForNull
    private String alertName;
    @CheckForNull
    private String alertSeverity;
    @CheckForNull
    private String severity;
    @CheckForNull
    private List<String> severityMap;
    @CheckForNull
    private String service;
    @CheckForNull
    private String environment;
    @CheckForNull
    private String dedupKey;
    @CheckForNull
    private String status;
    @CheckForNull
    private String summary;
    @CheckForNull
    private String note;
    @CheckForNull
    private String by;
    @CheckForNull
    private String commander;
    @CheckForNull
    private String cause;
    @CheckForNull
    private String store;
    @CheckForNull
    private String storeFolder;
    @CheckForNull
    private String template;
    @CheckForNull
    private String postmortemFile;
    @CheckForNull
    private String window;
    @CheckForNull
    private List<String> smsTo;
    @CheckForNull
    private List<String> secondarySmsTo;
    @CheckForNull
    private List<String> leadershipEmailTo;
    @CheckForNull
    private String warRoom;
    @CheckForNull
    private List<String> warRoomInvite;
    @CheckForNull
    private String repageAfter;
    @CheckForNull
    private String secondaryAfter;

    /**
     * Creates the step; every option is optional and set through its setter ({@code action} is needed to run).
     */
    @DataBoundConstructor
    public IncidentBotStep() {
        super();
    }

    @Override
    protected String botId() {
        return BOT_ID;
    }

    /**
     * Returns option {@code action}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAction() {
        return action;
    }

    /**
     * Sets option {@code action}: What to do (required): open (or add the repeat to the open incident with the same dedup key), acknowledge, note, update, resolve, postmortem, show, list or escalate.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAction(@CheckForNull final String value) {
        this.action = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code id}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getId() {
        return id;
    }

    /**
     * Sets option {@code id}: The incident, INC-&lt;number&gt;, for example INC-12; every action but open and list needs it.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setId(@CheckForNull final String value) {
        this.id = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code title}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTitle() {
        return title;
    }

    /**
     * Sets option {@code title}: What is wrong, in a line, for example 'High error rate on web'; open: default '&lt;alert name&gt; on &lt;service&gt; (&lt;environment&gt;)'; update: the new title.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTitle(@CheckForNull final String value) {
        this.title = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code alertName}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAlertName() {
        return alertName;
    }

    /**
     * Sets option {@code alertName}: Open: the alert's name, for example HighErrorRate; with the service it makes the dedup key. Default: the alert.triggered named by cause.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAlertName(@CheckForNull final String value) {
        this.alertName = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code alertSeverity}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getAlertSeverity() {
        return alertSeverity;
    }

    /**
     * Sets option {@code alertSeverity}: Open: the alert's severity, for example critical, mapped to P1-P4 by severityMap. Default: the alert.triggered named by cause.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setAlertSeverity(@CheckForNull final String value) {
        this.alertSeverity = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code severity}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSeverity() {
        return severity;
    }

    /**
     * Sets option {@code severity}: Open and update: the incident's severity, P1 (worst) to P4; wins over the mapped alert severity.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSeverity(@CheckForNull final String value) {
        this.severity = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code severityMap}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSeverityMap() {
        return severityMap;
    }

    /**
     * Sets option {@code severityMap}: How alert severities map to incident severities, ALERT=P1..P4, for example critical=P1,error=P2,warning=P3,info=P4,page=P1. Default: {@code ['critical=P1', 'error=P2', 'warning=P3', 'info=P4']}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSeverityMap(@CheckForNull final List<String> value) {
        this.severityMap = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code service}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getService() {
        return service;
    }

    /**
     * Sets option {@code service}: Open: the service affected, for example web (required); list: only this service's incidents.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setService(@CheckForNull final String value) {
        this.service = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code environment}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getEnvironment() {
        return environment;
    }

    /**
     * Sets option {@code environment}: Open: the environment affected, for example production (default: the alert's, else production); list: only this environment's incidents.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setEnvironment(@CheckForNull final String value) {
        this.environment = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code dedupKey}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getDedupKey() {
        return dedupKey;
    }

    /**
     * Sets option {@code dedupKey}: Open: while an incident with this key is open, opening adds the repeat to it instead of opening another. Default: &lt;service&gt;/&lt;alert name&gt;.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setDedupKey(@CheckForNull final String value) {
        this.dedupKey = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code status}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStatus() {
        return status;
    }

    /**
     * Sets option {@code status}: Update: the new status, triggered, acknowledged or mitigated (resolve has its own action); list: only incidents in this status, open (every one not resolved, the default) or all.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStatus(@CheckForNull final String value) {
        this.status = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code summary}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSummary() {
        return summary;
    }

    /**
     * Sets option {@code summary}: Update and resolve: what is known of cause and impact; the post-mortem's summary starts from it.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSummary(@CheckForNull final String value) {
        this.summary = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code note}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getNote() {
        return note;
    }

    /**
     * Sets option {@code note}: Note: the text (required); acknowledge, update, resolve: a comment, for example 'rolled back to 1.4.1'.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setNote(@CheckForNull final String value) {
        this.note = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code by}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getBy() {
        return by;
    }

    /**
     * Sets option {@code by}: Who acts, for example alice; default: the user (USER, BUILD_USER_ID), else IncidentBot.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setBy(@CheckForNull final String value) {
        this.by = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code commander}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCommander() {
        return commander;
    }

    /**
     * Sets option {@code commander}: Acknowledge and update: who leads the incident; acknowledge defaults to 'by'.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCommander(@CheckForNull final String value) {
        this.commander = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code cause}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getCause() {
        return cause;
    }

    /**
     * Sets option {@code cause}: Id of the message that caused this action, for example the alert.triggered that opens the incident: its alert name, severity and environment fill the options not given, the incident links it and its run, and IncidentBot's message names it as causation_id.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setCause(@CheckForNull final String value) {
        this.cause = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code store}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStore() {
        return store;
    }

    /**
     * Sets option {@code store}: Where incidents are kept: file, one JSON document per incident in storeFolder, shared by every process on this machine; or a PostgreSQL database, jdbc:postgresql://HOST:PORT/DATABASE, shared by every controller and machine, with the user and password in INCIDENT_DB_USER and INCIDENT_DB_PASSWORD (docs/bots/incident-store.md). Default: {@code 'file'}. In Jenkins only file: the global configuration chooses the database.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStore(@CheckForNull final String value) {
        this.store = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code storeFolder}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getStoreFolder() {
        return storeFolder;
    }

    /**
     * Sets option {@code storeFolder}: Folder of the file store, inside the workspace. Default: {@code '.lotabots/incidents'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setStoreFolder(@CheckForNull final String value) {
        this.storeFolder = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code template}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getTemplate() {
        return template;
    }

    /**
     * Sets option {@code template}: Postmortem: a Markdown template file relative to the workspace, with placeholders such as {{total_downtime}}; empty for the built-in one (Summary, Impact, Timeline, Contributors, Mitigators, Learnings, Follow-ups).
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setTemplate(@CheckForNull final String value) {
        this.template = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code postmortemFile}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getPostmortemFile() {
        return postmortemFile;
    }

    /**
     * Sets option {@code postmortemFile}: Postmortem: where the draft is written. Default: .lotabots/postmortems/&lt;id&gt;.md.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setPostmortemFile(@CheckForNull final String value) {
        this.postmortemFile = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code window}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getWindow() {
        return window;
    }

    /**
     * Sets option {@code window}: How long before the incident was opened its timeline looks for deploys, alerts, rollbacks, scaling and approvals of its service and environment, for example 30m. Default: {@code 30m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setWindow(@CheckForNull final String value) {
        this.window = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code smsTo}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSmsTo() {
        return smsTo;
    }

    /**
     * Sets option {@code smsTo}: Numbers of the on-call in E.164 form, for example +41790000000: an SMS when an incident opens and when it is re-paged; needs smsFrom and the secrets TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSmsTo(@CheckForNull final List<String> value) {
        this.smsTo = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code secondarySmsTo}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getSecondarySmsTo() {
        return secondarySmsTo;
    }

    /**
     * Sets option {@code secondarySmsTo}: Numbers of the secondary on-call in E.164 form, paged by SMS when nobody acknowledged within secondaryAfter.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecondarySmsTo(@CheckForNull final List<String> value) {
        this.secondarySmsTo = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code leadershipEmailTo}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getLeadershipEmailTo() {
        return leadershipEmailTo;
    }

    /**
     * Sets option {@code leadershipEmailTo}: Leadership e-mailed when a P1 incident opens, for example cto{@literal @}example.com; needs smtpHost and emailFrom.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setLeadershipEmailTo(@CheckForNull final List<String> value) {
        this.leadershipEmailTo = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code warRoom}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getWarRoom() {
        return warRoom;
    }

    /**
     * Sets option {@code warRoom}: Slack war room per incident: auto opens one when the secret SLACK_BOT_TOKEN is given (scopes channels:manage, channels:write.invites, chat:write, pins:write), on requires it, off never opens one. Default: {@code 'auto'}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setWarRoom(@CheckForNull final String value) {
        this.warRoom = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code warRoomInvite}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public List<String> getWarRoomInvite() {
        return warRoomInvite;
    }

    /**
     * Sets option {@code warRoomInvite}: Slack user ids invited to every war room, for example U0123ABCD,U0456EFGH.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setWarRoomInvite(@CheckForNull final List<String> value) {
        this.warRoomInvite = BotOptionValues.lines(value);
    }

    /**
     * Returns option {@code repageAfter}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getRepageAfter() {
        return repageAfter;
    }

    /**
     * Sets option {@code repageAfter}: Page the on-call again when nobody acknowledged an incident this long after it opened, for example 5m; 0 never re-pages. Default: {@code 5m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setRepageAfter(@CheckForNull final String value) {
        this.repageAfter = BotOptionValues.text(value);
    }

    /**
     * Returns option {@code secondaryAfter}.
     *
     * @return the value, or {@code null} for the default
     */
    @CheckForNull
    public String getSecondaryAfter() {
        return secondaryAfter;
    }

    /**
     * Sets option {@code secondaryAfter}: Page the secondary on-call (secondarySmsTo, the secret PAGERDUTY_SECONDARY_ROUTING_KEY) when nobody acknowledged an incident this long after it opened, for example 15m; 0 never does. Default: {@code 15m}.
     *
     * @param value the value, or {@code null} for the default
     */
    @DataBoundSetter
    public void setSecondaryAfter(@CheckForNull final String value) {
        this.secondaryAfter = BotOptionValues.text(value);
    }
    /**
     * Describes the {@code incidentBot} step; it needs no workspace.
     */
    @Extension
    public static final class DescriptorImpl extends BotStepDescriptor {
        /**
         * Creates the descriptor.
         */
        public DescriptorImpl() {
            super(BOT_ID);
        }

        @Override
        public String getFunctionName() {
            return "incidentBot";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, EnvVars.class, TaskListener.class, FlowNode.class);
        }
    }
}
