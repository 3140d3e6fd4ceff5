package io.lotabots.cli;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.deploy.DeployBotDescriptor;
import io.lotabots.bot.deploy.DeployRequest;
import io.lotabots.bot.deploy.directory.DirectoryErrorCode;
import io.lotabots.bot.deploy.directory.DirectoryPorts;
import io.lotabots.error.LotaBotsException;
import io.lotabots.scenario.Scenario;
import io.lotabots.scenario.ScenarioStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the directory target's ports of a run before any work starts (before the build of a scenario, before
 * {@code lotabots deploy} touches anything), and says in the user's words which option moves a port that cannot be
 * used: {@code --set deployStaging.bluePort=8183} for a scenario, {@code --blue-port=8183} for a deployment.
 */
final class PortPreflight {
    private PortPreflight() {
    }

    /**
     * Checks the ports of a scenario's deploy stages, with the overrides given.
     *
     * @param scenario the scenario
     * @param overrides the overrides
     * @param workspace the workspace
     * @throws LotaBotsException with {@link DirectoryErrorCode#PORT_IN_USE} naming every port that cannot be used
     */
    static void check(final Scenario scenario, final Map<String, ? extends Map<String, ?>> overrides,
            final Path workspace) {
        List<DirectoryPorts.Use> uses = new ArrayList<>();
        Map<String, String> stageNames = new HashMap<>();
        for (Map.Entry<ScenarioStage.BotStage, DeployRequest> deploy
                : DeployEnvironments.deploys(scenario, overrides).entrySet()) {
            stageNames.put(deploy.getKey().id(), deploy.getKey().stage());
            uses.addAll(uses(deploy.getKey().id(), deploy.getValue()));
        }
        report(uses, workspace, use -> "stage " + stageNames.get(use.owner()),
                conflict -> "--set " + conflict.use().owner() + "." + conflict.option() + "=" + conflict.suggestion());
    }

    /**
     * Checks the ports of one {@code lotabots deploy}.
     *
     * @param values the options given, by option name
     * @param workspace the workspace
     * @throws LotaBotsException with {@link DirectoryErrorCode#PORT_IN_USE} naming every port that cannot be used
     */
    static void check(final Map<String, Object> values, final Path workspace) {
        DeployRequest request;
        try {
            request = DeployBotDescriptor.get().createRequest(values);
        }
        catch (LotaBotsException e) {
            return;  // the bot reports bad options itself, in the same words
        }
        if (request.rollback() || !request.usesDirectoryTarget()) {
            return;
        }
        report(uses("deploy", request), workspace, use -> "lotabots deploy", conflict ->
                (DirectoryPorts.BLUE_PORT.equals(conflict.option()) ? DeployBotDescriptor.BLUE_PORT
                : DeployBotDescriptor.GREEN_PORT).getCommandLineName() + "=" + conflict.suggestion());
    }

    private static List<DirectoryPorts.Use> uses(final String owner, final DeployRequest request) {
        Path releases = Path.of(request.directory().releases());
        return request.environments().stream().map(environment -> new DirectoryPorts.Use(owner, releases,
                environment, request.directory().bluePort(), request.directory().greenPort())).toList();
    }

    private static void report(final List<DirectoryPorts.Use> uses, final Path workspace,
            final Function<DirectoryPorts.Use, String> who, final Function<DirectoryPorts.Conflict, String> move) {
        List<DirectoryPorts.Conflict> conflicts = DirectoryPorts.check(uses, BotContext.builder(workspace).build());
        if (conflicts.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("The ports of this run cannot be used; nothing was started:");
        for (DirectoryPorts.Conflict conflict : conflicts) {
            message.append("\n  Port ").append(conflict.port()).append(" (").append(conflict.option()).append(" of ")
                    .append(conflict.use().environment()).append(", ").append(who.apply(conflict.use()))
                    .append("): ").append(conflict.problem())
                    .append(conflict.problem().startsWith("it is in use") ? ". Stop that program or move the port: "
                            : ". Move the port: ").append(move.apply(conflict));
        }
        throw LotaBotsException.of(DirectoryErrorCode.PORT_IN_USE, message.toString());
    }
}
