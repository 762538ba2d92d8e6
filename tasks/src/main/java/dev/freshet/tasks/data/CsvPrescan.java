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
 * One pass over a CSV batch's bytes, beside the parallel parse: its sha256, its lines (counted as the CSV parser
 * counts them: CRLF, CR and LF each end one), and whether it is <em>regular</em> — ASCII data lines without quotes,
 * blank lines, lone CRs or a mix of CRLF and LF, each with as many commas as the header. In a regular batch data row {@code r} is on line
 * {@code r + 2}, so the snapshot's rows map back to file and line without storing a line per row, and a row's
 * holdout side is hashed here from its text, as {@link HoldoutSplit} has always hashed it.
 *
 * @param lines    lines of the file, the header's included
 * @param dataRows data lines (when regular)
 * @param regular  whether the fast path may parse the file; otherwise the lenient reader does, and says what is wrong
 * @param plain    (when regular) whether every data field is a plain number: not empty, no byte above {@code '9'} (so
 *                 no {@code nan}, {@code inf} or exponent) and at most {@value #PLAIN_FIELD_BYTES} bytes, so that
 *                 a parse as double cannot give a missing or non-finite value
 */
record CsvPrescan(String sha256, int lines, int dataRows, boolean regular, boolean plain, long bytes) {

    /** Fewer digits than the 309 of the largest double: such a field cannot overflow to infinity. */
    static final int PLAIN_FIELD_BYTES = 300;

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
                bytes += read;
                int end = carried + read;
                int consumed = scanner.lines(buffer, end, false);
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
        return new CsvPrescan(
                HexFormat.of().formatHex(sha.digest()), lines, scanner.dataRows, scanner.regular, scanner.plain, bytes);
    }

    /**
     * The byte pass. While the file is regular, each complete line is read once, byte by byte, for everything at
     * once: its end, its commas, its bytes' kinds and its holdout hash (the FNV-1a of {@link HoldoutSplit}, fields
     * stripped of spaces and tabs, computed inline instead of in a second loop over the line). Once it is not, only
     * line breaks are counted (CR, LF and CRLF each end one line).
     */
    private static final class Scanner {
        final HoldoutSplit split;
        final HoldoutMask.Builder mask;
        final long hashStart;
        int lineBreaks;
        boolean lastWasCr;
        boolean midLine;
        boolean regular = true;
        boolean header = true;
        int commas = -1;
        int dataRows;
        boolean plain = true;
        boolean sawCrLf;
        boolean sawLf;

        Scanner(HoldoutSplit split, HoldoutMask.Builder mask) {
            this.split = split;
            this.mask = mask;
            this.hashStart = split == null ? 0 : split.hashStart();
        }

        /**
         * Handles the complete lines of {@code buffer[0, end)} (and, when {@code last}, the unterminated rest);
         * returns where the incomplete rest starts (everything is consumed once the file is irregular).
         */
        int lines(byte[] buffer, int end, boolean last) {
            int start = 0;
            while (start < end) {
                if (!regular) {
                    countLines(buffer, start, end);
                    return end;
                }
                int next = header ? headerLine(buffer, start, end, last) : dataLine(buffer, start, end, last);
                if (next < 0) {
                    if (start == 0 && end == buffer.length) {
                        regular = false; // a line longer than the buffer: leave it to the lenient reader
                        countLines(buffer, 0, end);
                        return end;
                    }
                    return start;
                }
                start = next;
            }
            return start;
        }

        /** Counts line breaks the way the CSV parser does; used once the file is known to be irregular. */
        private void countLines(byte[] buffer, int from, int to) {
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

        /**
         * A data line from {@code from}: returns the index after its line feed, or -1 when it is incomplete (no line
         * feed before {@code end} and more to come). An irregular line is counted by {@link #countLines} instead.
         */
        private int dataLine(byte[] buffer, int from, int end, boolean last) {
            long hash = hashStart;
            int lineCommas = 0;
            boolean blank = true;
            boolean bad = false;
            boolean content = false; // the field has had a byte other than a space or tab
            boolean odd = false; // a field that is empty, long, or has a byte above '9'
            int fieldStart = from;
            int spaces = -1; // where spaces or tabs after the field's content started, or -1
            int i = from;
            int to = end;
            for (; i < end; i++) {
                byte b = buffer[i];
                if (b > ',' && b <= 0x7e) { // digits, '-', '.', letters: the usual byte
                    if (spaces >= 0) {
                        for (int k = spaces; k < i; k++) {
                            hash = (hash ^ buffer[k]) * PRIME;
                        }
                        spaces = -1;
                    }
                    hash = (hash ^ b) * PRIME;
                    content = true;
                    blank = false;
                    odd |= b > '9';
                } else if (b == ',') {
                    hash = (hash ^ 0x1f) * PRIME;
                    lineCommas++;
                    blank = false;
                    odd |= !content || i - fieldStart > PLAIN_FIELD_BYTES;
                    fieldStart = i + 1;
                    content = false;
                    spaces = -1;
                } else if (b == '\n') {
                    to = i;
                    break;
                } else if (b == ' ' || b == '\t') {
                    if (content && spaces < 0) {
                        spaces = i;
                    }
                } else if (b == '\r' && (i + 1 < end ? buffer[i + 1] == '\n' : !last)) {
                    // CRLF (or a CR whose line feed is in the next read): the line ends here
                } else if (b >= 0x20 && b < ',' && b != '"') { // other printable ASCII
                    if (spaces >= 0) {
                        for (int k = spaces; k < i; k++) {
                            hash = (hash ^ buffer[k]) * PRIME;
                        }
                        spaces = -1;
                    }
                    hash = (hash ^ b) * PRIME;
                    content = true;
                    blank = false;
                    odd |= b != '+';
                } else { // a quote, a lone CR, a control character or a byte outside ASCII
                    bad = true;
                }
            }
            if (i == end && !last) {
                return -1;
            }
            if (to > from && buffer[to - 1] == '\r') {
                sawCrLf = true;
            } else {
                sawLf = true;
            }
            if (bad || blank || lineCommas != commas || sawCrLf && sawLf) {
                regular = false;
                countLines(buffer, from, i < end ? i + 1 : end);
                return i < end ? i + 1 : end;
            }
            hash = (hash ^ 0x1f) * PRIME;
            plain &= !odd && content && to - fieldStart <= PLAIN_FIELD_BYTES;
            if (i < end) {
                lineBreaks++;
            } else {
                midLine = true;
            }
            dataRows++;
            if (split != null) {
                mask.add(split.isHoldoutHash(hash));
            }
            return i < end ? i + 1 : end;
        }

        /** The header line: its commas; any bytes but quotes and lone CRs. Returns as {@link #dataLine} does. */
        private int headerLine(byte[] buffer, int from, int end, boolean last) {
            int i = from;
            while (i < end && buffer[i] != '\n') {
                i++;
            }
            if (i == end && !last) {
                return -1;
            }
            header = false;
            int to = i;
            if (to > from && buffer[to - 1] == '\r') {
                to--;
                sawCrLf = true;
            } else {
                sawLf = true;
            }
            int lineCommas = 0;
            for (int k = from; k < to; k++) {
                byte b = buffer[k];
                if (b == ',') {
                    lineCommas++;
                } else if (b == '"' || b == '\r') {
                    regular = false;
                }
            }
            commas = lineCommas;
            int next = i < end ? i + 1 : end;
            if (!regular) {
                countLines(buffer, from, next);
            } else if (i < end) {
                lineBreaks++;
            } else {
                midLine = true;
            }
            return next;
        }
    }

    private static final long PRIME = HoldoutSplit.PRIME;
}
