package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One pass over a CSV batch's bytes, before the parallel parse: its sha256, its lines (counted as the CSV parser
 * counts them: CRLF, CR and LF each end one), and whether it is <em>regular</em> — ASCII data lines without quotes,
 * blank lines, lone CRs or a mix of CRLF and LF, each with as many commas as the header. In a regular batch data row {@code r} is on line
 * {@code r + 2}, so the snapshot's rows map back to file and line without storing a line per row, and a row's
 * holdout side is hashed here from its text, as {@link HoldoutSplit} has always hashed it.
 *
 * @param lines    lines of the file, the header's included
 * @param dataRows data lines (when regular)
 * @param regular  whether the fast path may parse the file; otherwise the lenient reader does, and says what is wrong
 */
record CsvPrescan(String sha256, int lines, int dataRows, boolean regular, long bytes) {

    private static final int BUFFER = 1 << 20;

    /** Scans the file; appends each data row's side to {@code mask} when {@code split} is set and it is regular. */
    static CsvPrescan of(
            Path file,
            HoldoutSplit split,
            HoldoutMask.Builder mask,
            Progress progress,
            long bytesBefore,
            long rowsBefore) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Scanner scanner = new Scanner(split, mask);
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int carried = 0;
            int read;
            while ((read = in.read(buffer, carried, buffer.length - carried)) > 0) {
                sha.update(buffer, carried, read);
                scanner.countLines(buffer, carried, carried + read);
                bytes += read;
                int end = carried + read;
                int consumed = scanner.lines(buffer, end, false);
                if (consumed == 0 && end == buffer.length) {
                    scanner.regular = false; // a line longer than the buffer: leave it to the lenient reader
                    consumed = end;
                }
                System.arraycopy(buffer, consumed, buffer, 0, end - consumed);
                carried = end - consumed;
                progress.at(rowsBefore + scanner.dataRows, bytesBefore + bytes);
            }
            scanner.lines(buffer, carried, true);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot ingest " + file + ": file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot ingest " + file + ": cannot read file: " + e, e);
        }
        int lines = scanner.lineBreaks + (scanner.midLine ? 1 : 0);
        return new CsvPrescan(HexFormat.of().formatHex(sha.digest()), lines, scanner.dataRows, scanner.regular, bytes);
    }

    private static final class Scanner {
        final HoldoutSplit split;
        final HoldoutMask.Builder mask;
        int lineBreaks;
        boolean lastWasCr;
        boolean midLine;
        boolean regular = true;
        boolean header = true;
        int commas = -1;
        int dataRows;
        boolean sawCrLf;
        boolean sawLf;

        Scanner(HoldoutSplit split, HoldoutMask.Builder mask) {
            this.split = split;
            this.mask = mask;
        }

        void countLines(byte[] buffer, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (!lastWasCr) {
                        lineBreaks++;
                    }
                    lastWasCr = false;
                    midLine = false;
                } else if (b == '\r') {
                    lineBreaks++;
                    lastWasCr = true;
                    midLine = false;
                } else {
                    lastWasCr = false;
                    midLine = true;
                }
            }
        }

        /** Handles the complete lines in {@code buffer[0, end)}; returns where the incomplete rest starts. */
        int lines(byte[] buffer, int end, boolean last) {
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (buffer[i] == '\n') {
                    line(buffer, start, i);
                    start = i + 1;
                }
            }
            if (last && start < end) {
                line(buffer, start, end);
                start = end;
            }
            return start;
        }

        private void line(byte[] buffer, int from, int to) {
            if (to > from && buffer[to - 1] == '\r') {
                to--;
                sawCrLf = true;
            } else {
                sawLf = true;
            }
            if (sawCrLf && sawLf) {
                regular = false; // DuckDB's reader takes one kind of line break per file
            }
            int lineCommas = 0;
            boolean blank = true;
            for (int i = from; i < to; i++) {
                byte b = buffer[i];
                if (b == ',') {
                    lineCommas++;
                    blank = false;
                } else if (b == '"' || b == '\r') {
                    regular = false;
                } else if (b != ' ' && b != '\t') {
                    blank = false;
                    if (!header && (b < 0x20 || b > 0x7e)) {
                        regular = false;
                    }
                }
            }
            if (header) {
                header = false;
                commas = lineCommas;
                return;
            }
            if (blank || lineCommas != commas) {
                regular = false;
            }
            if (!regular) {
                return;
            }
            dataRows++;
            if (split != null) {
                mask.add(split.isHoldoutLine(buffer, from, to));
            }
        }
    }
}
