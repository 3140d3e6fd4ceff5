package io.lotabots.bot.deploy.directory;

import java.net.URI;
import java.nio.file.Path;

/**
 * The release that serves an environment.
 *
 * @param version the version
 * @param releaseDir the release's folder, the target of the {@code current} link
 * @param slot {@code blue} or {@code green}
 * @param port the port it serves on
 * @param url its base URL, {@code http://127.0.0.1:<port>/}
 */
public record DirectoryState(String version, Path releaseDir, String slot, int port, URI url) {
}
