package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.OptionType;
import io.lotabots.message.BuildCompleted;
import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.List;
import java.util.Map;

/**
 * A bot for command-line tests: publishes one build.completed for the branch it is given, and ends with the
 * status it is told to.
 */
final class CountingBot implements Bot<CountingBot.Request, CountingBot.Result> {
    static final BotOption<String> BRANCH = BotOption.optional("branch", OptionType.STRING, "main",
            "Branch to report, for example main.");
    static final BotOption<String> OUTCOME = BotOption.optional("outcome",
            OptionType.choice("SUCCESS", "UNSTABLE", "FAILURE"), "SUCCESS", "Status to end with.");
    static final BotOption<String> TOKEN = BotOption.optional("tokenVariable", OptionType.STRING, null,
            "Environment variable whose secret value the bot logs, to check masking.");

    private static final BotDescriptor<Request> DESCRIPTOR = BotDescriptor.of("count", "CountingBot",
            "Publishes one build.completed message.", List.of(BRANCH, OUTCOME, TOKEN),
            options -> new Request(options.require(BRANCH), BotStatus.valueOf(options.require(OUTCOME)),
                    options.get(TOKEN)));

    record Request(String branch, BotStatus outcome, String tokenVariable) {
    }

    record Result(BotStatus status, List<Message> messages, EngineLog log) implements BotResult {
        @Override
        public BotStatus getStatus() {
            return status;
        }

        @Override
        public String getSummary() {
            return "counted " + messages.size() + " build; " + status;
        }

        @Override
        public EngineLog getLog() {
            return log;
        }

        @Override
        public List<Message> getMessages() {
            return messages;
        }

        @Override
        public Map<String, Object> getOutputs() {
            return Map.of("messages", messages.size());
        }
    }

    @Override
    public BotDescriptor<Request> getDescriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Result run(final Request request, final BotContext context) {
        EngineLog log = new EngineLog("Errors of CountingBot:");
        if (request.tokenVariable() != null) {
            String secret = context.getSecret(request.tokenVariable()).orElse("unset");
            context.getLog().info("[CountingBot] using token " + secret);
        }
        context.getLog().info("[CountingBot] counting branch " + request.branch());
        Message message = context.publish("CountingBot",
                new BuildCompleted("build-1", null, request.branch(), "a1b2c3d4", null, 1.5, null, null));
        return new Result(request.outcome(), List.of(message), log);
    }
}
