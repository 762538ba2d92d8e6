package dev.freshet.web;

import dev.freshet.engine.error.FreshetException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token that REST mutations need.
 *
 * @param value     the token
 * @param generated true when this call created it (the CLI prints a new token once; it is never logged)
 * @param source    where it came from: the environment variable's name or the file's path
 */
public record ApiToken(String value, boolean generated, String source) {
    public static final String ENV_VAR = "FRESHET_API_TOKEN";
    public static final String FILE_NAME = "api-token";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiToken {
        if (value == null || value.isBlank()) {
            throw new FreshetException("the API token must not be blank");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[from " + source + "]";
    }

    /** {@code FRESHET_API_TOKEN} if set, else {@code <home>/api-token}, else a new token written there (mode 0600). */
    public static ApiToken loadOrCreate(Path home) {
        return loadOrCreate(home, System.getenv(ENV_VAR));
    }

    /** As {@link #loadOrCreate(Path)} with the environment variable's value passed in (null: unset). */
    public static ApiToken loadOrCreate(Path home, String envValue) {
        if (envValue != null && !envValue.isBlank()) {
            return new ApiToken(envValue.strip(), false, ENV_VAR);
        }
        Path file = home.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new ApiToken(read(file), false, file.toString());
        }
        String token = newToken();
        try {
            Files.createDirectories(home);
            create(file);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
            return new ApiToken(read(file), false, file.toString());
        } catch (IOException e) {
            throw new FreshetException(file + ": cannot create the API token file: " + e.getMessage(), e);
        }
        try {
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new FreshetException(file + ": cannot write the API token: " + e.getMessage(), e);
        }
        return new ApiToken(token, true, file.toString());
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // The file is created with its final permissions, so the token is never readable by others, even briefly.
    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static String read(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new FreshetException(file + ": the API token file is empty; delete it to have a new token "
                        + "generated, or set " + ENV_VAR);
            }
            return token;
        } catch (IOException e) {
            throw new FreshetException(file + ": cannot read the API token: " + e.getMessage(), e);
        }
    }
}
