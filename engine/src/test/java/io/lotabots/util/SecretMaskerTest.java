package io.lotabots.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {
    @Test
    void shouldReplaceEveryOccurrenceOfRegisteredSecret() {
        SecretMasker masker = new SecretMasker().add("hunter2-secret");

        assertThat(masker.mask("user=admin password=hunter2-secret again hunter2-secret"))
                .isEqualTo("user=admin password=**** again ****");
        assertThat(masker.isEmpty()).isFalse();
    }

    @Test
    void shouldLeaveTextWithoutSecretsUnchanged() {
        SecretMasker masker = new SecretMasker().add("hunter2-secret");

        assertThat(masker.mask("nothing to hide here")).isEqualTo("nothing to hide here");
    }

    @Test
    void shouldMaskLongestSecretFirstSoThatNoTailOfItLeaks() {
        SecretMasker masker = new SecretMasker().add("abcd").add("abcdefgh");

        assertThat(masker.mask("token abcdefgh and abcd")).isEqualTo("token **** and ****");
    }

    @Test
    void shouldMaskLongestSecretFirstWhateverOrderTheyWereAddedIn() {
        SecretMasker masker = new SecretMasker().add("abcdefgh").add("abcd");

        assertThat(masker.mask("abcdefgh")).isEqualTo("****");
    }

    @Test
    void shouldMaskUrlEncodedFormOfSecret() {
        String secret = "p@ss w/rd&more";
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        SecretMasker masker = new SecretMasker().add(secret);

        assertThat(encoded).isNotEqualTo(secret);
        assertThat(masker.mask("https://example.com/hook?token=" + encoded))
                .isEqualTo("https://example.com/hook?token=****");
        assertThat(masker.mask("plain " + secret)).isEqualTo("plain ****");
    }

    @Test
    void shouldNotMaskValuesShorterThanFourCharacters() {
        SecretMasker masker = new SecretMasker().add("abc").add("");

        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask("abc is an ordinary word")).isEqualTo("abc is an ordinary word");
    }

    @Test
    void shouldMaskValueOfExactlyFourCharacters() {
        SecretMasker masker = new SecretMasker().add("abcd");

        assertThat(masker.mask("xabcdx")).isEqualTo("x****x");
    }

    @Test
    void shouldRegisterSameSecretOnlyOnce() {
        SecretMasker masker = new SecretMasker().add("hunter2-secret").add("hunter2-secret");

        assertThat(masker.mask("hunter2-secret")).isEqualTo("****");
    }

    @Test
    @Timeout(30)
    void shouldStaySafeWhenSecretsAreAddedWhileMasking() throws InterruptedException {
        SecretMasker masker = new SecretMasker();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean adding = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(1);
        Thread maskingThread = new Thread(() -> {
            started.countDown();
            while (adding.get()) {
                try {
                    String masked = masker.mask("secret-0001 secret-0500 secret-0999 plain");
                    assertThat(masked).endsWith(" plain");
                }
                catch (Throwable e) {
                    failures.add(e);
                    return;
                }
            }
        });
        maskingThread.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] adders = new Thread[4];
        for (int t = 0; t < adders.length; t++) {
            int offset = t;
            adders[t] = new Thread(() -> {
                for (int i = offset; i < 1000; i += adders.length) {
                    masker.add(String.format("secret-%04d", i));
                }
            });
            adders[t].start();
        }
        for (Thread adder : adders) {
            adder.join();
        }
        adding.set(false);
        maskingThread.join();

        assertThat(failures).isEmpty();
        assertThat(masker.mask("secret-0001 secret-0500 secret-0999 plain")).isEqualTo("**** **** **** plain");
    }

    @Test
    void shouldMaskTheBase64FormsOfASecret() {
        String secret = "hunter2-secret?";
        SecretMasker masker = new SecretMasker().add(secret);
        String standard = java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String urlSafe = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret.getBytes(StandardCharsets.UTF_8));

        assertThat(masker.mask("Authorization: Bearer " + standard + " and " + urlSafe))
                .isEqualTo("Authorization: Bearer **** and ****");
    }

    @Test
    void shouldKnowSecretVariablesByTheirNames() {
        assertThat(List.of("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "SLACK_WEBHOOK_URL", "GITHUB_TOKEN",
                "DB_PASSWORD", "PAGERDUTY_ROUTING_KEY", "SECRET_KEY_BASE", "NPM_API_KEY", "LOTABOTS_KUBECONFIG",
                "TWILIO_AUTH_TOKEN", "SENTRY_DSN", "GPG_PASSPHRASE", "client_secret"))
                .allMatch(SecretMasker::isSecretName);
        assertThat(List.of("PATH", "HOME", "BRANCH_NAME", "KUBECONFIG", "SMTP_HOST", "JAVA_HOME", "MAVEN_OPTS",
                "TOKENIZERS_PARALLELISM", "BUILD_URL", "SSH_AUTH_SOCK", "KEYBOARD"))
                .noneMatch(SecretMasker::isSecretName);
    }

    @Test
    void shouldMaskTheSecretsOfAnEnvironmentBeforeAnyoneReadsThem() {
        SecretMasker masker = new SecretMasker().addSecretsOf(java.util.Map.of(
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX",
                "BRANCH_NAME", "main-branch"));

        assertThat(masker.mask("echo wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz https://hooks.slack.com/services/T000/B000/XXXX"
                + " on main-branch")).isEqualTo("echo **** **** on main-branch");
    }
}
