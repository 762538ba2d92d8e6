package dev.freshet.engine.artifacts;

import dev.freshet.engine.error.InvalidInputException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * An S3 client from the AWS SDK's standard environment: {@code AWS_ENDPOINT_URL} (any S3-compatible store; then
 * path-style addressing, as MinIO and s3proxy need), {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}
 * (else the SDK's default chain: profile, container or instance role), {@code AWS_REGION} (else the SDK's chain).
 * Each problem names the setting to fix.
 */
final class S3ClientFactory {
    static final String ENDPOINT = "AWS_ENDPOINT_URL";
    static final String ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY = "AWS_SECRET_ACCESS_KEY";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    static final String REGION = "AWS_REGION";

    private S3ClientFactory() {}

    static S3Client create(S3Root root, Map<String, String> env) {
        String where = ArtifactSettings.ROOT_VARIABLE + "=" + root + ": ";
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region(env, where))
                .credentialsProvider(credentials(env, where))
                // we check each artifact's sha256 ourselves; S3-compatible stores vary in the newer checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = blankToNull(env.get(ENDPOINT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint(endpoint, where))
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        }
        return builder.build();
    }

    private static URI endpoint(String value, String where) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(value, "expected http://HOST[:PORT] or https://HOST[:PORT]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(where + ENDPOINT + " '" + value + "': " + e.getReason());
        }
    }

    private static Region region(Map<String, String> env, String where) {
        String value = blankToNull(env.get(REGION));
        if (value != null) {
            return Region.of(value);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new InvalidInputException(where + "no AWS region: set " + REGION + " (any value, e.g. us-east-1, "
                    + "for a store that has no regions)");
        }
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env, String where) {
        String id = blankToNull(env.get(ACCESS_KEY));
        String secret = blankToNull(env.get(SECRET_KEY));
        if (id != null && secret != null) {
            String token = blankToNull(env.get(SESSION_TOKEN));
            return StaticCredentialsProvider.create(
                    token == null
                            ? AwsBasicCredentials.create(id, secret)
                            : AwsSessionCredentials.create(id, secret, token));
        }
        if (id != null || secret != null) {
            throw new InvalidInputException(where + (id == null ? ACCESS_KEY : SECRET_KEY) + " is not set, but "
                    + (id == null ? SECRET_KEY : ACCESS_KEY) + " is: set both");
        }
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        try {
            chain.resolveCredentials();
        } catch (SdkClientException e) {
            throw new InvalidInputException(where + "no AWS credentials: set " + ACCESS_KEY + " and " + SECRET_KEY
                    + " (or an AWS profile, or a container or instance role)");
        }
        return chain;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
