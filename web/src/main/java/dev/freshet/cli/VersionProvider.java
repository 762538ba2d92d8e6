package dev.freshet.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"freshet " + version()};
    }
}
