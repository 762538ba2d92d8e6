package dev.freshet.cli;

import dev.freshet.web.serving.ScoringRoutes;
import picocli.CommandLine;

/** {@code freshet -V}: the project's version, the same that {@code GET /version} answers. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        return ScoringRoutes.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"freshet " + version()};
    }
}
