package io.lotabots.bot;

import io.lotabots.message.Message;
import io.lotabots.util.EngineLog;

import java.util.List;
import java.util.Map;

/**
 * A tiny real bot for tests: greets a name a number of times.
 */
final class GreeterBot implements Bot<GreeterBot.Request, GreeterBot.Result> {
    static final BotOption<String> NAME = BotOption.required("name", OptionType.STRING, "Who to greet.");
    static final BotOption<Integer> TIMES = BotOption.optional("times", OptionType.INTEGER, 1, "How often.");
    static final BotOption<Boolean> LOUD = BotOption.optional("loud", OptionType.BOOLEAN, false, "Shout it.");

    private final BotDescriptor<Request> descriptor;

    GreeterBot() {
        this("greeter", "GreeterBot");
    }

    GreeterBot(final String id, final String name) {
        this.descriptor = BotDescriptor.of(id, name, "Greets someone.", List.of(NAME, TIMES, LOUD),
                options -> new Request(options.require(NAME), options.require(TIMES), options.require(LOUD)));
    }

    @Override
    public BotDescriptor<Request> getDescriptor() {
        return descriptor;
    }

    @Override
    public Result run(final Request request, final BotContext context) {
        String greeting = "hello " + request.name();
        if (request.loud()) {
            greeting = greeting.toUpperCase(java.util.Locale.ROOT);
        }
        String text = String.join(", ", java.util.Collections.nCopies(request.times(), greeting));
        context.getLog().info(text);
        return new Result(text);
    }

    record Request(String name, int times, boolean loud) {
    }

    record Result(String text) implements BotResult {
        @Override
        public BotStatus getStatus() {
            return BotStatus.SUCCESS;
        }

        @Override
        public String getSummary() {
            return text;
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
            return Map.of("text", text);
        }
    }
}
