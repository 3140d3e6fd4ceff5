package io.lotabots.bot.notify;

import io.lotabots.bot.BotContext;
import io.lotabots.error.LotaBotsException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The console (the bot's log, which is the build console or the terminal) and a local file that every
 * notification is appended to, in plain text. The file stays inside the workspace after links are resolved
 * ({@link BotContext#getOutputs()}), unless the user named it explicitly on the command line.
 */
final class LocalChannel implements Channel {
    private final ChannelKind kind;
    private final Path file;
    private final String shown;

    private LocalChannel(final ChannelKind kind, final Path file, final String shown) {
        this.kind = kind;
        this.file = file;
        this.shown = shown;
    }

    static LocalChannel console() {
        return new LocalChannel(ChannelKind.CONSOLE, Path.of("."), "console");
    }

    static LocalChannel file(final NotifyRequest request, final BotContext context) {
        String name = request.getFile();
        Path workspace = context.getWorkspace();
        Path path = context.getOutputs().resolve(name, "the notification file (option 'file' of NotificationBot)");
        return new LocalChannel(ChannelKind.FILE, path, path.startsWith(workspace)
                ? workspace.relativize(path).toString().replace('\\', '/') : path.toString());
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        if (kind == ChannelKind.CONSOLE) {
            deliveries.deliver(new Deliveries.Target(kind, "notification", notification, null), () -> {
                String prefix = "NOTIFY [" + notification.severity().wireName() + "] ";
                deliveries.getOut().info(prefix + notification.title());
                for (StageLine stage : notification.stages()) {
                    deliveries.getOut().info("  " + stage.state() + " " + stage.stage() + ": " + stage.text());
                }
                return Attempt.delivered(null, "console");
            });
            return;
        }
        deliveries.deliver(new Deliveries.Target(kind, "notification", notification, null), () -> {
            String entry = deliveries.getContext().getClock().instant() + " ["
                    + notification.severity().wireName() + "] " + notification.plainText().stripTrailing().lines()
                    .map(line -> line.isEmpty() ? "" : "    " + line).collect(java.util.stream.Collectors.joining(
                            System.lineSeparator())).substring(4) + System.lineSeparator();
            try {
                // checked again when written: a link may have appeared since the channel was set up
                deliveries.getContext().getOutputs().resolve(file, "the notification file");
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, deliveries.getContext().getMasker().mask(entry), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                return Attempt.delivered(null, shown);
            }
            catch (IOException e) {
                return Attempt.refused("cannot append to '" + shown + "': " + HttpCalls.describe(e));
            }
            catch (LotaBotsException e) {
                return Attempt.refused(e.getMessage());
            }
        });
    }
}
