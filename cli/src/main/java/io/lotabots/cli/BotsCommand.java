package io.lotabots.cli;

import io.lotabots.bot.Bot;
import io.lotabots.bot.BotCatalogDocs;
import io.lotabots.bot.BotDescriptor;
import io.lotabots.bot.BotOption;
import io.lotabots.bot.BotRegistry;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lotabots bots}: the registered bots with their options, read from each bot's descriptor.
 */
@Command(name = "bots", mixinStandardHelpOptions = true,
        description = "List the bots with their options, defaults and help.")
final class BotsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "text",
            description = "text, or markdown (the source of docs/BOTS.md). Default: ${DEFAULT-VALUE}.")
    private String format;

    private final BotRegistry registry;

    BotsCommand() {
        this(BotRegistry.standard());
    }

    BotsCommand(final BotRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ("markdown".equals(format)) {
            out.print(BotCatalogDocs.render(registry));
            out.flush();
            return ExitCode.SUCCESS;
        }
        if (!"text".equals(format)) {
            spec.commandLine().getErr().println("lotabots: --format must be text or markdown, was '" + format + "'");
            return ExitCode.BAD_INPUT;
        }
        if (registry.getBots().isEmpty()) {
            out.println("No bots are registered yet.");
            return ExitCode.SUCCESS;
        }
        for (Bot<?, ?> bot : registry.getBots()) {
            BotDescriptor<?> descriptor = bot.getDescriptor();
            out.printf("%s (lotabots %s, Pipeline step %s)%n  %s%n", descriptor.getName(), descriptor.getId(),
                    descriptor.getFunctionName(), descriptor.getHelp());
            for (BotOption<?> option : descriptor.getOptions()) {
                String defaultText = option.isRequired() ? "required"
                        : option.getDefaultText().map(value -> "default: " + value).orElse("optional");
                out.printf("    %-28s %-10s %s (%s)%n", option.getCommandLineName(), option.getType().getName(),
                        option.getHelp(), defaultText);
            }
            out.println();
        }
        return ExitCode.SUCCESS;
    }
}
