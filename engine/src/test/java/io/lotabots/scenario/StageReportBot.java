package io.lotabots.scenario;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.OptionType;

import java.util.List;

/**
 * A notifying bot that takes the stage report options ({@code stage}, {@code result}, {@code summary}), as
 * NotificationBot does, and records each report as {@code STAGE|RESULT|SUMMARY}.
 */
final class StageReportBot implements Bot<StageReportBot.Report, RecordingBot.Result> {
    private static final BotOption<String> STAGE = BotOption.optional("stage", OptionType.STRING, "", "Stage.");
    private static final BotOption<String> RESULT = BotOption.optional("result", OptionType.STRING, "", "Result.");
    private static final BotOption<String> SUMMARY = BotOption.optional("summary", OptionType.STRING, "", "Summary.");

    private final BotDescriptor<Report> descriptor = BotDescriptor.of("notify", "NotifyBot", "Reports stages.",
            List.of(STAGE, RESULT, SUMMARY),
            options -> new Report(options.require(STAGE), options.require(RESULT), options.require(SUMMARY)));
    private final List<String> reports;

    StageReportBot(final List<String> reports) {
        this.reports = reports;
    }

    @Override
    public BotDescriptor<Report> getDescriptor() {
        return descriptor;
    }

    @Override
    public RecordingBot.Result run(final Report request, final BotContext context) {
        reports.add(request.stage() + "|" + request.result() + "|" + request.summary());
        return new RecordingBot.Result(io.lotabots.bot.BotStatus.SUCCESS, "");
    }

    record Report(String stage, String result, String summary) {
    }
}
