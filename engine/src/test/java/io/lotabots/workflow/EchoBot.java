package io.lotabots.workflow;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotResult;
import io.lotabots.bot.BotStatus;
import io.lotabots.bot.OptionType;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.util.EngineLog;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A tiny real bot for workflow tests: echoes its message, publishes one message, and ends UNSTABLE for the message
 * {@code warn} and FAILURE for {@code fail}.
 */
final class EchoBot implements Bot<EchoBot.EchoRequest, EchoBot.EchoResult> {
    static final String NAME = "EchoBot";
    static final BotOption<String> MESSAGE = BotOption.required("message", OptionType.STRING, "What to echo.");
    static final BotOption<Integer> TIMES = BotOption.optional("times", OptionType.INTEGER, 1, "How often.");

    private static final BotDescriptor<EchoRequest> DESCRIPTOR = BotDescriptor.of("echo", NAME,
            "Echoes a message.", List.of(MESSAGE, TIMES),
            options -> new EchoRequest(options.require(MESSAGE), options.require(TIMES)));

    @Override
    public BotDescriptor<EchoRequest> getDescriptor() {
        return DESCRIPTOR;
    }

    @Override
    public EchoResult run(final EchoRequest request, final BotContext context) {
        String text = String.join(" ", Collections.nCopies(request.times(), request.message()));
        EngineLog log = new EngineLog("Errors of EchoBot:");
        log.info(text);
        context.getLog().info("EchoBot: " + text);
        Message message = context.publish(NAME, new NotificationSent("console", null, null, null));
        BotStatus status = switch (request.message()) {
            case "warn" -> BotStatus.UNSTABLE;
            case "fail" -> BotStatus.FAILURE;
            default -> BotStatus.SUCCESS;
        };
        return new EchoResult(status, "echoed " + text, log, List.of(message), Map.of("echo", text));
    }

    record EchoRequest(String message, int times) {
    }

    record EchoResult(BotStatus status, String summary, EngineLog log, List<Message> messages,
            Map<String, Object> outputs) implements BotResult {
        @Override
        public BotStatus getStatus() {
            return status;
        }

        @Override
        public String getSummary() {
            return summary;
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
            return outputs;
        }
    }
}
