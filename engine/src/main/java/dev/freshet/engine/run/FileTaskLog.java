package dev.freshet.engine.run;

import dev.freshet.engine.task.TaskLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;

/**
 * One try's log: a file {@code <home>/logs/<run>/<task>/<try>.log}, mirrored to the process log at DEBUG and, with a
 * {@link LogShipper}, to the database, from where every node can read it. Known secret values are masked in all of
 * them (see {@link SecretMasker}).
 */
final class FileTaskLog implements TaskLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.freshet.task");

    private final TryKey key;
    private final Clock clock;
    private final BufferedWriter writer;
    private final LogShipper.ShippedLog shipped;
    private volatile SecretMasker masker;

    FileTaskLog(Path file, TryKey key, Clock clock, SecretMasker masker) {
        this(file, key, clock, masker, null);
    }

    /** With a {@code shipper}, every line also goes to the shared store (see {@link LogShipper}). */
    FileTaskLog(Path file, TryKey key, Clock clock, SecretMasker masker, LogShipper shipper) {
        this.key = key;
        this.clock = clock;
        this.masker = masker;
        try {
            Files.createDirectories(file.getParent());
            this.shipped = shipper == null ? null : shipper.open(key, sizeOf(file));
            this.writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open task log " + file, e);
        }
    }

    /** The file's size, 0 when there is none yet: one look at the file system, as each try opens its log. */
    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** From now on, also masks the values under secret-looking names in the try's rendered config. */
    void maskSecretsIn(Map<String, ?> config) {
        masker = masker.withSecretsIn(config);
    }

    static Path fileFor(Path logRoot, TryKey key) {
        return logRoot.resolve(key.runId()).resolve(key.taskId()).resolve(key.tryNumber() + ".log");
    }

    @Override
    public void info(String message, Object... args) {
        write("INFO", message, args);
    }

    @Override
    public void warn(String message, Object... args) {
        write("WARN", message, args);
    }

    @Override
    public void error(String message, Object... args) {
        write("ERROR", message, args);
    }

    private synchronized void write(String level, String message, Object... args) {
        String text = masker.mask(MessageFormatter.arrayFormat(message, args).getMessage());
        LOG.debug("[{}] {} {}", key, level, text);
        try {
            String line = clock.instant() + " " + level + " " + text + "\n";
            writer.write(line);
            writer.flush();
            if (shipped != null) {
                shipped.append(line);
            }
        } catch (IOException e) {
            LOG.warn("cannot write task log of {}: {}", key, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (shipped != null) {
            shipped.close();
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("cannot close task log of {}: {}", key, e.getMessage());
        }
    }
}
