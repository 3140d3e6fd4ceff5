package io.lotabots.bot;

import java.util.Locale;

/**
 * Renders the registered bots and their options as the Markdown of {@code docs/BOTS.md}, like analysis-model's
 * {@code SUPPORTED-FORMATS.md}. A test fails when the committed file differs.
 */
public final class BotCatalogDocs {
    /** How to regenerate the file; written into its header. */
    public static final String REGENERATE = "./lotabots bots --format markdown > docs/BOTS.md";

    private BotCatalogDocs() {
    }

    /**
     * Renders the bots of a registry.
     *
     * @param registry the bots
     * @return the Markdown
     */
    public static String render(final BotRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from the engine's bot registry. Do not edit; run: ").append(REGENERATE)
                .append(" -->\n");
        md.append("# Bots\n\n");
        md.append("Every bot runs as a command-line subcommand (`lotabots <id>`) and as a Pipeline step "
                + "(`<id>Bot`). Options are written in camelCase in a Jenkinsfile and in kebab-case on the command "
                + "line; both come from the bot's descriptor. One page per bot: [docs/bots/](bots/).\n\n");
        md.append("| bot | command | Pipeline step | what it does |\n|---|---|---|---|\n");
        for (Bot<?, ?> bot : registry.getBots()) {
            BotDescriptor<?> descriptor = bot.getDescriptor();
            md.append("| [").append(descriptor.getName()).append("](#").append(descriptor.getName()
                    .toLowerCase(Locale.ROOT)).append(") | `lotabots ").append(descriptor.getId()).append("` | `")
                    .append(descriptor.getFunctionName()).append("` | ").append(descriptor.getHelp()).append(" |\n");
        }
        for (Bot<?, ?> bot : registry.getBots()) {
            BotDescriptor<?> descriptor = bot.getDescriptor();
            md.append("\n## ").append(descriptor.getName()).append("\n\n").append(descriptor.getHelp())
                    .append("\n\n| option | command line | type | default | meaning |\n|---|---|---|---|---|\n");
            for (BotOption<?> option : descriptor.getOptions()) {
                md.append("| `").append(option.getName()).append("` | `").append(option.getCommandLineName())
                        .append("` | ").append(option.getType().getName()).append(" | ")
                        .append(option.isRequired() ? "required" : option.getDefaultText()
                                .map(value -> "`" + value + "`").orElse("none"))
                        .append(" | ").append(option.getHelp().replace("|", "\\|")).append(" |\n");
            }
        }
        return md.toString();
    }
}
