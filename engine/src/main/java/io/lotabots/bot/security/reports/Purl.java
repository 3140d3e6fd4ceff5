package io.lotabots.bot.security.reports;

import io.lotabots.bot.security.findings.PackageRef;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Turns a package URL ({@code pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1}) into a {@link PackageRef} with
 * the ecosystem and name as OSV writes them, so that the same package has the same name and fingerprint whichever
 * scanner found it.
 */
final class Purl {
    private static final Map<String, String> ECOSYSTEMS = Map.ofEntries(
            Map.entry("maven", "Maven"), Map.entry("npm", "npm"), Map.entry("pypi", "PyPI"),
            Map.entry("golang", "Go"), Map.entry("cargo", "crates.io"), Map.entry("gem", "RubyGems"),
            Map.entry("nuget", "NuGet"), Map.entry("composer", "Packagist"), Map.entry("hex", "Hex"),
            Map.entry("pub", "Pub"), Map.entry("swift", "SwiftURL"), Map.entry("cocoapods", "CocoaPods"));

    private Purl() {
    }

    /**
     * Parses a package URL.
     *
     * @param purl the package URL
     * @param fallbackVersion the version to use when the URL has none
     * @return the package, or empty if the text is no package URL
     */
    static Optional<PackageRef> parse(@CheckForNull final String purl, @CheckForNull final String fallbackVersion) {
        if (purl == null || !purl.startsWith("pkg:")) {
            return Optional.empty();
        }
        String rest = purl.substring(4);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        String version = fallbackVersion;
        int at = rest.lastIndexOf('@');
        if (at > 0) {
            version = decode(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || version == null || version.isBlank()) {
            return Optional.empty();
        }
        String type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
        String path = rest.substring(slash + 1);
        int last = path.lastIndexOf('/');
        String namespace = last >= 0 ? decode(path.substring(0, last)) : "";
        String name = decode(path.substring(last + 1));
        if (name.isBlank()) {
            return Optional.empty();
        }
        String ecosystem = ECOSYSTEMS.get(type);
        String fullName;
        if ("maven".equals(type)) {
            fullName = namespace.isEmpty() ? name : namespace + ":" + name;
        }
        else if (ecosystem == null) {
            // OS packages (apk, deb, rpm): the namespace is the distribution, the name is the package
            ecosystem = namespace.isEmpty() ? type : namespace.toLowerCase(Locale.ROOT);
            fullName = name;
        }
        else {
            fullName = namespace.isEmpty() ? name : namespace + "/" + name;
        }
        return Optional.of(new PackageRef(ecosystem, fullName, version));
    }

    private static String decode(final String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Returns the OSV ecosystem of a scanner's package type ({@code pom}, {@code npm}, {@code java-archive},
     * {@code apk}, ...), or the type itself when it has none.
     *
     * @param type the type as the scanner names it
     * @return the ecosystem
     */
    static String ecosystemOfType(final String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "pom", "jar", "gradle", "java-archive", "sbt" -> "Maven";
            case "npm", "yarn", "pnpm", "node-pkg", "bun" -> "npm";
            case "pip", "pipenv", "poetry", "python-pkg", "python", "uv" -> "PyPI";
            case "gomod", "gobinary", "go-module" -> "Go";
            case "cargo", "rust-binary", "rust-crate" -> "crates.io";
            case "bundler", "gemspec", "gem" -> "RubyGems";
            case "nuget", "dotnet-core", "dotnet-deps", "dotnet" -> "NuGet";
            case "composer", "php-composer" -> "Packagist";
            default -> type;
        };
    }
}
