package io.lotabots.scenario;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.OptionType;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.List;
import java.util.Map;

/**
 * A bot for scenario tests that records each run ({@code id:environment}) and ends with the status its
 * {@code outcome} option names.
 */
final class RecordingBot implements Bot<RecordingBot.Request, RecordingBot.Result> {
    static final BotOption<String> OUTCOME = BotOption.optional("outcome", OptionType.choice("SUCCESS", "UNSTABLE", "FAILURE"),
            "SUCCESS", "How the run ends.");
    static final BotOption<String> ENVIRONMENT = BotOption.optional("environment", OptionType.STRING, "", "A label.");
    static final BotOption<Integer> LIMIT = BotOption.optional("limit", OptionType.INTEGER, 1, "A number.");

    private final BotDescriptor<Request> descriptor;
    private final List<String> runs;

    RecordingBot(final String id, final List<String> runs) {
        this.runs = runs;
        this.descriptor = BotDescriptor.of(id, id.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + id.substring(1) + "Bot",
                "Records its runs.", List.of(OUTCOME, ENVIRONMENT, LIMIT),
                options -> new Request(options.require(OUTCOME), options.require(ENVIRONMENT), options.require(LIMIT)));
    }

    @Override
    public BotDescriptor<Request> getDescriptor() {
        return descriptor;
    }

    @Override
    public Result run(final Request request, final BotContext context) {
        runs.add(descriptor.getId() + (request.environment().isEmpty() ? "" : ":" + request.environment())
                + (request.limit() == 1 ? "" : ":" + request.limit()));
        return new Result(BotStatus.valueOf(request.outcome()), request.environment());
    }

    record Request(String outcome, String environment, int limit) {
    }

    /** The result; its one output, {@code label}, is the run's environment option. */
    record Result(BotStatus status, String label) implements BotResult {
        @Override
        public BotStatus getStatus() {
            return status;
        }

        @Override
        public String getSummary() {
            return status.name();
        }

        @Override
        public EngineLog getLog() {
            return new EngineLog("Errors:");
        }

        @Override
        public List<Message> getMessages() {
            return List.of();
        }

        @Override
        public Map<String, Object> getOutputs() {
            return label.isEmpty() ? Map.of() : Map.of("label", label);
        }
    }
}
