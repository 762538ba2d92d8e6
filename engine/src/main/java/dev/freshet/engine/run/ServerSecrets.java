package dev.freshet.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The server's {@link SecretMasker} for every try's log: the environment's secrets and the API token file's, the file
 * read at most once per {@link #LOOK_EVERY} and the masker made again only when its content changed. Its content, not
 * its modification time, is compared: a token rewritten in place at the same length within one timestamp tick is
 * still seen. A token written less than {@link #LOOK_EVERY} ago is masked only in tries that start after the next look.
 */
final class ServerSecrets {
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final List<String> environment;
    private final Path home;
    private final Path tokenFile;
    private final LongSupplier nanoTime;
    private volatile Seen seen;

    /** What the last look found: when (System.nanoTime), the file's content, and the masker made from it. */
    private record Seen(long at, String content, SecretMasker masker) {}

    ServerSecrets(Path home) {
        this(SecretMasker.environmentSecrets(), home, System::nanoTime);
    }

    /** With the environment's secrets and the monotonic time given. */
    ServerSecrets(Map<String, String> environment, Path home, LongSupplier nanoTime) {
        this(SecretMasker.secretValues(environment), home, nanoTime);
    }

    private ServerSecrets(List<String> environment, Path home, LongSupplier nanoTime) {
        this.environment = List.copyOf(environment);
        this.home = home;
        this.tokenFile = home.resolve("api-token");
        this.nanoTime = nanoTime;
    }

    /** The masker of the environment and of the token file as it was at the last look. */
    SecretMasker masker() {
        long now = nanoTime.getAsLong();
        Seen last = seen;
        if (last != null && now - last.at() < LOOK_EVERY.toNanos()) {
            return last.masker();
        }
        synchronized (this) {
            last = seen;
            if (last != null && now - last.at() < LOOK_EVERY.toNanos()) {
                return last.masker();
            }
            String content = content();
            SecretMasker masker = last != null && Objects.equals(content, last.content())
                    ? last.masker()
                    : SecretMasker.ofServer(environment, home);
            seen = new Seen(now, content, masker);
            return masker;
        }
    }

    /** The token file's content; {@code null} when there is none or it cannot be read (nor can a task read it). */
    private String content() {
        try {
            return Files.readString(tokenFile);
        } catch (IOException e) {
            return null;
        }
    }
}
