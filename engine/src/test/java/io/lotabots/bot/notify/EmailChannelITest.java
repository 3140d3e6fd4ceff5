package io.lotabots.bot.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.lotabots.bot.BotStatus;
import io.lotabots.error.LotaBotsException;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.message.TestMessages;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmailChannelITest {
    private static final String PASSWORD = "greenmail-secret-4711";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private NotifyHarness harness;

    @BeforeEach
    void createUser(@TempDir final Path workspace) {
        SMTP.setUser("lotabots@example.com", "lotabots", PASSWORD);
        harness = new NotifyHarness(workspace);
    }

    private NotifyRequest.Builder email() {
        return NotifyRequest.builder().channels(ChannelKind.EMAIL).smtpHost("127.0.0.1")
                .smtpPort(SMTP.getSmtp().getPort()).emailFrom("LotaBots <lotabots@example.com>")
                .emailTo(List.of("team@example.com", "oncall@example.com")).link(NotifyHarness.LINK);
    }

    @Test
    void logsInWithTheUserAndPasswordJenkinsResolvedFromACredential() throws Exception {
        harness.environment.put(NotificationBotDescriptor.SMTP_USER_SECRET, "lotabots");
        harness.environment.put(NotificationBotDescriptor.SMTP_PASSWORD, PASSWORD);
        Message deploy = harness.publish(TestMessages.deployFailed());

        NotifyResult result = harness.bot.notify(email().build(), deploy, harness.context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        harness.environment.remove(NotificationBotDescriptor.SMTP_PASSWORD);
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> harness.bot.run(email().build(), harness.context()))
                .withMessageContaining("the secret SMTP_PASSWORD for the option smtpUser");
    }

    @Test
    void sendsOneMailWithAPlainTextAndAnHtmlPartToEveryRecipient() throws Exception {
        harness.environment.put(NotificationBotDescriptor.SMTP_PASSWORD, PASSWORD);
        harness.publish(TestMessages.buildCompleted());
        Message deploy = harness.publish(TestMessages.deployFailed());
        NotifyResult result = harness.bot.notify(email().smtpUser("lotabots").build(), deploy, harness.context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.SUCCESS);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[LotaBots] Deploy: deploying 1.4.2 to production failed: Readiness"
                + " probe failed on 2 of 5 pods");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("[OK     ] Build: build build-12345", "[FAILED ] Deploy: deploying 1.4.2",
                "reason: Readiness probe failed on 2 of 5 pods", NotifyHarness.LINK);
        assertThat(html).contains("<h2>Deploy: deploying 1.4.2 to production failed", "<b>Build</b>",
                "<a href=\"" + NotifyHarness.LINK + "\">Open the run</a>");
        assertThat(harness.published(NotificationSent.TYPE)).singleElement().satisfies(m -> {
            NotificationSent sent = m.payloadAs(NotificationSent.class);
            assertThat(sent.recipient()).isEqualTo("team@example.com, oncall@example.com");
            assertThat(sent.notificationId()).isEqualTo(mail.getMessageID());
        });
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(PASSWORD);
    }

    @Test
    void escapesMarkupFromMessagesInTheHtmlPart() throws Exception {
        Message message = harness.publish(new io.lotabots.message.DeployFailed("production", "1.4.2",
                "<script>alert('x')</script> & more", false));
        harness.bot.notify(email().build(), message, harness.context());

        Multipart parts = (Multipart) SMTP.getReceivedMessages()[0].getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"
                + " more");
    }

    @Test
    void warnsWhenTheServerRefusesTheLoginAndDoesNotRetry() {
        harness.environment.put(NotificationBotDescriptor.SMTP_PASSWORD, "wrong-password-123");
        Message message = harness.publish(TestMessages.deployCompleted());
        NotifyResult result = harness.bot.notify(email().smtpUser("lotabots").build(), message, harness.context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(result.getFailures()).singleElement().asString().contains("refused the login of 'lotabots'")
                .doesNotContain("wrong-password-123");
        assertThat(harness.slept).isEmpty();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesToStartWithoutThePasswordOfTheSmtpUser() {
        harness.publish(TestMessages.deployCompleted());
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> harness.bot.run(email().smtpUser("lotabots").build(), harness.context()))
                .withMessageContaining("the secret SMTP_PASSWORD for the option smtpUser")
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(NotifyErrorCode.MISSING_SETTING));
    }

    @Test
    void refusesAMalformedRecipientBeforeSending() {
        harness.publish(TestMessages.deployCompleted());
        assertThatExceptionOfType(LotaBotsException.class)
                .isThrownBy(() -> harness.bot.run(email().emailTo(List.of("not an address")).build(),
                        harness.context()))
                .withMessageContaining("option emailTo; 'not an address' is not one");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void retriesWhenTheServerCannotBeReached() {
        Message message = harness.publish(TestMessages.deployCompleted());
        NotifyResult result = harness.bot.notify(email().smtpPort(1).retries(2).build(), message, harness.context());

        assertThat(result.getStatus()).isEqualTo(BotStatus.UNSTABLE);
        assertThat(harness.slept).hasSize(2);
        assertThat(result.getFailures()).singleElement().asString().contains("cannot send through the SMTP server"
                + " 127.0.0.1:1");
    }
}
