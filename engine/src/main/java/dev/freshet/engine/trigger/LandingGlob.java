package dev.freshet.engine.trigger;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files a trigger's glob matches now: relative to the workflow file's folder (or absolute), e.g.
 * {@code landing/*.csv} or {@code landing/**}{@code /part-*.csv}. Hidden files and whatever lies in a
 * {@code quarantine} folder under the glob's fixed part are left out, so quarantined files never come back.
 */
final class LandingGlob {
    static final String QUARANTINE = "quarantine";

    private final String glob;
    private final Path root;
    private final String rootText;
    private final PathMatcher matcher;
    private final int depth;

    LandingGlob(Path baseDir, String glob) {
        this.glob = glob;
        String normalised = glob.replace('\\', '/');
        int firstMeta = indexOfMeta(normalised);
        if (firstMeta < 0) {
            // A plain path: the file itself.
            int cut = normalised.lastIndexOf('/');
            this.rootText = cut < 0 ? "" : normalised.substring(0, Math.max(cut, 1));
            this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + escape(normalised.substring(cut + 1)));
            this.depth = 1;
        } else {
            int cut = normalised.lastIndexOf('/', firstMeta);
            this.rootText = cut < 0 ? "" : normalised.substring(0, Math.max(cut, 1));
            String pattern = normalised.substring(cut + 1);
            this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            this.depth = pattern.contains("**")
                    ? Integer.MAX_VALUE
                    : (int) pattern.chars().filter(c -> c == '/').count() + 1;
        }
        this.root = baseDir.resolve(rootText.isEmpty() ? "." : rootText).normalize();
    }

    String glob() {
        return glob;
    }

    /** The matching files, by path; none when the glob's folder does not exist (yet). */
    List<LandedFile> list() throws IOException {
        List<LandedFile> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals(QUARANTINE));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                Path relative = root.relativize(file);
                if (attributes.isRegularFile()
                        && !file.getFileName().toString().startsWith(".")
                        && matcher.matches(relative)) {
                    found.add(new LandedFile(
                            matchedPath(relative),
                            file,
                            attributes.size(),
                            attributes.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Gone between listing and reading, or unreadable: looked at again at the next poll.
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(LandedFile::path));
        return found;
    }

    private String matchedPath(Path relative) {
        String tail = relative.toString().replace('\\', '/');
        if (rootText.isEmpty()) {
            return tail;
        }
        return rootText.endsWith("/") ? rootText + tail : rootText + "/" + tail;
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

    private static String escape(String name) {
        StringBuilder escaped = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("\\*?[]{}".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
