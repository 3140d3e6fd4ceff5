package io.lotabots.bot.deploy.directory;

import io.lotabots.bot.BotContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the ports of every directory deployment of a run before any work starts: the two slots of an environment
 * differ, two environments share no port, and each port is free or held by a service of its own environment (which
 * the deployment stops or keeps itself). Reads only; the deployment checks again when it starts a service.
 */
public final class DirectoryPorts {
    private DirectoryPorts() {
    }

    /** The option of the blue slot's port. */
    public static final String BLUE_PORT = "bluePort";
    /** The option of the green slot's port. */
    public static final String GREEN_PORT = "greenPort";

    /**
     * The ports one deployment will use.
     *
     * @param owner who deploys, for the messages and the option that moves the port, e.g. a stage id
     * @param releasesDir the releases folder; a relative path is taken from the workspace
     * @param environment the environment
     * @param bluePort the port of the blue slot
     * @param greenPort the port of the green slot
     */
    public record Use(String owner, Path releasesDir, String environment, int bluePort, int greenPort) {
        /**
         * Checks the fields.
         */
        public Use {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(releasesDir, "releasesDir");
            Objects.requireNonNull(environment, "environment");
        }

        private Map<String, Integer> ports() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put(BLUE_PORT, bluePort);
            ports.put(GREEN_PORT, greenPort);
            return ports;
        }

        private boolean sameEnvironment(final Use other) {
            return environment.equals(other.environment) && releasesDir.equals(other.releasesDir);
        }
    }

    /**
     * A port that cannot be used.
     *
     * @param use the deployment
     * @param option the option that sets it, {@value #BLUE_PORT} or {@value #GREEN_PORT}
     * @param port the port
     * @param problem why it cannot be used, e.g. {@code it is in use by process 4242 (/usr/bin/python3)}
     * @param suggestion a port that is free now and planned for nothing else
     */
    public record Conflict(Use use, String option, int port, String problem, int suggestion) {
    }

    /**
     * Checks the ports of the deployments of a run.
     *
     * @param uses the deployments, in the order they run
     * @param context the workspace
     * @return the ports that cannot be used, empty when all can
     */
    public static List<Conflict> check(final List<Use> uses, final BotContext context) {
        Set<Integer> planned = new HashSet<>();
        uses.forEach(use -> planned.addAll(use.ports().values()));
        List<Conflict> conflicts = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        for (int i = 0; i < uses.size(); i++) {
            Use use = uses.get(i);
            if (use.bluePort() == use.greenPort()) {
                conflicts.add(conflict(use, GREEN_PORT, use.greenPort(), "it is also the blue slot's port of "
                        + use.environment() + "; blue-green needs two ports", planned));
                continue;
            }
            boolean clash = false;
            for (int j = 0; j < i && !clash; j++) {
                Use earlier = uses.get(j);
                if (earlier.sameEnvironment(use)) {
                    continue;
                }
                for (Map.Entry<String, Integer> port : use.ports().entrySet()) {
                    Optional<String> taken = earlier.ports().entrySet().stream()
                            .filter(e -> e.getValue().equals(port.getValue())).map(Map.Entry::getKey).findFirst();
                    if (taken.isPresent()) {
                        conflicts.add(conflict(use, port.getKey(), port.getValue(), "it is also the " + taken.get()
                                + " of " + earlier.environment() + " (" + earlier.owner() + "); two environments"
                                + " cannot serve on one port", planned));
                        clash = true;
                    }
                }
            }
            if (clash) {
                continue;
            }
            DirectoryTarget target = DirectoryTarget.existing(use.releasesDir(), use.environment(), context);
            for (Map.Entry<String, Integer> port : use.ports().entrySet()) {
                if (!checked.add(use.releasesDir() + "\0" + use.environment() + "\0" + port.getValue())) {
                    continue;
                }
                target.foreignHolder(port.getValue()).ifPresent(holder -> conflicts.add(conflict(use, port.getKey(),
                        port.getValue(), "it is in use by " + holder + ", which is not a service of "
                                + use.environment(), planned)));
            }
        }
        return conflicts;
    }

    private static Conflict conflict(final Use use, final String option, final int port, final String problem,
            final Set<Integer> planned) {
        int suggestion = port;
        do {
            suggestion = suggestion >= 65_535 ? 1024 : suggestion + 1;
        }
        while ((planned.contains(suggestion) || !ServiceProcesses.isPortFree(suggestion)) && suggestion != port);
        planned.add(suggestion);
        return new Conflict(use, option, port, problem, suggestion);
    }
}
