package dev.freshet.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The server's {@link SecretMasker} for every try's log: the environment's secrets and the API token file's, the file
 * looked at (modification time and size) at most once per {@link #LOOK_EVERY} and read again only when it changed.
 */
final class ServerSecrets {
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final List<String> environment;
    private final Path home;
    private final Path tokenFile;
    private final LongSupplier nanoTime;
    private volatile Seen seen;

    /** What the last look found: when (System.nanoTime), the file's stamp, and the masker made from it. */
    private record Seen(long at, Stamp stamp, SecretMasker masker) {}

    /** A token file as a look sees it; {@code null} fields when there is none. */
    private record Stamp(FileTime modified, long size, Object fileKey) {}

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
            Stamp stamp = stamp();
            SecretMasker masker = last != null && Objects.equals(stamp, last.stamp())
                    ? last.masker()
                    : SecretMasker.ofServer(environment, home);
            seen = new Seen(now, stamp, masker);
            return masker;
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(tokenFile, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return new Stamp(null, -1, null);
        } catch (IOException e) {
            return new Stamp(null, -2, null); // not readable here means not readable by a task either
        }
    }
}
