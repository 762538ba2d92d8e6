package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the batch files a source names: one file; every {@code *.csv} or {@code *.parquet} file directly in a folder; or every file a
 * glob matches, e.g. {@code landing/*.csv} or {@code landing/**}{@code /part-*.csv}. Hidden files are skipped.
 */
public final class BatchFinder {

    private BatchFinder() {}

    /** @param source a path or glob; relative ones resolve against {@code baseDir} */
    public static List<BatchFile> find(Path baseDir, String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidInputException("source: must name a file, a folder or a glob");
        }
        if (isGlob(source)) {
            return glob(baseDir, source);
        }
        Path path = baseDir.resolve(source).normalize();
        if (Files.isRegularFile(path)) {
            return List.of(batch(path));
        }
        if (Files.isDirectory(path)) {
            List<BatchFile> found = list(path, 1, path.getFileSystem().getPathMatcher("glob:*.{csv,parquet}"), path);
            if (found.isEmpty()) {
                throw new InvalidInputException(path + ": the folder has no .csv or .parquet batch files");
            }
            return found;
        }
        throw new InvalidInputException(path + ": no such file or folder");
    }

    private static boolean isGlob(String source) {
        return source.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<BatchFile> glob(Path baseDir, String source) {
        String normalised = source.replace('\\', '/');
        int firstMeta = indexOfMeta(normalised);
        int cut = normalised.lastIndexOf('/', firstMeta);
        Path root = baseDir.resolve(cut < 0 ? "." : normalised.substring(0, Math.max(cut, 1)))
                .normalize();
        String pattern = normalised.substring(cut + 1);
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(source + ": folder " + root + " does not exist");
        }
        int depth = pattern.contains("**")
                ? Integer.MAX_VALUE
                : (int) pattern.chars().filter(c -> c == '/').count() + 1;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<BatchFile> found = list(root, depth, matcher, root);
        if (found.isEmpty()) {
            throw new InvalidInputException(source + ": no file matches (in " + root + ")");
        }
        return found;
    }

    private static int indexOfMeta(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    private static List<BatchFile> list(Path dir, int depth, PathMatcher matcher, Path relativeTo) {
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            List<BatchFile> found = new ArrayList<>();
            paths.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> matcher.matches(relativeTo.relativize(p)))
                    .forEach(p -> found.add(batch(p)));
            return found;
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static BatchFile batch(Path path) {
        try {
            return new BatchFile(
                    path.toAbsolutePath().normalize(),
                    Files.getLastModifiedTime(path).toInstant());
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read its modification time: " + e.getMessage(), e);
        }
    }
}
