package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.http.NetworkErrors;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * E-mail over SMTP with Jakarta Mail: one message to all recipients, {@code multipart/alternative} with a
 * {@code text/plain} and a {@code text/html} part. STARTTLS is used when the server offers it (or required, or
 * off), authentication when a user is given (the password comes from the secret {@code SMTP_PASSWORD}), and
 * connecting, reading and writing each have the call timeout.
 */
final class EmailChannel implements Channel {
    /** The most characters of a subject. */
    static final int MAX_SUBJECT = 200;
    /** The most characters of the plain-text body. */
    static final int MAX_BODY = 500_000;

    private final Session session;
    private final String host;
    private final int port;
    @CheckForNull
    private final String user;
    @CheckForNull
    private final String password;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final BotContext context;

    private EmailChannel(final Session session, final NotifyRequest request, @CheckForNull final String password,
            final InternetAddress from, final InternetAddress[] to, final BotContext context) {
        this.session = session;
        this.host = request.getSmtpHost().orElseThrow();
        this.port = request.getSmtpPort();
        this.user = user(request, context).orElse(null);
        this.password = password;
        this.from = from;
        this.to = to.clone();
        this.context = context;
    }

    /**
     * Returns the SMTP user: the option smtpUser, else the variable {@code SMTP_USER} (which Jenkins sets, with
     * {@code SMTP_PASSWORD}, from the credential of its global configuration).
     */
    private static java.util.Optional<String> user(final NotifyRequest request, final BotContext context) {
        return request.getSmtpUser().or(() -> context.getVariable(NotificationBotDescriptor.SMTP_USER_SECRET)
                .filter(value -> !value.isBlank()));
    }

    static EmailChannel create(final NotifyRequest request, final BotContext context) {
        String host = request.getSmtpHost().orElseThrow(() -> Channel.missing(ChannelKind.EMAIL,
                "the option smtpHost (the SMTP server, for example smtp.example.com)"));
        String sender = request.getEmailFrom().orElseThrow(() -> Channel.missing(ChannelKind.EMAIL,
                "the option emailFrom (the sender address, for example lotabots@example.com)"));
        if (request.getEmailTo().isEmpty()) {
            throw Channel.missing(ChannelKind.EMAIL, "the option emailTo (the recipients, for example"
                    + " team@example.com)");
        }
        String password = null;
        if (user(request, context).isPresent()) {
            password = Channel.secret(request, context, NotificationBotDescriptor.SMTP_PASSWORD)
                    .orElseThrow(() -> Channel.missing(ChannelKind.EMAIL, "the secret "
                            + NotificationBotDescriptor.SMTP_PASSWORD + " for the option smtpUser; or leave smtpUser"
                            + " empty to send without authentication"));
        }
        InternetAddress from = address(sender, "emailFrom");
        InternetAddress[] to = request.getEmailTo().stream().map(address -> address(address, "emailTo"))
                .toArray(InternetAddress[]::new);
        long timeout = request.getRetryPolicy().timeout().toMillis();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(request.getSmtpPort()));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout));
        properties.put("mail.smtp.timeout", String.valueOf(timeout));
        properties.put("mail.smtp.writetimeout", String.valueOf(timeout));
        properties.put("mail.smtp.auth", String.valueOf(password != null));
        properties.put("mail.smtp.starttls.enable", String.valueOf(!"none".equals(request.getSmtpTls())));
        properties.put("mail.smtp.starttls.required", String.valueOf("required".equals(request.getSmtpTls())));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        return new EmailChannel(Session.getInstance(properties), request, password, from, to, context);
    }

    private static InternetAddress address(final String text, final String option) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return address;
        }
        catch (AddressException e) {
            throw Channel.missing(ChannelKind.EMAIL, "e-mail addresses like team@example.com in the option "
                    + option + "; '" + text + "' is not one (" + e.getMessage() + ")");
        }
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public void send(final Notification notification, final Deliveries deliveries) {
        String subject = Channel.fit("[LotaBots] " + notification.title(), MAX_SUBJECT, "E-mail subject",
                deliveries.getOut()).replaceAll("[\\r\\n]+", " ");
        String text = Channel.fit(notification.plainText(), MAX_BODY, "E-mail body", deliveries.getOut());
        String html = html(notification);
        String recipients = String.join(", ", List.of(to).stream().map(InternetAddress::getAddress).toList());
        deliveries.deliver(new Deliveries.Target(ChannelKind.EMAIL, "e-mail", notification, null), () -> {
            try {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(from);
                message.setRecipients(RecipientType.TO, to);
                message.setSubject(subject, StandardCharsets.UTF_8.name());
                message.setSentDate(Date.from(context.getClock().instant()));
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, StandardCharsets.UTF_8.name(), "html");
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(plain);
                alternative.addBodyPart(rich);
                message.setContent(alternative);
                message.saveChanges();
                Transport.send(message, user, password);
                return Attempt.delivered(message.getMessageID(), recipients);
            }
            catch (AuthenticationFailedException e) {
                return Attempt.refused("the SMTP server " + host + ":" + port + " refused the login of '" + user
                        + "': " + HttpCalls.describe(e));
            }
            catch (SendFailedException e) {
                return Attempt.refused("the SMTP server " + host + ":" + port + " refused the message: "
                        + HttpCalls.describe(e));
            }
            catch (MessagingException e) {
                return Attempt.retry("cannot send through the SMTP server " + host + ":" + port + ": "
                        + NetworkErrors.describe(e, host, port), null);
            }
        });
    }

    static String html(final Notification notification) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(notification.title())).append("</h2>");
        if (!notification.stages().isEmpty()) {
            html.append("<table cellpadding=\"4\">");
            for (StageLine stage : notification.stages()) {
                html.append("<tr><td>").append(symbol(stage.state())).append("</td><td><b>")
                        .append(escape(stage.stage())).append("</b></td><td>").append(escape(stage.text()))
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        if (!notification.details().isEmpty()) {
            html.append("<ul>");
            notification.details().forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
            html.append("</ul>");
        }
        String link = notification.link();
        if (link != null) {
            html.append("<p><a href=\"").append(escape(link)).append("\">Open the run</a></p>");
        }
        html.append("<p style=\"color:#888\">Severity ").append(notification.severity().wireName())
                .append(" &middot; sent by LotaBots NotificationBot</p></body></html>");
        return html.toString();
    }

    private static String symbol(final StageLine.State state) {
        return switch (state) {
            case OK -> "&#x2705;";
            case RUNNING -> "&#x23F3;";
            case WARNING -> "&#x26A0;";
            case FAILED -> "&#x274C;";
            case OPEN -> "&#x1F6A8;";
        };
    }

    static String escape(final String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "e-mail via %s:%d", host, port);
    }
}
