package io.jenkins.plugins.lotabots.bus;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;

import io.lotabots.bus.MessageFilter;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jenkins.model.Jenkins;

/**
 * The bot messages of every build of the controller that reaction rules may ask about ({@code after:} conditions:
 * "a deploy.completed to the same environment within 30 minutes"): the messages published since the controller
 * started, and, the first time a rule looks further back than what was restored so far, the messages of the builds
 * that ended within that window, read again from their journals. So a Jenkins restart between a deploy and its alert
 * loses nothing a rule needs. At most {@value #LIMIT} messages are kept: when there are more, the oldest of the type
 * that has the most go first, so that a flood of one type ({@code notification.sent}) does not push out the rarer
 * ones the rules and the deploy history need ({@code deploy.completed}).
 */
@Extension
public final class RecentBotMessages {
    /** How many messages are kept. */
    static final int LIMIT = 10_000;

    private static final Logger LOGGER = Logger.getLogger(RecentBotMessages.class.getName());

    /** By id, in order of arrival, with the full name of the job whose build published it; the oldest go first. */
    private final LinkedHashMap<String, Kept> messages = new LinkedHashMap<>();
    /** The longest window per type already read from the builds' journals since the controller started. */
    private final Map<String, Duration> restored = new LinkedHashMap<>();

    /**
     * Returns the instance of this controller.
     *
     * @return the instance
     */
    public static RecentBotMessages get() {
        return ExtensionList.lookupSingleton(RecentBotMessages.class);
    }

    /**
     * Keeps messages a build just published.
     *
     * @param run the build
     * @param published the messages
     */
    public synchronized void remember(final Run<?, ?> run, final List<Message> published) {
        String job = run.getParent().getFullName();
        for (Message message : published) {
            messages.putIfAbsent(message.getId(), new Kept(message, job));
        }
        trim();
    }

    /**
     * Returns the messages kept of the given types that are not older than their window, oldest first; reads the
     * journals of the builds that ended within a window first, once per type and window since the controller started.
     *
     * @param lookBack how far back each type is needed
     * @param now the time the windows end
     * @return the messages
     */
    public List<Message> within(final Map<String, Duration> lookBack, final Instant now) {
        return within(lookBack, now, job -> true);
    }

    /**
     * Returns the messages kept of the given types that are not older than their window and were published by a job
     * the filter accepts, oldest first; see {@link #within(Map, Instant)}.
     *
     * @param lookBack how far back each type is needed
     * @param now the time the windows end
     * @param jobs accepts the full names of the jobs whose messages count
     * @return the messages
     */
    public synchronized List<Message> within(final Map<String, Duration> lookBack, final Instant now,
            final java.util.function.Predicate<String> jobs) {
        Map<String, Duration> missing = new LinkedHashMap<>();
        lookBack.forEach((type, window) -> {
            if (restored.getOrDefault(type, Duration.ZERO).compareTo(window) < 0) {
                missing.put(type, window);
            }
        });
        if (!missing.isEmpty()) {
            restore(missing, now);
            missing.forEach((type, window) -> restored.merge(type, window, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        }
        List<Message> result = new ArrayList<>();
        for (Kept kept : messages.values()) {
            Message message = kept.message();
            Duration window = lookBack.get(message.getType());
            if (window != null && !message.getTime().isBefore(now.minus(window)) && jobs.test(kept.job())) {
                result.add(message);
            }
        }
        result.sort(Comparator.comparing(Message::getTime));
        return result;
    }

    private void restore(final Map<String, Duration> windows, final Instant now) {
        Duration longest = windows.values().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        long cutoff = now.minus(longest).toEpochMilli();
        MessageFilter filter = MessageFilter.ofTypes(windows.keySet().toArray(String[]::new));
        List<Kept> found = new ArrayList<>();
        int builds = 0;
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                for (Run<?, ?> run : job.getBuilds()) {
                    if (!run.isBuilding() && run.getStartTimeInMillis() + run.getDuration() < cutoff) {
                        break;
                    }
                    builds++;
                    try {
                        for (Message message : RunJournal.of(run).read(filter)) {
                            if (!message.getTime().isBefore(now.minus(windows.get(message.getType())))) {
                                found.add(new Kept(message, job.getFullName()));
                            }
                        }
                    }
                    catch (LotaBotsException | java.io.UncheckedIOException e) {
                        LOGGER.log(Level.WARNING, "Cannot read the bot messages of " + run + " for the reaction"
                                + " rules; its messages are not counted as earlier messages", e);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(kept -> kept.message().getTime()));
        LinkedHashMap<String, Kept> merged = new LinkedHashMap<>();
        found.forEach(kept -> merged.put(kept.message().getId(), kept));
        merged.putAll(messages);
        messages.clear();
        messages.putAll(merged);
        trim();
        LOGGER.log(Level.FINE, "Read {0} messages of types {1} from the journals of {2} builds", new Object[] {
                found.size(), windows.keySet(), builds});
    }

    /**
     * Forgets the messages of a job that was deleted, so that a job made again under its name (whose builds then
     * have the same correlation ids, {@code jenkins/<job>/<number>}) does not inherit them.
     *
     * @param job the full name of the job
     */
    public synchronized void forgetJob(final String job) {
        messages.values().removeIf(kept -> kept.job().equals(job) || kept.job().startsWith(job + "/"));
    }

    /**
     * Follows the message's jobs as they are renamed or deleted.
     */
    @Extension
    public static final class JobListener extends hudson.model.listeners.ItemListener {
        @Override
        public void onDeleted(final hudson.model.Item item) {
            RecentBotMessages.get().forgetJob(item.getFullName());
        }

        @Override
        public void onLocationChanged(final hudson.model.Item item, final String oldFullName,
                final String newFullName) {
            RecentBotMessages.get().moveJob(oldFullName, newFullName);
        }
    }

    /**
     * Renames the job of the messages of a job (or folder) that moved.
     *
     * @param from the old full name
     * @param to the new full name
     */
    public synchronized void moveJob(final String from, final String to) {
        messages.replaceAll((id, kept) -> kept.job().equals(from) ? new Kept(kept.message(), to)
                : kept.job().startsWith(from + "/") ? new Kept(kept.message(), to + kept.job().substring(from.length()))
                : kept);
    }

    /** A message and the full name of the job whose build published it. */
    private record Kept(Message message, String job) {
    }

    private void trim() {
        int excess = messages.size() - LIMIT;
        if (excess <= 0) {
            return;
        }
        Map<String, Integer> kept = new java.util.HashMap<>();
        messages.values().forEach(message -> kept.merge(message.message().getType(), 1, Integer::sum));
        Map<String, Integer> dropped = new java.util.HashMap<>();
        for (int i = 0; i < excess; i++) {
            String most = java.util.Collections.max(kept.entrySet(), Map.Entry.comparingByValue()).getKey();
            kept.merge(most, -1, Integer::sum);
            dropped.merge(most, 1, Integer::sum);
        }
        var oldest = messages.values().iterator();
        while (oldest.hasNext() && !dropped.isEmpty()) {
            String type = oldest.next().message().getType();
            Integer left = dropped.get(type);
            if (left != null) {
                oldest.remove();
                if (left == 1) {
                    dropped.remove(type);
                }
                else {
                    dropped.put(type, left - 1);
                }
            }
        }
    }
}
