package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.ArtifactStore;

import java.net.URI;
import java.nio.file.Path;

/** Opens the artifact store {@code FRESHET_ARTIFACT_ROOT} names, with the read cache and staging folder in the home. */
public final class ArtifactStores {
    private ArtifactStores() {}

    public static ArtifactStore open(ArtifactSettings settings, Path home) {
        String root = settings.root();
        Path inHome = home.resolve("artifacts");
        if (root == null || root.equals("file:")) {
            return new FileArtifactStore(inHome);
        }
        if (root.startsWith("s3:")) {
            S3Root s3 = S3Root.parse(root);
            ReadCache cache = new ReadCache(home.resolve("artifact-cache"), settings.cacheBytes());
            return S3ArtifactStore.open(s3, S3ClientFactory.create(s3, settings.environment()), inHome, cache);
        }
        if (root.startsWith("file:")) {
            return new FileArtifactStore(folder(root));
        }
        throw new InvalidInputException(ArtifactSettings.ROOT_VARIABLE + " '" + root
                + "': expected file:/PATH (a folder; shared by a mount across nodes) or s3://BUCKET/PREFIX");
    }

    private static Path folder(String root) {
        try {
            URI uri = URI.create(root);
            if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new IllegalArgumentException("not an absolute path");
            }
            return Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ArtifactSettings.ROOT_VARIABLE + " '" + root
                    + "': expected an absolute folder, file:/PATH (" + e.getMessage() + ")");
        }
    }
}
