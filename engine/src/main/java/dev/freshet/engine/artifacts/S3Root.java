package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.InvalidInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code s3://bucket/prefix} root, and the {@code s3://bucket/key} locations of the objects under it. */
record S3Root(String bucket, String prefix) {
    static final String SCHEME = "s3://";
    private static final Pattern URI = Pattern.compile("s3://([^/]*)(?:/(.*))?");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Parses the setting, naming it in every complaint. */
    static S3Root parse(String root) {
        Matcher m = URI.matcher(root);
        if (!m.matches()) {
            throw new InvalidInputException(
                    ArtifactSettings.ROOT_VARIABLE + " '" + root + "': expected s3://BUCKET or s3://BUCKET/PREFIX");
        }
        String bucket = m.group(1);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new InvalidInputException(ArtifactSettings.ROOT_VARIABLE + " '" + root + "': '" + bucket
                    + "' is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("^/+|/+$", "");
        return new S3Root(bucket, prefix);
    }

    /** The object key of an artifact key under this root's prefix. */
    String objectKey(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    String location(String objectKey) {
        return SCHEME + bucket + "/" + objectKey;
    }

    /** The bucket and key of a location this store (or another node's, on any bucket) wrote. */
    static S3Root object(String location) {
        Matcher m = URI.matcher(location);
        if (!m.matches()
                || m.group(1).isEmpty()
                || m.group(2) == null
                || m.group(2).isEmpty()) {
            throw new InvalidInputException("artifact location '" + location + "': expected s3://BUCKET/KEY");
        }
        return new S3Root(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? SCHEME + bucket : SCHEME + bucket + "/" + prefix;
    }
}
