package io.lotabots.bot.notify;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.OptionNaming;
import io.lotabots.error.LotaBotsException;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The checks that NotificationBot's options, IncidentBot's paging options and {@link NotifyRequest} share, each
 * seen through every caller, so that a caller that stops using them fails here.
 */
class NotifyOptionChecksTest {
    @TempDir
    private Path workspace;

    @Test
    void shouldAcceptTheEdgesOfEachRange() {
        NotifyOptionChecks.Invalid invalid = NotifyOptionChecks.asOption(OptionNaming.PIPELINE, "NotificationBot");

        assertThat(NotifyOptionChecks.retries(0, invalid)).isZero();
        assertThat(NotifyOptionChecks.retries(RetryPolicy.MAX_RETRIES, invalid)).isEqualTo(20);
        assertThat(NotifyOptionChecks.smtpPort(1, invalid)).isEqualTo(1);
        assertThat(NotifyOptionChecks.smtpPort(65_535, invalid)).isEqualTo(65_535);
        assertThat(NotifyOptionChecks.timeout(Duration.ofMillis(1), invalid)).hasMillis(1);
    }

    @Test
    void shouldNameTheOptionOfNotificationBot() {
        assertInvalid(() -> NotificationBotDescriptor.get().createRequest(Map.of("retries", -1)),
                "Option 'retries' of NotificationBot must be between 0 and 20, was -1.");
        assertInvalid(() -> NotificationBotDescriptor.get().createRequest(Map.of("timeout", "0s")),
                "Option 'timeout' of NotificationBot must be positive, for example 10s.");
        assertInvalid(() -> NotificationBotDescriptor.get().createRequest(Map.of("smtpPort", 70_000)),
                "Option 'smtpPort' of NotificationBot must be between 1 and 65535, was 70000.");
        assertInvalid(() -> NotificationBotDescriptor.get().createRequest(Map.of("smtpPort", 0),
                OptionNaming.COMMAND_LINE), "Option '--smtp-port' of NotificationBot must be between 1 and 65535,"
                + " was 0.");
    }

    @Test
    void shouldNameTheOptionOfIncidentBotsPaging() {
        IncidentPaging.Factory factory = new IncidentPaging.Factory(wait -> { });
        BotContext context = BotContext.builder(workspace).build();

        assertInvalid(() -> factory.create(Map.of("retries", 21), context),
                "Option 'retries' of IncidentBot must be between 0 and 20, was 21.");
        assertInvalid(() -> factory.create(Map.of("timeout", "0s"), context),
                "Option 'timeout' of IncidentBot must be positive, for example 10s.");
        assertInvalid(() -> factory.create(Map.of("smtpPort", 65_536), context),
                "Option 'smtpPort' of IncidentBot must be between 1 and 65535, was 65536.");
        assertInvalid(() -> factory.create(Map.of("smtpPort", 0), BotContext.builder(workspace)
                .optionNaming(OptionNaming.COMMAND_LINE).build()),
                "Option '--smtp-port' of IncidentBot must be between 1 and 65535, was 0.");
    }

    @Test
    void shouldRefuseABadSmtpPortInARequestBuiltDirectly() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> NotifyRequest.builder().smtpPort(0).build())
                .withMessage("the SMTP port must be between 1 and 65535, was 0");
        assertThat(NotifyRequest.builder().smtpPort(25).build().getSmtpPort()).isEqualTo(25);
    }

    private static void assertInvalid(final ThrowingCallable call,
            final String message) {
        assertThatExceptionOfType(LotaBotsException.class).isThrownBy(call).withMessage(message)
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(BotErrorCode.INVALID_OPTION));
    }
}
