package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import hudson.model.StringParameterValue;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Records in the job's record of handled reactions how a build that a reaction rule started ended, as
 * {@code lotabots react} records the end of the runs it starts.
 */
@Extension
@Restricted(NoExternalUse.class)
public class ReactionRunListener extends RunListener<Run<?, ?>> {
    @Override
    public void onCompleted(final Run<?, ?> run, @NonNull final TaskListener listener) {
        BotMessageCause cause = run.getCause(BotMessageCause.class);
        ParametersAction parameters = run.getAction(ParametersAction.class);
        if (cause == null || parameters == null) {
            return;
        }
        ParameterValue rule = parameters.getParameter(BotMessageTrigger.RULE_PARAMETER);
        String name = rule instanceof StringParameterValue text ? text.getValue() : null;
        if (name != null && !name.isBlank()) {
            BotMessageTrigger.finished(run, name, cause.getMessageId());
        }
    }
}
