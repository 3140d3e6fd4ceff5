package io.lotabots.bot.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.lotabots.error.LotaBotsException;
import io.lotabots.util.SecureXml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The modules of a Maven reactor and the dependencies between them, read from the {@code pom.xml} files (modules
 * listed in {@code <modules>}, recursively, and in profiles). Enough to answer which modules a change affects: the
 * modules that contain a changed file and every module that depends on one of them, directly or not.
 */
final class MavenReactor {
    private static final int MAX_MODULES = 5_000;

    private final Map<Path, Module> modulesByDir;

    private MavenReactor(final Map<Path, Module> modulesByDir) {
        this.modulesByDir = modulesByDir;
    }

    /**
     * One module: its folder relative to the workspace, its {@code groupId:artifactId} and the reactor modules it
     * depends on.
     */
    record Module(Path dir, String key, Set<String> dependencies) {
    }

    /**
     * Reads the reactor whose root {@code pom.xml} is in the workspace.
     *
     * @param workspace the workspace
     * @return the reactor, or {@code null} if the workspace has no {@code pom.xml}
     */
    @CheckForNull
    static MavenReactor read(final Path workspace) {
        Path root = workspace.resolve("pom.xml");
        if (!Files.isRegularFile(root)) {
            return null;
        }
        Map<Path, Module> modules = new LinkedHashMap<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(Path.of(""));
        while (!pending.isEmpty()) {
            Path dir = pending.removeFirst();
            if (modules.containsKey(dir)) {
                continue;
            }
            if (modules.size() >= MAX_MODULES) {
                throw LotaBotsException.of(TestErrorCode.REPORT_UNREADABLE,
                        "The Maven reactor in '" + workspace + "' has more than " + MAX_MODULES + " modules.");
            }
            Path pom = workspace.resolve(dir).resolve("pom.xml").normalize();
            if (!pom.startsWith(workspace) || !Files.isRegularFile(pom)) {
                continue;
            }
            Pom parsed = Pom.read(pom, workspace.relativize(pom));
            modules.put(dir, new Module(dir, parsed.key(), parsed.dependencies()));
            for (String module : parsed.modules()) {
                pending.add(dir.resolve(module).normalize());
            }
        }
        return new MavenReactor(modules);
    }

    /**
     * Returns the modules a set of changed files affects.
     *
     * @param changedFiles the changed files, relative to the workspace
     * @return the folders of the affected modules; every module if a file outside all modules but the root
     *         changed (the root {@code pom.xml}, for example)
     */
    Set<Path> affectedModules(final Set<Path> changedFiles) {
        Set<String> changedKeys = new LinkedHashSet<>();
        for (Path file : changedFiles) {
            Module owner = owner(file);
            if (owner == null) {
                continue;
            }
            if (owner.dir().toString().isEmpty() && modulesByDir.size() > 1 && !isInsideChild(file)) {
                return modulesByDir.keySet();
            }
            changedKeys.add(owner.key());
        }
        Set<String> affected = new LinkedHashSet<>(changedKeys);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Module module : modulesByDir.values()) {
                if (!affected.contains(module.key())
                        && module.dependencies().stream().anyMatch(affected::contains)) {
                    affected.add(module.key());
                    grew = true;
                }
            }
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (Module module : modulesByDir.values()) {
            if (affected.contains(module.key())) {
                dirs.add(module.dir());
            }
        }
        return dirs;
    }

    private boolean isInsideChild(final Path file) {
        return modulesByDir.keySet().stream().anyMatch(dir -> !dir.toString().isEmpty() && file.startsWith(dir));
    }

    /**
     * Returns the module whose folder holds the file: the deepest one.
     */
    @CheckForNull
    Module owner(final Path file) {
        Module best = null;
        for (Module module : modulesByDir.values()) {
            if ((module.dir().toString().isEmpty() || file.startsWith(module.dir()))
                    && (best == null || module.dir().getNameCount() > best.dir().getNameCount()
                    || best.dir().toString().isEmpty())) {
                best = module;
            }
        }
        return best;
    }

    List<Module> getModules() {
        return new ArrayList<>(modulesByDir.values());
    }

    /**
     * What one {@code pom.xml} says about the reactor.
     */
    private record Pom(String key, List<String> modules, Set<String> dependencies) {
        static Pom read(final Path pom, final Path shown) {
            String groupId = null;
            String parentGroupId = null;
            String artifactId = null;
            List<String> modules = new ArrayList<>();
            Set<String> dependencies = new LinkedHashSet<>();
            Deque<String> elements = new ArrayDeque<>();
            String dependencyGroup = null;
            String dependencyArtifact = null;
            try (InputStream in = Files.newInputStream(pom)) {
                XMLStreamReader reader = SecureXml.newReader(in);
                try {
                    while (reader.hasNext()) {
                        int event = reader.next();
                        if (event == XMLStreamConstants.START_ELEMENT) {
                            elements.push(reader.getLocalName());
                            String path = path(elements);
                            if (path.endsWith("dependencies/dependency")) {
                                dependencyGroup = null;
                                dependencyArtifact = null;
                            }
                            String text = switch (path) {
                                case "project/groupId", "project/parent/groupId", "project/artifactId",
                                        "project/modules/module", "project/profiles/profile/modules/module" ->
                                        reader.getElementText().trim();
                                default -> null;
                            };
                            if (text == null && path.matches("project(/profiles/profile)?/dependencies/dependency/"
                                    + "(groupId|artifactId)")) {
                                text = reader.getElementText().trim();
                                if (path.endsWith("groupId")) {
                                    dependencyGroup = text;
                                }
                                else {
                                    dependencyArtifact = text;
                                }
                            }
                            if (text != null) {
                                elements.pop();
                            }
                            switch (path) {
                                case "project/groupId" -> groupId = text;
                                case "project/parent/groupId" -> parentGroupId = text;
                                case "project/artifactId" -> artifactId = text;
                                case "project/modules/module", "project/profiles/profile/modules/module" ->
                                        modules.add(text);
                                default -> {
                                }
                            }
                        }
                        else if (event == XMLStreamConstants.END_ELEMENT) {
                            if (path(elements).endsWith("dependencies/dependency") && dependencyArtifact != null) {
                                dependencies.add((dependencyGroup == null ? "" : dependencyGroup) + ":"
                                        + dependencyArtifact);
                            }
                            elements.pop();
                        }
                    }
                }
                finally {
                    reader.close();
                }
            }
            catch (XMLStreamException e) {
                throw LotaBotsException.of(TestErrorCode.REPORT_UNREADABLE, "Cannot read Maven project '" + shown
                        + "' to find the affected modules: " + e.getMessage() + ". Is it a valid pom.xml?", e);
            }
            catch (IOException e) {
                throw LotaBotsException.of(TestErrorCode.REPORT_UNREADABLE, "Cannot read Maven project '" + shown
                        + "': " + e.getMessage(), e);
            }
            String group = groupId != null ? groupId : parentGroupId == null ? "" : parentGroupId;
            return new Pom(group + ":" + (artifactId == null ? shown.toString() : artifactId), modules,
                    dependencies);
        }

        private static String path(final Deque<String> elements) {
            List<String> names = new ArrayList<>(elements);
            java.util.Collections.reverse(names);
            return String.join("/", names);
        }
    }
}
