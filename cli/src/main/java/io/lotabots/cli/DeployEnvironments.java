package io.lotabots.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.bot.BotContext;
import io.lotabots.bot.BotErrorCode;
import io.lotabots.bot.deploy.DeployBotDescriptor;
import io.lotabots.bot.deploy.DeployRequest;
import io.lotabots.bot.deploy.directory.DirectoryStatus;
import io.lotabots.bot.deploy.directory.DirectoryTarget;
import io.lotabots.error.LotaBotsException;
import io.lotabots.scenario.Scenario;
import io.lotabots.scenario.ScenarioCompiler;
import io.lotabots.scenario.ScenarioStage;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environments of the directory target that {@code lotabots deploy status|stop} and
 * {@code lotabots scenario status|stop} act on: found under a releases folder, named, or read from a scenario's
 * deploy stages; and how their status is printed.
 */
final class DeployEnvironments {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One environment of the directory target.
     *
     * @param releasesDir its releases folder, absolute
     * @param environment its name
     */
    record Place(Path releasesDir, String environment) {
    }

    private DeployEnvironments() {
    }

    /**
     * Returns the named environments under a releases folder, or, when none is named, those deployed there.
     *
     * @param workspace the workspace
     * @param releases the releases folder, relative to the workspace or absolute
     * @param environments the environments named, or empty for all
     * @return the environments
     */
    static List<Place> under(final Path workspace, final String releases, final List<String> environments) {
        Path releasesDir = workspace.resolve(releases).toAbsolutePath().normalize();
        List<String> names = environments.isEmpty() ? DirectoryTarget.environmentsUnder(releasesDir) : environments;
        return names.stream().map(name -> new Place(releasesDir, name)).toList();
    }

    /**
     * Returns the environments a scenario deploys to with the directory target, with the overrides given, so that
     * a moved releases folder is honoured. Rollback stages are left out: they act on an environment deployed by
     * another stage.
     *
     * @param scenario the scenario
     * @param overrides stage or bot id to option to value
     * @param workspace the workspace
     * @return the environments, in the order the scenario deploys them
     */
    static List<Place> of(final Scenario scenario, final Map<String, ? extends Map<String, ?>> overrides,
            final Path workspace) {
        Set<Place> places = new LinkedHashSet<>();
        for (Map.Entry<ScenarioStage.BotStage, DeployRequest> deploy : deploys(scenario, overrides).entrySet()) {
            Path releasesDir = workspace.resolve(deploy.getValue().directory().releases()).toAbsolutePath()
                    .normalize();
            deploy.getValue().environments().forEach(environment -> places.add(new Place(releasesDir, environment)));
        }
        return List.copyOf(places);
    }

    /**
     * Returns the deploy stages of a scenario that deploy with the directory target, with their requests.
     *
     * @param scenario the scenario
     * @param overrides the overrides
     * @return the stages and requests, in order
     */
    static Map<ScenarioStage.BotStage, DeployRequest> deploys(final Scenario scenario,
            final Map<String, ? extends Map<String, ?>> overrides) {
        Map<ScenarioStage.BotStage, DeployRequest> deploys = new LinkedHashMap<>();
        for (ScenarioStage.BotStage stage : scenario.botStages()) {
            if (!DeployBotDescriptor.ID.equals(stage.bot())) {
                continue;
            }
            DeployRequest request;
            try {
                request = DeployBotDescriptor.get().createRequest(ScenarioCompiler.optionsOf(stage, overrides));
            }
            catch (LotaBotsException e) {
                throw LotaBotsException.of(BotErrorCode.INVALID_OPTION, "Stage '" + stage.stage() + "' (id "
                        + stage.id() + "): " + e.getMessage(), e);
            }
            if (!request.rollback() && request.usesDirectoryTarget()) {
                deploys.put(stage, request);
            }
        }
        return deploys;
    }

    /**
     * Prints the status of environments.
     *
     * @param places the environments
     * @param context the workspace and log
     * @param out where to print
     * @param json JSON instead of text
     * @param nothing what to say when there is no environment
     * @return 0 when every environment serves, 1 otherwise
     */
    static int printStatus(final List<Place> places, final BotContext context, final PrintWriter out,
            final boolean json, final String nothing) {
        List<DirectoryStatus> statuses = new ArrayList<>();
        for (Place place : places) {
            statuses.add(DirectoryTarget.existing(place.releasesDir(), place.environment(), context).status());
        }
        boolean allServe = !statuses.isEmpty() && statuses.stream().allMatch(DirectoryStatus::serves);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("serving", allServe);
            document.put("environments", statuses.stream().map(DeployEnvironments::toJson).toList());
            try {
                out.println(JSON.writeValueAsString(document));
            }
            catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the status as JSON", e);
            }
        }
        else if (statuses.isEmpty()) {
            out.println(nothing);
        }
        else {
            statuses.forEach(status -> printText(status, out));
        }
        out.flush();
        return allServe ? ExitCode.SUCCESS : ExitCode.FAILURE;
    }

    private static void printText(final DirectoryStatus status, final PrintWriter out) {
        if (status.getServing().isEmpty()) {
            out.printf("%s: NOT SERVING, nothing is deployed (%s has no serving release)%n", status.environment(),
                    status.environmentDir());
            return;
        }
        DirectoryStatus.Release serving = status.getServing().get();
        java.time.Instant stopped = status.stoppedAt();
        out.printf("%s: %s%n", status.environment(), status.serves() ? "serving"
                : stopped != null ? "NOT SERVING, stopped by lotabots deploy stop at " + stopped
                : "NOT SERVING, its service does not run or does not listen on its port");
        out.printf("  serving   %s%n", describe(serving));
        out.printf("  process   %s%n", process(serving));
        status.getPrevious().ifPresent(previous -> out.printf("  previous  %s; %s%n", describe(previous),
                previous.alive() ? "process " + previous.pid() + " runs (rollback window)" : "not running"));
        String interrupted = status.interrupted();
        if (interrupted != null) {
            out.printf("  unfinished  %s%n", interrupted);
        }
    }

    private static String describe(final DirectoryStatus.Release release) {
        return release.version() + " (release " + release.name() + ", " + release.slot() + " slot, port "
                + release.port() + ") at " + release.url()
                + (release.servedAt() == null ? "" : ", serving since " + release.servedAt());
    }

    private static String process(final DirectoryStatus.Release release) {
        if (release.pid() == null) {
            return "none runs; port " + release.port() + ": " + release.listener();
        }
        if (!release.alive()) {
            return release.pid() + " has ended; port " + release.port() + ": " + release.listener();
        }
        return release.pid() + " runs and " + (release.listening() ? "listens on port " + release.port()
                : "does not listen on port " + release.port() + " (" + release.listener() + ")");
    }

    private static Map<String, Object> toJson(final DirectoryStatus status) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("environment", status.environment());
        values.put("folder", status.environmentDir().toString());
        values.put("serves", status.serves());
        values.put("serving", toJson(status.serving()));
        values.put("previous", toJson(status.previous()));
        java.time.Instant stopped = status.stoppedAt();
        values.put("stopped_at", stopped == null ? null : stopped.toString());
        values.put("unfinished", status.interrupted());
        return values;
    }

    @CheckForNull
    private static Map<String, Object> toJson(@CheckForNull final DirectoryStatus.Release release) {
        if (release == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("version", release.version());
        values.put("release", release.name());
        values.put("slot", release.slot());
        values.put("port", release.port());
        values.put("url", release.url().toString());
        values.put("pid", release.pid());
        values.put("alive", release.alive());
        values.put("listening", release.listening());
        values.put("listener", release.listener());
        java.time.Instant since = release.servedAt();
        values.put("serving_since", since == null ? null : since.toString());
        return values;
    }

    /**
     * Stops the services of environments and says what was stopped.
     *
     * @param places the environments
     * @param context the workspace and log
     * @param out where to print
     * @param nothing what to say when there is no environment
     * @return 0
     */
    static int stop(final List<Place> places, final BotContext context, final PrintWriter out,
            final String nothing) {
        if (places.isEmpty()) {
            out.println(nothing);
        }
        for (Place place : places) {
            if (!Files.isDirectory(place.releasesDir().resolve(place.environment()))) {
                out.printf("%s: nothing is deployed in %s%n", place.environment(), place.releasesDir());
                continue;
            }
            List<String> stopped = DirectoryTarget.existing(place.releasesDir(), place.environment(), context)
                    .stopAll();
            if (stopped.isEmpty()) {
                out.printf("%s: no service was running%n", place.environment());
            }
            stopped.forEach(line -> out.printf("%s: %s%n", place.environment(), line));
        }
        out.flush();
        return ExitCode.SUCCESS;
    }
}
