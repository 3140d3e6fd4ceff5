package io.jenkins.plugins.lotabots.library;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import hudson.AbortException;
import hudson.FilePath;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The pipeline library as the plugin bundles it: the {@code lotabots-pipeline-library} jar in the plugin's
 * {@code WEB-INF/lib}, which holds {@code vars/}, {@code src/} and {@code resources/} at its root (or, in a build of
 * the source tree, that module's output folder). Copies those three folders into a library checkout, refusing any
 * entry whose name would leave the target (absolute, {@code ..}, backslashes, drive letters) and bounding the number
 * and size of the files.
 */
final class BundledLibrary {
    /** A file every version of the library has: the index of its scenarios. Locates the library's root. */
    static final String MARKER = "resources/io/lotabots/scenarios/index.txt";
    /** The folders of a shared library. */
    static final List<String> FOLDERS = List.of("vars/", "src/", "resources/");
    static final int MAX_FILES = 2_000;
    static final long MAX_BYTES = 32L << 20;

    private final URL marker;

    BundledLibrary(final URL marker) {
        this.marker = marker;
    }

    /**
     * Finds the library on the class path of the given class loader.
     *
     * @param loader the plugin's class loader
     * @return the library
     * @throws AbortException if the plugin does not contain it
     */
    static BundledLibrary locate(final ClassLoader loader) throws AbortException {
        URL url = loader.getResource(MARKER);
        if (url == null) {
            throw new AbortException(Messages.BundledLibrary_Missing(MARKER));
        }
        return new BundledLibrary(url);
    }

    /**
     * Copies {@code vars/}, {@code src/} and {@code resources/} into a folder.
     *
     * @param target the library checkout folder
     * @return the number of files copied
     * @throws IOException if the library cannot be read or has a hostile or oversized entry
     * @throws InterruptedException if interrupted
     */
    int copyTo(final FilePath target) throws IOException, InterruptedException {
        try {
            if ("jar".equals(marker.getProtocol())) {
                URL jar = ((JarURLConnection) marker.openConnection()).getJarFileURL();
                return copyJar(new File(jar.toURI()), target);
            }
            if ("file".equals(marker.getProtocol())) {
                Path root = Path.of(marker.toURI());
                for (int i = 0; i < MARKER.split("/").length && root != null; i++) {
                    root = root.getParent();
                }
                if (root != null) {
                    return copyFolder(root, target);
                }
            }
        }
        catch (URISyntaxException e) {
            throw new IOException(Messages.BundledLibrary_Unreadable(marker), e);
        }
        throw new IOException(Messages.BundledLibrary_Unreadable(marker));
    }

    static int copyJar(final File jar, final FilePath target) throws IOException, InterruptedException {
        Budget budget = new Budget();
        try (ZipFile zip = new ZipFile(jar)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !inLibrary(entry.getName())) {
                    continue;
                }
                String name = safeName(entry.getName());
                if (name == null) {
                    throw new IOException(Messages.BundledLibrary_HostileEntry(entry.getName(), jar.getName()));
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    write(in, target.child(name), budget, entry.getName());
                }
            }
        }
        return budget.files;
    }

    static int copyFolder(final Path root, final FilePath target) throws IOException, InterruptedException {
        Budget budget = new Budget();
        for (String folder : FOLDERS) {
            Path start = root.resolve(folder);
            if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
            }
            for (Path file : files) {
                String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
                String name = safeName(relative);
                if (name == null) {
                    throw new IOException(Messages.BundledLibrary_HostileEntry(relative, root));
                }
                try (InputStream in = Files.newInputStream(file)) {
                    write(in, target.child(name), budget, relative);
                }
            }
        }
        return budget.files;
    }

    private static boolean inLibrary(final String name) {
        return FOLDERS.stream().anyMatch(name::startsWith);
    }

    /**
     * Returns an entry name if it is a safe relative path inside one of the library's folders.
     *
     * @param name the entry name, with '/' separators
     * @return the name, or {@code null} if it is absolute, climbs with {@code ..}, has empty or {@code .} segments,
     *         backslashes, a drive letter or control characters, or lies outside {@code vars/}, {@code src/} and
     *         {@code resources/}
     */
    @CheckForNull
    static String safeName(final String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0
                || !inLibrary(name) || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment)) {
                return null;
            }
        }
        return name;
    }

    private static void write(final InputStream in, final FilePath file, final Budget budget, final String name)
            throws IOException, InterruptedException {
        budget.files++;
        if (budget.files > MAX_FILES) {
            throw new IOException(Messages.BundledLibrary_TooManyFiles(String.valueOf(MAX_FILES)));
        }
        FilePath parent = file.getParent();
        if (parent != null) {
            parent.mkdirs();
        }
        byte[] buffer = new byte[8192];
        try (OutputStream out = file.write()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                budget.bytes += read;
                if (budget.bytes > MAX_BYTES) {
                    throw new IOException(Messages.BundledLibrary_TooLarge(name, String.valueOf(MAX_BYTES)));
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Counts what was copied. */
    private static final class Budget {
        private int files;
        private long bytes;
    }
}
