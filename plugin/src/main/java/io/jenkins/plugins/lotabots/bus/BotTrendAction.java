package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lotabots.message.MessageCodec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jenkins.model.TransientActionFactory;

/**
 * The trend of test and security results over a job's last builds, on the job page and at
 * {@code /job/NAME/lotabots-trend/}. It reads only the numbers each build's {@link BotMessagesAction} keeps in
 * {@code build.xml}; it never opens a journal.
 */
public final class BotTrendAction implements Action {
    /** How many builds the trend covers. */
    static final int MAX_BUILDS = 20;

    private final Job<?, ?> job;

    BotTrendAction(final Job<?, ?> job) {
        this.job = job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.BotTrendAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "lotabots-trend";
    }

    /**
     * Returns the job.
     *
     * @return the job
     */
    public Job<?, ?> getJob() {
        return job;
    }

    /**
     * Returns one row per build with test or security numbers, newest first.
     *
     * @return the rows, at most {@value #MAX_BUILDS}
     */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> run = job.getLastBuild(); run != null && seen < MAX_BUILDS; run = run.getPreviousBuild()) {
            seen++;
            BotMessagesAction action = run.getAction(BotMessagesAction.class);
            if (action != null && action.hasTrendData()) {
                rows.add(new Row(run.getNumber(), run.getUrl(), action));
            }
        }
        return rows;
    }

    /**
     * Returns the model of the trend chart as JSON, for the chart script: the builds oldest first, and per build the
     * passed and failed tests, the line coverage and the critical and high findings ({@code null} where a build has
     * no number).
     *
     * @return the model
     */
    public String getChartModel() {
        List<Row> rows = new ArrayList<>(getRows());
        java.util.Collections.reverse(rows);
        ObjectNode model = MessageCodec.get().copyMapper().createObjectNode();
        ArrayNode builds = model.putArray("builds");
        ArrayNode passed = model.putArray("passed");
        ArrayNode failed = model.putArray("failed");
        ArrayNode coverage = model.putArray("coverage");
        ArrayNode findings = model.putArray("findings");
        for (Row row : rows) {
            builds.add("#" + row.getNumber());
            Integer total = row.getTestsTotal();
            Integer failures = row.getTestsFailed();
            if (total == null) {
                passed.addNull();
                failed.addNull();
            }
            else {
                int failedCount = failures == null ? 0 : failures;
                passed.add(total - failedCount);
                failed.add(failedCount);
            }
            if (row.getCoverage() == null) {
                coverage.addNull();
            }
            else {
                coverage.add(row.getCoverage());
            }
            Integer critical = row.getSecurityCritical();
            Integer high = row.getSecurityHigh();
            if (critical == null && high == null) {
                findings.addNull();
            }
            else {
                findings.add((critical == null ? 0 : critical) + (high == null ? 0 : high));
            }
        }
        ObjectNode labels = model.putObject("labels");
        labels.put("passed", Messages.BotTrendAction_Passed());
        labels.put("failed", Messages.BotTrendAction_Failed());
        labels.put("coverage", Messages.BotTrendAction_Coverage());
        labels.put("findings", Messages.BotTrendAction_Findings());
        return model.toString();
    }

    /**
     * Returns whether any recent build has numbers to show.
     *
     * @return {@code true} if there is a row
     */
    public boolean hasRows() {
        return !getRows().isEmpty();
    }

    /**
     * One build in the trend.
     */
    public static final class Row {
        private final int number;
        private final String url;
        private final BotMessagesAction action;

        Row(final int number, final String url, final BotMessagesAction action) {
            this.number = number;
            this.url = url;
            this.action = action;
        }

        public int getNumber() {
            return number;
        }

        public String getUrl() {
            return url;
        }

        @CheckForNull
        public Integer getTestsTotal() {
            return action.getTestsTotal();
        }

        @CheckForNull
        public Integer getTestsFailed() {
            return action.getTestsFailed();
        }

        @CheckForNull
        public Double getCoverage() {
            return action.getCoverage();
        }

        @CheckForNull
        public Integer getSecurityCritical() {
            return action.getSecurityCritical();
        }

        @CheckForNull
        public Integer getSecurityHigh() {
            return action.getSecurityHigh();
        }

        @CheckForNull
        public Integer getSecretsFound() {
            return action.getSecretsFound();
        }
    }

    /**
     * Adds the trend to every job whose last build has bot messages.
     */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(final Job target) {
            Run<?, ?> last = target.getLastBuild();
            if (last == null || last.getAction(BotMessagesAction.class) == null) {
                return List.of();
            }
            return List.of(new BotTrendAction(target));
        }
    }
}
