package dev.freshet.tasks;

import dev.freshet.engine.artifacts.ArtifactSettings;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A real S3-compatible server in the test JVM: s3proxy in front of jclouds' in-memory blob store, on a free port, with
 * one bucket and a key pair. {@link #settings} gives the environment a node would have ({@code AWS_ENDPOINT_URL} and
 * the rest).
 */
final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    static final String ACCESS_KEY = "freshet-test";
    static final String SECRET_KEY = "freshet-test-secret";

    private final String bucket;
    private BlobStoreContext context;
    private S3Proxy proxy;

    S3ProxyExtension(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext) throws Exception {
        context = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> AbstractLifeCycle.STARTED.equals(proxy.getState()));
    }

    @Override
    public void afterAll(ExtensionContext extensionContext) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (context != null) {
            context.close();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A node's artifact settings for {@code root}, with this server's endpoint and keys. */
    ArtifactSettings settings(String root) {
        return new ArtifactSettings(
                root,
                Map.of(
                        "AWS_ENDPOINT_URL",
                        endpoint(),
                        "AWS_ACCESS_KEY_ID",
                        ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY",
                        SECRET_KEY,
                        "AWS_REGION",
                        "us-east-1"));
    }

    /** The bucket's objects: key to size in bytes. */
    Map<String, Long> objects() {
        BlobStore store = context.getBlobStore();
        return store.list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive()).stream()
                .filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB)
                .collect(Collectors.toMap(StorageMetadata::getName, m -> m.getSize() == null ? -1L : m.getSize()));
    }
}
