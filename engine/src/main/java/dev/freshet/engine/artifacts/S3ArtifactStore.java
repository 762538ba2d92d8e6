package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ArtifactStore;
import dev.freshet.engine.tracking.Sha256;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Artifacts in an S3 bucket (AWS or any S3-compatible store): tasks write into the home's {@code artifacts/}, each
 * logged file is uploaded to {@code s3://bucket/prefix/run/task/name} and kept in the read cache, and a node that
 * lacks a file downloads it into its cache, checked against the sha256 recorded with it.
 */
final class S3ArtifactStore implements ArtifactStore {
    private final S3Root root;
    private final S3Client s3;
    private final Path staging;
    private final ReadCache cache;

    S3ArtifactStore(S3Root root, S3Client s3, Path staging, ReadCache cache) {
        this.root = root;
        this.s3 = s3;
        this.staging = staging.toAbsolutePath().normalize();
        this.cache = cache;
    }

    /** Opens the bucket, failing now (naming the setting) when it cannot be reached or does not exist. */
    static S3ArtifactStore open(S3Root root, S3Client s3, Path staging, ReadCache cache) {
        String where = ArtifactSettings.ROOT_VARIABLE + "=" + root + ": ";
        try {
            s3.headBucket(b -> b.bucket(root.bucket()));
        } catch (NoSuchBucketException e) {
            s3.close();
            throw new InvalidInputException(where + "bucket '" + root.bucket() + "' does not exist");
        } catch (S3Exception e) {
            s3.close();
            throw new InvalidInputException(where
                    + (e.statusCode() == 403 || e.statusCode() == 401
                            ? "access to bucket '" + root.bucket() + "' denied; check " + S3ClientFactory.ACCESS_KEY
                                    + " and " + S3ClientFactory.SECRET_KEY
                            : (e.statusCode() == 404
                                    ? "bucket '" + root.bucket() + "' does not exist"
                                    : "bucket '" + root.bucket() + "': " + e.getMessage())));
        } catch (SdkClientException e) {
            s3.close();
            throw new InvalidInputException(where + "cannot reach the S3 store (check " + S3ClientFactory.ENDPOINT
                    + " and " + S3ClientFactory.REGION + "): " + e.getMessage());
        }
        return new S3ArtifactStore(root, s3, staging, cache);
    }

    @Override
    public String root() {
        return root.toString();
    }

    @Override
    public Path stagingRoot() {
        return staging;
    }

    @Override
    public String put(String key, Path file, String sha256) {
        String objectKey = root.objectKey(key);
        try {
            s3.putObject(b -> b.bucket(root.bucket()).key(objectKey), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new FreshetException(
                    "cannot upload artifact " + file + " to " + root.location(objectKey) + ": " + e.getMessage(), e);
        }
        cache.adopt(sha256, file);
        return root.location(objectKey);
    }

    @Override
    public Path localCopy(String location, String sha256) {
        if (!location.startsWith(S3Root.SCHEME)) {
            // a row written before this node's root was S3, or by a node on a shared folder
            return new FileArtifactStore(staging).localCopy(location, sha256);
        }
        S3Root object = S3Root.object(location);
        String name = object.prefix().substring(object.prefix().lastIndexOf('/') + 1);
        var cached = cache.get(sha256, name);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path download = cache.newTempFile();
        try {
            s3.getObject(b -> b.bucket(object.bucket()).key(object.prefix()), download);
        } catch (NoSuchKeyException e) {
            deleteQuietly(download);
            throw new NotFoundException("artifact " + location + " is not in the bucket");
        } catch (SdkException e) {
            deleteQuietly(download);
            throw new FreshetException("cannot download artifact " + location + ": " + e.getMessage(), e);
        }
        String actual = Sha256.of(download);
        if (!actual.equals(sha256)) {
            deleteQuietly(download);
            throw new FreshetException("artifact " + location + " has sha256 " + actual + ", recorded " + sha256);
        }
        return cache.add(sha256, name, download);
    }

    @Override
    public void close() {
        s3.close();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file; the cache never counts them
        }
    }
}
