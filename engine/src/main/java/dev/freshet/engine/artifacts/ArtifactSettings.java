package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Map;

/**
 * Where artifacts go: {@code FRESHET_ARTIFACT_ROOT} (null: {@code artifacts/} in the home) and the environment the
 * S3 client reads ({@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_REGION}), and the read cache's bound ({@code FRESHET_ARTIFACT_CACHE_MB}).
 */
public record ArtifactSettings(String root, Map<String, String> environment) {
    public static final String ROOT_VARIABLE = "FRESHET_ARTIFACT_ROOT";
    public static final String CACHE_VARIABLE = "FRESHET_ARTIFACT_CACHE_MB";
    static final long DEFAULT_CACHE_MB = 2048;

    public ArtifactSettings {
        root = root == null || root.isBlank() ? null : root.strip();
        environment = Map.copyOf(environment);
    }

    /** Today's layout: a folder in the home, nothing read from the environment. */
    public static ArtifactSettings inHome() {
        return new ArtifactSettings(null, Map.of());
    }

    /** The settings the environment gives (the command line's). */
    public static ArtifactSettings fromEnvironment(Map<String, String> environment) {
        return new ArtifactSettings(environment.get(ROOT_VARIABLE), environment);
    }

    /** The same environment with another root. */
    public ArtifactSettings withRoot(String newRoot) {
        return new ArtifactSettings(newRoot, environment);
    }

    long cacheBytes() {
        String value = environment.get(CACHE_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_CACHE_MB * 1024 * 1024;
        }
        try {
            long mb = Long.parseLong(value.strip());
            if (mb < 1) {
                throw new NumberFormatException();
            }
            return mb * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    CACHE_VARIABLE + " '" + value + "': expected a whole number of megabytes, at least 1");
        }
    }

    /** Never the environment: it holds the secret key. */
    @Override
    public String toString() {
        return ROOT_VARIABLE + "=" + (root == null ? "(the home's artifacts folder)" : root);
    }
}
