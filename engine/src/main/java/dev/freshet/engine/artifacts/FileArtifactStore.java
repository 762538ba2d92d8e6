package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ArtifactStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Artifacts in a folder: the home's {@code artifacts/} for one node, or a mount every node shares. Tasks write
 * straight into it, so storing a file is only recording where it is.
 */
public final class FileArtifactStore implements ArtifactStore {
    private final Path root;

    public FileArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String root() {
        return root.toUri().toString();
    }

    @Override
    public Path stagingRoot() {
        return root;
    }

    @Override
    public String put(String key, Path file, String sha256) {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root)) {
            throw new FreshetException("artifact key '" + key + "' leaves the artifact folder " + root);
        }
        if (!target.equals(file.toAbsolutePath().normalize())) {
            try {
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new FreshetException(
                        "cannot store artifact " + file + " as " + target + ": " + e.getMessage(), e);
            }
        }
        return target.toUri().toString();
    }

    @Override
    public Path localCopy(String location, String sha256) {
        if (location.startsWith(S3Root.SCHEME)) {
            throw new FreshetException("artifact " + location + " is in S3, but FRESHET_ARTIFACT_ROOT is " + root()
                    + ": set FRESHET_ARTIFACT_ROOT to the s3:// root the artifacts were written to");
        }
        Path file = localPath(location).toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            throw new FreshetException("artifact file " + file + " is outside the artifact folder " + root
                    + " (FRESHET_ARTIFACT_ROOT); not read");
        }
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("artifact file " + file + " does not exist on this node (FRESHET_ARTIFACT_ROOT "
                    + root() + "; a folder every node sees, or s3://, shares artifacts between nodes)");
        }
        return file;
    }

    /** A {@code file:} URI, or a plain path as rows written before artifacts had URIs hold. */
    static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }
}
