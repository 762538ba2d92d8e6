package dev.freshet.tasks.data;

import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Unions batch files that share a header into one CSV file: the first batch as it is, then every later batch
 * without its header line. The bytes of every data line are copied unchanged, so each line of the union maps back
 * to a line of one batch (kept in the {@link DatasetManifest}), and a single batch's union is that file byte for
 * byte.
 *
 * <p>An empty, unreadable or malformed batch, one with a header but no rows, and one whose header differs from the
 * first batch's fail here, naming the file and line. Values are not checked: that is validation's job.
 */
public final class CsvUnion {

    private final CsvTableReader reader = new CsvTableReader();

    public DatasetManifest write(List<BatchFile> batches, Path target) {
        if (batches.isEmpty()) {
            throw new InvalidInputException("no batches to ingest");
        }
        List<BatchSpan> spans = new ArrayList<>();
        List<String> columns = null;
        Path firstFile = null;
        int rows = 0;
        int nextLine = 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            for (BatchFile batch : batches) {
                CsvScan scan = readable(batch.path());
                if (columns == null) {
                    columns = scan.columns();
                    firstFile = batch.path();
                } else {
                    checkHeader(batch.path(), scan.columns(), firstFile, columns);
                }
                boolean first = spans.isEmpty();
                int lines = copy(batch.path(), out, first);
                spans.add(new BatchSpan(batch.path().toString(), Sha256.of(batch.path()), batch.modified().toString(),
                        scan.rowCount(), rows, nextLine, lines));
                rows += scan.rowCount();
                nextLine += lines;
            }
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot write the ingested data: " + e.getMessage(), e);
        }
        return new DatasetManifest(columns, rows, spans);
    }

    private CsvScan readable(Path file) {
        CsvScan scan = reader.scan(file);
        if (!scan.complete() || scan.columns().isEmpty()) {
            CsvIssue issue = scan.firstStructuralIssue();
            String why = issue != null ? issue.describe(file.toString()) : file + ":1: no header row";
            throw new InvalidInputException("cannot ingest " + why);
        }
        if (scan.rowCount() == 0) {
            throw new InvalidInputException("cannot ingest " + file + ":1: it has a header but no data rows");
        }
        return scan;
    }

    private static void checkHeader(Path file, List<String> columns, Path firstFile, List<String> expected) {
        if (columns.equals(expected)) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(columns);
        Set<String> unexpected = new LinkedHashSet<>(columns);
        unexpected.removeAll(expected);
        List<String> differences = new ArrayList<>();
        if (!missing.isEmpty()) {
            differences.add("missing " + quoted(missing));
        }
        if (!unexpected.isEmpty()) {
            differences.add("unexpected " + quoted(unexpected));
        }
        if (differences.isEmpty()) {
            differences.add("the same columns in another order " + columns);
        }
        throw new InvalidInputException(file + ":1: header does not match the first batch's (" + firstFile + "): "
                + String.join("; ", differences));
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * Copies the file (after its first line unless it is the first batch), ending it with a line break; returns
     * how many lines of the union the copied body takes. Line breaks are counted as the CSV parser counts them:
     * CRLF, CR and LF each end one line.
     */
    private static int copy(Path file, OutputStream out, boolean withHeader) throws IOException {
        LineCounter counter = new LineCounter();
        boolean inHeader = !withHeader;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                int from = 0;
                if (inHeader) {
                    int end = counter.skipFirstLine(buffer, read);
                    if (end < 0) {
                        continue;
                    }
                    inHeader = false;
                    from = end;
                }
                counter.count(buffer, from, read);
                out.write(buffer, from, read - from);
            }
        }
        if (counter.endsMidLine()) {
            out.write('\n');
            counter.lineEnded();
        }
        return withHeader ? counter.lines() - 1 : counter.lines();
    }

    /** Counts line breaks across buffer boundaries the way commons-csv does. */
    private static final class LineCounter {
        private int lines;
        private boolean lastWasCr;
        private boolean midLine;
        private boolean headerCr;

        /** Returns the offset after the first line break in the buffer, or -1 if the header goes on. */
        int skipFirstLine(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (headerCr) {
                    return b == '\n' ? i + 1 : i;
                }
                if (b == '\n') {
                    return i + 1;
                }
                if (b == '\r') {
                    headerCr = true;
                }
            }
            return -1;
        }

        void count(byte[] buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (!lastWasCr) {
                        lines++;
                    }
                    lastWasCr = false;
                    midLine = false;
                } else if (b == '\r') {
                    lines++;
                    lastWasCr = true;
                    midLine = false;
                } else {
                    lastWasCr = false;
                    midLine = true;
                }
            }
        }

        boolean endsMidLine() {
            return midLine;
        }

        void lineEnded() {
            lines++;
            midLine = false;
        }

        int lines() {
            return lines;
        }
    }
}
