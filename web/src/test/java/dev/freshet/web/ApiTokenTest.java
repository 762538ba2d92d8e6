package dev.freshet.web;

import dev.freshet.engine.error.FreshetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenTest {
    @TempDir
    Path home;

    @Test
    void generatesAPrivateTokenOnceAndReadsItAfterwards() throws IOException {
        ApiToken created = ApiToken.loadOrCreate(home, null);

        assertThat(created.generated()).isTrue();
        assertThat(created.value()).matches("[A-Za-z0-9_-]{43}");
        Path file = home.resolve("api-token");
        assertThat(Files.readString(file).strip()).isEqualTo(created.value());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        ApiToken again = ApiToken.loadOrCreate(home, null);
        assertThat(again.generated()).isFalse();
        assertThat(again.value()).isEqualTo(created.value());
        assertThat(again.toString()).doesNotContain(created.value());
    }

    @Test
    void theEnvironmentVariableWins() {
        ApiToken token = ApiToken.loadOrCreate(home, "  from-env ");

        assertThat(token.value()).isEqualTo("from-env");
        assertThat(token.generated()).isFalse();
        assertThat(token.source()).isEqualTo("FRESHET_API_TOKEN");
        assertThat(home.resolve("api-token")).doesNotExist();
    }

    @Test
    void anEmptyTokenFileIsAnError() throws IOException {
        Files.writeString(home.resolve("api-token"), "\n");

        assertThatThrownBy(() -> ApiToken.loadOrCreate(home, null))
                .isInstanceOf(FreshetException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void createsTheHomeFolderWhenNeeded() {
        ApiToken token = ApiToken.loadOrCreate(home.resolve("new/home"), "");
        assertThat(token.generated()).isTrue();
        assertThat(home.resolve("new/home/api-token")).exists();
    }
}
