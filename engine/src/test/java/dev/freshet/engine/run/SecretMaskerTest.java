package dev.freshet.engine.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {
    @TempDir
    Path home;

    @Test
    void masksValuesOfSecretLookingVariablesAndTheTokenFile() throws Exception {
        Files.writeString(home.resolve("api-token"), "token-from-file\n");
        SecretMasker masker = SecretMasker.ofServer(
                Map.of(
                        "FRESHET_API_TOKEN",
                        "abc-token-1",
                        "FRESHET_DB_PASSWORD",
                        "hunter22",
                        "AWS_SECRET_ACCESS_KEY",
                        "wJalr/K7",
                        "MY_PRIVATE_THING",
                        "private-1",
                        "PATH",
                        "/usr/bin:/bin",
                        "HOME",
                        "/home/freshet"),
                home);

        assertThat(masker.mask("t=abc-token-1 p=hunter22 a=wJalr/K7 f=token-from-file x=private-1 path=/usr/bin:/bin"))
                .isEqualTo("t=*** p=*** a=*** f=*** x=*** path=/usr/bin:/bin");
    }

    @Test
    void shortValuesAreLeftAloneAndTheLongestSecretIsMaskedWhole() {
        SecretMasker masker =
                SecretMasker.ofServer(Map.of("A_KEY", "1234", "B_TOKEN", "secret", "C_TOKEN", "secret-and-more"), home);

        assertThat(masker.mask("1234 secret-and-more secret")).isEqualTo("1234 *** ***");
    }

    @Test
    void valuesUnderSecretNamesInATasksConfigAreMasked() {
        SecretMasker masker = SecretMasker.ofServer(Map.of(), home)
                .withSecretsIn(Map.of(
                        "command", "echo $SERVICE_TOKEN",
                        "env", Map.of("SERVICE_TOKEN", "svc-token-9", "GREETING", "hello world"),
                        "list", List.of(Map.of("password", "in-a-list"))));

        assertThat(masker.mask("svc-token-9 hello world in-a-list echo $SERVICE_TOKEN"))
                .isEqualTo("*** hello world *** echo $SERVICE_TOKEN");
    }

    @Test
    void theServersTokenFileIsLookedAtAtMostOnceASecondAndReadAgainWhenItChanged() throws Exception {
        long[] nanos = {0};
        ServerSecrets secrets = new ServerSecrets(Map.of(), home, () -> nanos[0]);
        Path token = home.resolve("api-token");

        assertThat(secrets.masker().mask("first-token")).isEqualTo("first-token");
        Files.writeString(token, "first-token\n");
        assertThat(secrets.masker().mask("first-token"))
                .as("within a second of the last look, the file is not looked at")
                .isEqualTo("first-token");

        nanos[0] += ServerSecrets.LOOK_EVERY.toNanos();
        assertThat(secrets.masker().mask("first-token")).isEqualTo("***");
        SecretMasker unchanged = secrets.masker();
        nanos[0] += ServerSecrets.LOOK_EVERY.toNanos();
        assertThat(secrets.masker()).as("an unchanged file is not read again").isSameAs(unchanged);

        Files.writeString(token, "second-token-longer\n");
        nanos[0] += ServerSecrets.LOOK_EVERY.toNanos();
        assertThat(secrets.masker().mask("first-token second-token-longer")).isEqualTo("first-token ***");

        Files.delete(token);
        nanos[0] += ServerSecrets.LOOK_EVERY.toNanos();
        assertThat(secrets.masker().mask("second-token-longer")).isEqualTo("second-token-longer");
    }

    @Test
    void aConfigWithoutSecretsKeepsTheMaskerItHad() {
        SecretMasker masker = SecretMasker.ofServer(Map.of("B_TOKEN", "secret"), home);

        assertThat(masker.withSecretsIn(Map.of("command", "echo hi", "env", Map.of("GREETING", "hello"))))
                .isSameAs(masker);
    }
}
