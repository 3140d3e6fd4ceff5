package io.lotabots.acceptance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JenkinsConditionTest {
    @Test
    void shouldSkipWithTheReasonWhenJenkinsUrlIsMissingOrBlank() {
        for (Map<String, String> environment : new Map[] {Map.of(), Map.of("JENKINS_URL", "  ")}) {
            ConditionEvaluationResult result = new JenkinsCondition(environment::get).evaluate();

            assertThat(result.isDisabled()).isTrue();
            assertThat(result.getReason()).hasValue("JENKINS_URL is not set: the acceptance tests need a Jenkins "
                    + "with the LotaBots plugin installed");
        }
    }

    @Test
    void shouldRunWhenJenkinsUrlIsSet() {
        ConditionEvaluationResult result = new JenkinsCondition(
                Map.of("JENKINS_URL", "http://localhost:8080/")::get).evaluate();

        assertThat(result.isDisabled()).isFalse();
        assertThat(result.getReason().orElseThrow()).contains("http://localhost:8080/");
    }

    @Test
    void shouldBeAppliedToEveryAcceptanceTestClass() {
        for (Class<?> type : new Class<?>[] {PluginInstalledATest.class, BuildBotATest.class, TestBotATest.class,
                SecurityBotATest.class, DeployBotATest.class, MonitorBotATest.class, NotificationBotATest.class,
                BotMessagesATest.class, BotMessageTriggerATest.class, RecordersATest.class,
                ExampleJenkinsfilesATest.class}) {
            assertThat(type.isAnnotationPresent(RequiresJenkins.class)).as(type.getSimpleName()).isTrue();
        }
    }
}
