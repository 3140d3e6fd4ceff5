package io.lotabots.bot;

import io.lotabots.bus.MessageBus;
import io.lotabots.message.Message;
import io.lotabots.message.NotificationSent;
import io.lotabots.util.EngineLog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BotContextTest {
    @TempDir
    private Path workspace;

    @Test
    void recordsTheStageEachMessageWasPublishedFrom() {
        BotContext context = BotContext.builder(workspace).bus(MessageBus.builder().build()).build();

        Message inStage = context.withStage("Deploy to Production").withLogPrefix("DeployBot")
                .publish("DeployBot", new NotificationSent("console", null, null, null));
        Message outside = context.publish("DeployBot", new NotificationSent("console", null, null, null));

        assertThat(inStage.getExtension(BotContext.STAGE_EXTENSION)).contains("Deploy to Production");
        assertThat(outside.getExtension(BotContext.STAGE_EXTENSION)).isEmpty();
    }

    @Test
    void shouldMaskEveryLineBotsLog() {
        EngineLog log = new EngineLog("Errors:");
        BotContext context = BotContext.builder(workspace).log(log).build();
        context.getMasker().add("hunter2-secret");

        context.getLog().info("using hunter2-secret");
        context.getLog().error("hunter2-secret rejected");

        assertThat(log.getInfoLines()).containsExactly("using ****");
        assertThat(log.getErrorLines()).containsExactly("**** rejected");
    }

    @Test
    void shouldRegisterSecretWithMaskerWhenItIsRead() {
        EngineLog log = new EngineLog("Errors:");
        BotContext context = BotContext.builder(workspace).log(log)
                .environment(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example.com/T000/B000/XXXX"))
                .build();

        assertThat(context.getSecret("SLACK_WEBHOOK_URL")).contains("https://hooks.example.com/T000/B000/XXXX");
        assertThat(context.getSecret("MISSING")).isEmpty();
        context.getLog().info("posting to https://hooks.example.com/T000/B000/XXXX");

        assertThat(log.getInfoLines()).containsExactly("posting to ****");
    }

    @Test
    void shouldMaskASecretVariableEvenIfNoBotEverReadsIt() {
        BotContext context = BotContext.builder(workspace)
                .environment(Map.of("TOKEN", "never-read-token", "BRANCH_NAME", "main-branch")).build();

        assertThat(context.getMasker().mask("build printed never-read-token on main-branch"))
                .isEqualTo("build printed **** on main-branch");
    }

    @Test
    void shouldPublishThroughItsBus() {
        MessageBus bus = MessageBus.builder().build();
        BotContext context = BotContext.builder(workspace).bus(bus).build();

        Message message = context.publish("GreeterBot", new NotificationSent("console", null, null, null));

        assertThat(context.getBus()).isSameAs(bus);
        assertThat(bus.getPublished()).containsExactly(message);
        assertThat(message.getSource()).isEqualTo("GreeterBot");
    }

    @Test
    void shouldUseAbsoluteWorkspaceAndLenientModeByDefault() {
        BotContext context = BotContext.builder(workspace.resolve("sub/../other")).build();

        assertThat(context.getWorkspace()).isAbsolute().isEqualTo(workspace.resolve("other").toAbsolutePath());
        assertThat(context.getMode()).isEqualTo(ProcessingMode.LENIENT);
        assertThat(context.getProcesses()).isNotNull();
        assertThat(context.getBus()).isNotNull();
    }
}
