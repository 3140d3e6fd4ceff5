package io.lotabots.cli;

import io.lotabots.bot.BotOption;
import io.lotabots.bot.incident.IncidentBot;
import io.lotabots.bot.incident.IncidentBotDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import picocli.CommandLine;

/**
 * {@code lotabots incident open|ack|note|update|resolve|postmortem|show|list|escalate}: IncidentBot with its action
 * fixed and the options that action reads, each a {@link PresetBot}, so that options, help and defaults still come
 * from the descriptor. The actions that change an incident also offer the responders' options (paging, war room,
 * escalation).
 */
final class IncidentCommands {
    private static final List<String> STORE = List.of("store", "storeFolder");

    private IncidentCommands() {
    }

    /**
     * Adds the subcommands to {@code lotabots incident}.
     *
     * @param incident the command of the bot
     * @param bot IncidentBot
     */
    static void add(final CommandLine incident, final IncidentBot bot) {
        List<String> responders = bot.getDescriptor().getOptions().stream().map(BotOption::getName)
                .filter(name -> IncidentBotDescriptor.of(io.lotabots.bot.incident.IncidentResponders.Factory.none())
                        .findOption(name).isEmpty()).toList();
        add(incident, bot, "open", "open", "opens an incident from an alert, or adds the repeat to the open incident"
                + " with the same dedup key (<service>/<alert name>), and announces incident.created.",
                changing(responders, "title", "alertName", "alertSeverity", "severity", "severityMap", "service",
                        "environment", "dedupKey", "cause", "by"));
        add(incident, bot, "ack", "acknowledge", "acknowledges an incident: its status becomes acknowledged, who acts"
                + " becomes its commander unless it has one, the page is acknowledged.",
                changing(responders, "id", "by", "commander", "note", "cause"));
        add(incident, bot, "note", "note", "adds a note to an incident's timeline.",
                changing(responders, "id", "note", "by", "cause"));
        add(incident, bot, "update", "update", "changes an incident's severity, status (triggered, acknowledged,"
                + " mitigated), title, summary or commander.",
                changing(responders, "id", "severity", "status", "title", "summary", "commander", "note", "by",
                        "cause"));
        add(incident, bot, "resolve", "resolve", "resolves an incident and announces incident.resolved; a resolved"
                + " incident cannot be resolved again.", changing(responders, "id", "summary", "note", "by",
                        "cause"));
        add(incident, bot, "postmortem", "postmortem", "writes the post-mortem draft of an incident from a template,"
                + " with its timeline, time to detect, time to mitigate and total downtime, and announces"
                + " incident.postmortem_written.", reading("id", "template", "postmortemFile", "window", "by",
                        "cause"));
        add(incident, bot, "show", "show", "shows an incident and its timeline, built from the journal; changes"
                + " nothing.", reading("id", "window"));
        add(incident, bot, "list", "list", "lists incidents, by default the open ones; changes nothing.",
                reading("status", "service", "environment"));
        add(incident, bot, "escalate", "escalate", "applies the escalation policy now: re-pages, or pages the next"
                + " level, when nobody acknowledged in time; without --id to every triggered incident that is due (of"
                + " --service and --environment if given), for cron: run every minute, each step happens once.",
                changing(responders, "id", "service", "environment", "by"));
    }

    private static List<String> changing(final List<String> responders, final String... names) {
        return Stream.of(List.of(names), STORE, responders).flatMap(List::stream).toList();
    }

    private static List<String> reading(final String... names) {
        List<String> all = new ArrayList<>(List.of(names));
        all.addAll(STORE);
        return all;
    }

    private static void add(final CommandLine incident, final IncidentBot bot, final String name,
            final String action, final String help, final List<String> options) {
        incident.addSubcommand(name, BotCommand.of(PresetBot.of(bot, name, help, options,
                Map.of(IncidentBotDescriptor.ACTION.getName(), action)), true));
    }
}
