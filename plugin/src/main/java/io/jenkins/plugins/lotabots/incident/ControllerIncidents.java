package io.jenkins.plugins.lotabots.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.lotabots.bot.incident.FileIncidentStore;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentBotDescriptor;
import io.lotabots.bot.incident.IncidentResponders;
import io.lotabots.bot.incident.IncidentStore;
import io.lotabots.bot.incident.IncidentStores;
import io.lotabots.bot.incident.PostgresIncidentStore;
import io.jenkins.plugins.lotabots.CredentialsEnvironment;
import io.jenkins.plugins.lotabots.LotaBotsConfiguration;
import io.lotabots.error.LotaBotsException;
import io.jenkins.plugins.lotabots.bus.BotMessageCause;
import io.jenkins.plugins.lotabots.bus.RunJournal;
import io.lotabots.message.InvalidMessageException;
import io.lotabots.message.Message;
import io.lotabots.message.MessageCodec;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The controller's incidents: IncidentBot runs on the controller, whatever node the build holds, so that every job of
 * the controller acts on one store, {@code $JENKINS_HOME/lotabots/incidents} (an agent never sees it), or the
 * PostgreSQL database of the global configuration. The bot's
 * working folder is a folder of the build ({@code lotabots-incident} in the build's directory); a post-mortem
 * template is copied into it from the workspace before the run, and the draft is copied back into the workspace, at
 * the path the bot names, after it.
 */
@Restricted(NoExternalUse.class)
public final class ControllerIncidents {
    /** Where a template from the workspace is put in the working folder. */
    static final String TEMPLATE = ".lotabots/incident-template.md";
    /** The folder of the build that IncidentBot works in. */
    static final String WORK_FOLDER = "lotabots-incident";

    private ControllerIncidents() {
    }

    /**
     * Returns the folder of the controller's file store.
     *
     * @return {@code $JENKINS_HOME/lotabots/incidents}
     */
    public static Path storeFolder() {
        return Jenkins.get().getRootDir().toPath().resolve("lotabots").resolve("incidents");
    }

    /**
     * Returns the controller's store, for pages that show incidents: the file store, or the PostgreSQL database of
     * the global configuration with its credential, resolved for the build.
     *
     * @param run the build whose page shows the incidents
     * @return the store
     * @throws LotaBotsException if the database cannot be reached or its credential is missing
     */
    public static IncidentStore store(final Run<?, ?> run) {
        LotaBotsConfiguration configuration = LotaBotsConfiguration.get();
        String database = configuration.getIncidentDatabaseUrl();
        if (database == null) {
            return FileIncidentStore.in(storeFolder());
        }
        Map<String, String> secrets = CredentialsEnvironment.resolve(run, IncidentBotDescriptor.ID, warning -> { });
        return PostgresIncidentStore.connect(database, secrets.get(IncidentStores.USER_VARIABLE),
                secrets.get(IncidentStores.PASSWORD_VARIABLE));
    }

    /**
     * Returns IncidentBot with the responders registered in the engine and the controller's store.
     *
     * @param folder the file store's folder, absolute
     * @param database the PostgreSQL database instead, or {@code null}; its user and password are the run's secrets
     * @return the bot
     */
    public static IncidentBot bot(final String folder, @CheckForNull final String database) {
        IncidentResponders.Factory responders = ServiceLoader.load(IncidentResponders.Factory.class,
                IncidentBot.class.getClassLoader()).findFirst().orElseGet(IncidentResponders.Factory::none);
        Path path = Path.of(folder);
        return new IncidentBot(responders, (request, context) -> database == null ? FileIncidentStore.in(path)
                : PostgresIncidentStore.connect(database,
                        context.getSecret(IncidentStores.USER_VARIABLE).orElse(null),
                        context.getSecret(IncidentStores.PASSWORD_VARIABLE).orElse(null)));
    }

    /**
     * Returns the message that started a build through the message trigger, as the build received it.
     *
     * @param run the build
     * @return the message, or {@code null} if no message started the build or its parameter is not that message
     */
    @CheckForNull
    public static Message triggerOf(final Run<?, ?> run) {
        BotMessageCause cause = run.getCause(BotMessageCause.class);
        ParametersAction parameters = run.getAction(ParametersAction.class);
        String json = parameters != null
                && parameters.getParameter(RunJournal.MESSAGE_PARAMETER) instanceof StringParameterValue value
                ? value.getValue() : null;
        if (cause == null || json == null) {
            return null;
        }
        try {
            Message message = MessageCodec.get().read(json);
            return message.getId().equals(cause.getMessageId()) ? message : null;
        }
        catch (InvalidMessageException e) {
            return null;
        }
    }

    /**
     * Prepares an IncidentBot run on the controller: refuses a store folder of the step's own, copies the template
     * from the workspace, and returns the working folder.
     *
     * @param run the build
     * @param workspace the build's workspace, or {@code null} outside a {@code node}
     * @param values the options the bot runs with; {@code template} is changed to the copy
     * @return the working folder, on the controller
     * @throws AbortException for a store folder, or a template that is missing or has no workspace
     * @throws IOException if a file cannot be copied
     * @throws InterruptedException if the build is aborted
     */
    public static FilePath prepare(final Run<?, ?> run, @CheckForNull final FilePath workspace,
            final Map<String, Object> values) throws IOException, InterruptedException {
        Object folder = values.get(IncidentBotDescriptor.STORE_FOLDER.getName());
        if (folder != null && !IncidentBotDescriptor.DEFAULT_STORE_FOLDER.equals(folder)) {
            throw new AbortException(Messages.ControllerIncidents_StoreFolder(storeFolder(), folder));
        }
        values.remove(IncidentBotDescriptor.STORE_FOLDER.getName());
        Object store = values.get(IncidentBotDescriptor.STORE.getName());
        if (store != null && !"file".equals(store)) {
            throw new AbortException(Messages.ControllerIncidents_Store(storeFolder()));
        }
        values.remove(IncidentBotDescriptor.STORE.getName());
        FilePath work = new FilePath(new File(run.getRootDir(), WORK_FOLDER));
        work.mkdirs();
        Object template = values.get(IncidentBotDescriptor.TEMPLATE.getName());
        if (template instanceof String given && !given.isBlank()) {
            if (workspace == null) {
                throw new AbortException(Messages.ControllerIncidents_TemplateNeedsWorkspace(given));
            }
            FilePath source = workspace.child(given);
            if (!source.exists() || source.isDirectory()) {
                throw new AbortException(Messages.ControllerIncidents_TemplateMissing(given, workspace.getRemote()));
            }
            source.copyTo(work.child(TEMPLATE));
            values.put(IncidentBotDescriptor.TEMPLATE.getName(), TEMPLATE);
        }
        return work;
    }

    /**
     * Copies a post-mortem draft the run wrote into the workspace, at the same relative path.
     *
     * @param outputs the bot's outputs
     * @param work the working folder
     * @param workspace the build's workspace, or {@code null} outside a {@code node}
     * @param listener the build console
     * @throws IOException if the draft cannot be copied
     * @throws InterruptedException if the build is aborted
     */
    public static void finish(final Map<String, Object> outputs, final FilePath work,
            @CheckForNull final FilePath workspace, final TaskListener listener)
            throws IOException, InterruptedException {
        if (workspace != null && outputs.get("postmortem") instanceof String path && work.child(path).exists()) {
            FilePath target = workspace.child(path);
            FilePath parent = target.getParent();
            if (parent != null) {
                parent.mkdirs();
            }
            work.child(path).copyTo(target);
            listener.getLogger().println(Messages.ControllerIncidents_PostmortemCopied(target.getRemote()));
        }
    }
}
