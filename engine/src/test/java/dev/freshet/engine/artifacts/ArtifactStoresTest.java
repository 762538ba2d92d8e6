package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.ArtifactStore;
import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** FRESHET_ARTIFACT_ROOT and the AWS settings: what each root opens, and a clear refusal naming the setting. */
class ArtifactStoresTest {
    @TempDir
    static Path home;

    @BeforeAll
    static void noInstanceMetadataLookups() {
        // the SDK's default chains would otherwise ask an EC2 metadata endpoint this machine does not have
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @Test
    void theDefaultIsTheHomesArtifactsFolderAsBefore() throws IOException {
        try (ArtifactStore store = ArtifactStores.open(ArtifactSettings.inHome(), home)) {
            assertThat(store.stagingRoot()).isEqualTo(home.resolve("artifacts"));
            Path file = write(store.stagingRoot().resolve("run-1/train/model.json"), "{}");
            String location = store.put("run-1/train/model.json", file, Sha256.of(file));
            assertThat(location).isEqualTo(file.toUri().toString());
            assertThat(store.localCopy(location, Sha256.of(file))).isEqualTo(file);
        }
        try (ArtifactStore store = ArtifactStores.open(ArtifactSettings.inHome().withRoot("file:"), home)) {
            assertThat(store.stagingRoot()).isEqualTo(home.resolve("artifacts"));
        }
    }

    @Test
    void aFileRootIsASharedFolderThatTasksWriteStraightInto() throws IOException {
        Path shared = home.resolve("shared-mount");
        try (ArtifactStore store = ArtifactStores.open(settings(shared.toUri().toString()), home)) {
            assertThat(store.stagingRoot()).isEqualTo(shared);
            Path file = write(shared.resolve("run-1/ingest/data.parquet"), "rows");
            assertThat(store.put("run-1/ingest/data.parquet", file, Sha256.of(file)))
                    .isEqualTo(file.toUri().toString());
        }
    }

    @Test
    void aFileStoreReadsOnlyInsideItsFolderAndNamesTheSettingForS3Locations() throws IOException {
        try (ArtifactStore store = ArtifactStores.open(ArtifactSettings.inHome(), home)) {
            Path outside = write(home.resolve("elsewhere.txt"), "secret");
            assertThatThrownBy(() -> store.localCopy(outside.toString(), Sha256.of(outside)))
                    .isInstanceOf(FreshetException.class)
                    .hasMessageContaining("outside the artifact folder");
            assertThatThrownBy(() -> store.localCopy("s3://bucket/run/model.json", "0".repeat(64)))
                    .hasMessageContaining("is in S3")
                    .hasMessageContaining("FRESHET_ARTIFACT_ROOT");
        }
    }

    @Test
    void badRootsAreRefusedNamingTheSetting() {
        assertRefused("http://example.com/artifacts", "FRESHET_ARTIFACT_ROOT 'http://example.com/artifacts'");
        assertRefused("file:relative/folder", "expected an absolute folder, file:/PATH");
        assertRefused("s3://", "is not a bucket name");
        assertRefused("s3://Upper_Case/prefix", "'Upper_Case' is not a bucket name");
        assertRefused("s3:bucket", "expected s3://BUCKET or s3://BUCKET/PREFIX");
    }

    @Test
    void aHalfKeyPairNamesTheMissingHalf() {
        Map<String, String> env = aws("http://127.0.0.1:9");
        env.remove("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> ArtifactStores.open(new ArtifactSettings("s3://bucket/p", env), home))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("FRESHET_ARTIFACT_ROOT=s3://bucket/p: AWS_SECRET_ACCESS_KEY is not set, but "
                        + "AWS_ACCESS_KEY_ID is: set both");
    }

    @Test
    void noCredentialsAnywhereNamesTheKeys() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "this machine has AWS credentials in its environment");
        assumeTrue(!Files.exists(Path.of(System.getProperty("user.home"), ".aws")), "this machine has an AWS profile");
        Map<String, String> env = aws("http://127.0.0.1:9");
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> ArtifactStores.open(new ArtifactSettings("s3://bucket", env), home))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("FRESHET_ARTIFACT_ROOT=s3://bucket: no AWS credentials: set AWS_ACCESS_KEY_ID "
                        + "and AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void aBadOrUnreachableEndpointNamesAwsEndpointUrl() throws IOException {
        assertThatThrownBy(() -> ArtifactStores.open(new ArtifactSettings("s3://bucket", aws("localhost:9000")), home))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL 'localhost:9000'");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> ArtifactStores.open(
                        new ArtifactSettings("s3://bucket", aws("http://127.0.0.1:" + closedPort)), home))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FRESHET_ARTIFACT_ROOT=s3://bucket: cannot reach the S3 store (check "
                        + "AWS_ENDPOINT_URL and AWS_REGION)");
    }

    @Test
    void theSettingsNeverPrintTheSecretKey() {
        assertThat(new ArtifactSettings("s3://bucket", aws("http://127.0.0.1:9")).toString())
                .isEqualTo("FRESHET_ARTIFACT_ROOT=s3://bucket")
                .doesNotContain("secret");
    }

    @Test
    void aBadCacheBoundNamesItsSetting() {
        Map<String, String> env = aws("http://127.0.0.1:9");
        env.put("FRESHET_ARTIFACT_CACHE_MB", "lots");
        assertThatThrownBy(() -> ArtifactStores.open(new ArtifactSettings("s3://bucket", env), home))
                .hasMessageContaining("FRESHET_ARTIFACT_CACHE_MB 'lots'");
    }

    @Test
    void theS3ClientShipsWithTheJdksHttpClientOnly() {
        // S3ClientFactory names UrlConnectionHttpClient; the SDK's other HTTP clients would be dead weight in lib/
        assertThat(loadable("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
                .isTrue();
        assertThat(loadable("software.amazon.awssdk.http.apache5.Apache5HttpClient"))
                .isFalse();
        assertThat(loadable("software.amazon.awssdk.http.apache.ApacheHttpClient"))
                .isFalse();
        assertThat(loadable("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"))
                .isFalse();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, ArtifactStoresTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    private static void assertRefused(String root, String message) {
        assertThatThrownBy(() -> ArtifactStores.open(settings(root), home))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    private static ArtifactSettings settings(String root) {
        return new ArtifactSettings(root, Map.of());
    }

    private static Map<String, String> aws(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_ACCESS_KEY_ID", "id");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
