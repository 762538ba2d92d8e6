package dev.freshet.tasks.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte pass against references: commons-csv's records and the split's own hash of them, sha256, line counts. */
class CsvPrescanTest {

    private static final HoldoutSplit SPLIT = new HoldoutSplit(0.2, 7);

    @TempDir
    Path dir;

    @Test
    void aRegularFileGetsEachRowsSideAsTheSplitHashesItsParsedRecord() throws Exception {
        for (String newline : List.of("\n", "\r\n")) {
            // more than the 1 MiB read buffer with either newline, so rows straddle reads; spaces and tabs around and
            // inside fields
            int rows = 40_000;
            String text = regular(new SplittableRandom(newline.length()), rows, newline);
            assertThat(text.length()).as("bigger than one read").isGreaterThan(1 << 20);

            Scanned scanned = scan(text);

            List<Boolean> expected = new ArrayList<>();
            List<CSVRecord> records = CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreSurroundingSpaces(true)
                    .get()
                    .parse(new StringReader(text))
                    .getRecords();
            for (CSVRecord record : records.subList(1, records.size())) {
                expected.add(SPLIT.isHoldout(record));
            }
            assertThat(scanned.prescan.regular()).isTrue();
            assertThat(scanned.prescan.plain()).isTrue();
            assertThat(scanned.prescan.dataRows()).isEqualTo(rows);
            assertThat(scanned.prescan.lines()).isEqualTo(rows + 1);
            assertThat(scanned.sides).isEqualTo(expected);
            assertThat(expected).contains(true, false);
            assertThat(scanned.prescan.sha256()).isEqualTo(sha256(text));
            assertThat(scanned.prescan.bytes()).isEqualTo(text.length());
        }
    }

    @Test
    void aLastRowWithoutItsLineBreakCounts() throws Exception {
        Scanned scanned = scan("a,b\n1,2\n 3 ,4");

        assertThat(scanned.prescan.regular()).isTrue();
        assertThat(scanned.prescan.lines()).isEqualTo(3);
        assertThat(scanned.sides)
                .containsExactly(SPLIT.isHoldout(List.of("1", "2")), SPLIT.isHoldout(List.of("3", "4")));
    }

    @Test
    void whatTheParallelReaderMustNotTakeMakesAFileIrregularAndItsLinesAreStillCounted() throws Exception {
        String head = "a,b\n1,2\n";
        List<String> tails = List.of(
                "\"3\",4\n5,6\n", // a quote
                "3,4\r5,6\n", // a lone CR: two lines
                "\n3,4\n", // a blank line
                "3,4,5\n6,7\n", // a ragged row
                "3,\u00e94\n5,6\n", // a byte outside ASCII
                "3,4\u0001\n5,6\n", // a control character
                "3,4\r\n5,6\n", // CRLF beside LF
                "3,4\r"); // a lone CR at the end
        for (String tail : tails) {
            String text = head + tail;

            Scanned scanned = scan(text);

            assertThat(scanned.prescan.regular()).as(tail).isFalse();
            assertThat(scanned.prescan.lines()).as(tail).isEqualTo(lines(text));
            assertThat(scanned.prescan.sha256()).isEqualTo(sha256(text));
        }
    }

    @Test
    void aFieldThatCouldParseAsMissingOrNotFiniteMakesARegularFileNotPlain() throws Exception {
        assertThat(scan("a,b\n1,-2.5\n+3, 4 \n").prescan.plain()).isTrue();
        String longest = "9".repeat(CsvPrescan.PLAIN_FIELD_BYTES);
        assertThat(scan("a,b\n1," + longest + "\n").prescan.plain()).isTrue();
        for (String row : List.of("1,", ",2", "1, ", "nan,2", "1,inf", "1e5,2", "1,-Infinity", "1,9" + longest)) {
            Scanned scanned = scan("a,b\n3,4\n" + row + "\n5,6\n");

            assertThat(scanned.prescan.regular()).as(row).isTrue();
            assertThat(scanned.prescan.plain()).as(row).isFalse();
        }
    }

    @Test
    void aLineLongerThanTheReadBufferIsLeftToTheLenientReader() throws Exception {
        String text = "a,b\n1,2\n" + "3,".repeat(700_000) + "4\r\n5,6\n7,8";

        Scanned scanned = scan(text);

        assertThat(scanned.prescan.regular()).isFalse();
        assertThat(scanned.prescan.lines()).isEqualTo(lines(text)).isEqualTo(5);
    }

    private record Scanned(CsvPrescan prescan, List<Boolean> sides) {}

    private Scanned scan(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("batch.csv"), text, StandardCharsets.UTF_8);
        HoldoutMask.Builder mask = new HoldoutMask.Builder();
        CsvPrescan prescan = CsvPrescan.of(file, SPLIT, mask, new Progress(message -> {}, "test", 0, 1), 0, 0);
        HoldoutMask built = mask.build();
        List<Boolean> sides = new ArrayList<>();
        for (int r = 0; r < built.rows(); r++) {
            sides.add(built.isHoldout(r));
        }
        return new Scanned(prescan, sides);
    }

    private static String regular(SplittableRandom random, int rows, String newline) {
        StringBuilder text = new StringBuilder("x0,x1 ,\tx2,y").append(newline);
        String[] pads = {"", "", "", " ", "\t", "  "};
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 4; j++) {
                String value = random.nextInt(4) == 0
                        ? String.valueOf(random.nextInt(-50, 1000))
                        : BigDecimal.valueOf(random.nextInt(-500_000, 500_000), 5)
                                .toPlainString();
                if (random.nextInt(50) == 0) {
                    value = value.charAt(0) + " " + value.substring(1); // a space inside a field counts
                }
                text.append(j == 0 ? "" : ",")
                        .append(pads[random.nextInt(pads.length)])
                        .append(value)
                        .append(pads[random.nextInt(pads.length)]);
            }
            text.append(newline);
        }
        return text.toString();
    }

    /** Lines as a CSV parser counts them: CRLF, CR and LF each end one; an unterminated last line counts. */
    private static int lines(String text) {
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                lines++;
            }
        }
        char last = text.charAt(text.length() - 1);
        return lines + (last == '\n' || last == '\r' ? 0 : 1);
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
