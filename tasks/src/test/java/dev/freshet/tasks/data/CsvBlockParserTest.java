package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CsvBlockParserTest {

    private static final HoldoutSplit SPLIT = new HoldoutSplit(0.3, 11);

    @Test
    void everyFieldIsTheDoubleJavaParsesAndEveryRowHashesToTheSideTheSplitGivesItsLine() {
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            List<String> fields = new ArrayList<>();
            fields.add(String.format(Locale.ROOT, "%.5f", random.nextGaussian() * 7));
            fields.add(Integer.toString(random.nextInt(2000) - 1000));
            fields.add(new java.math.BigDecimal(
                            Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(30) - 15)))
                    .toPlainString());
            fields.add(String.format(Locale.ROOT, "%.12f", random.nextDouble()).replace("0.", "."));
            fields.add("+" + random.nextInt(90) + "." + random.nextInt(10));
            fields.add("12345678901234567890.123"); // more digits than the exact division takes
            fields.add(
                    String.format(Locale.ROOT, "%.3e", random.nextGaussian() * Math.pow(10, random.nextInt(50) - 25)));
            lines.add(String.join(",", fields));
        }
        byte[] bytes = (String.join("\n", lines)).getBytes(StandardCharsets.US_ASCII);

        CsvBlockParser.Block block = new CsvBlockParser(7, SPLIT.hashStart()).parse(bytes, 0, bytes.length, 7);

        assertThat(block.declined()).isNull();
        assertThat(block.rows()).isEqualTo(2000);
        for (int r = 0; r < lines.size(); r++) {
            String[] fields = lines.get(r).split(",");
            for (int j = 0; j < fields.length; j++) {
                assertThat(Double.doubleToRawLongBits(block.columns()[j][r]))
                        .as("row %d field %s", r, fields[j])
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(fields[j])));
            }
            byte[] line = lines.get(r).getBytes(StandardCharsets.US_ASCII);
            assertThat(SPLIT.isHoldoutHash(block.hashes()[r]))
                    .as("row %d", r)
                    .isEqualTo(SPLIT.isHoldoutLine(line, 0, line.length));
        }
    }

    @Test
    void anExponentMovesThePlacesOfTheDecimal() {
        byte[] bytes = "-7.9E-4,1.5e2,3E0\n12e-1,2E+3,0e-9\n".getBytes(StandardCharsets.US_ASCII);

        CsvBlockParser.Block block = new CsvBlockParser(3, 0).parse(bytes, 0, bytes.length, 1);

        assertThat(block.columns()[0]).startsWith(-7.9e-4, 1.2);
        assertThat(block.columns()[1]).startsWith(150.0, 2000.0);
        assertThat(block.columns()[2]).startsWith(3.0, 0.0);
    }

    @Test
    void crlfLinesParseAsLfLinesDoAndAreTold() {
        byte[] lf = "1.5,2\n-3,4.25\n".getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = "1.5,2\r\n-3,4.25\r\n".getBytes(StandardCharsets.US_ASCII);
        CsvBlockParser parser = new CsvBlockParser(2, SPLIT.hashStart());

        CsvBlockParser.Block a = parser.parse(lf, 0, lf.length, 1);
        CsvBlockParser.Block b = parser.parse(crlf, 0, crlf.length, 1);

        assertThat(b.columns()[0]).startsWith(a.columns()[0][0], a.columns()[0][1]);
        assertThat(b.hashes()).startsWith(a.hashes()[0], a.hashes()[1]);
        assertThat(a.sawLf()).isTrue();
        assertThat(a.sawCrLf()).isFalse();
        assertThat(b.sawCrLf()).isTrue();
        assertThat(b.sawLf()).isFalse();
    }

    @Test
    void aNegativeZeroIsKept() {
        byte[] bytes = "-0.000,1\n".getBytes(StandardCharsets.US_ASCII);

        CsvBlockParser.Block block = new CsvBlockParser(2, 0).parse(bytes, 0, bytes.length, 1);

        assertThat(Double.doubleToRawLongBits(block.columns()[0][0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1, 2\n",
                "1,2 \n",
                "1,\n",
                ",2\n",
                "1,2,3\n",
                "1\n",
                "1e,2\n",
                "1e+,2\n",
                "nan,2\n",
                "\"1\",2\n",
                "1,2\n\n3,4\n",
                "1.2.3,4\n",
                "-,1\n",
                ".,1\n",
                "1,2\r3,4\n",
                "1;2\n"
            })
    void anythingButPlainNumbersInTheHeadersWidthIsDeclined(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        CsvBlockParser.Block block = new CsvBlockParser(2, 0).parse(bytes, 0, bytes.length, 1);

        assertThat(block.declined()).as(text).isNotNull();
    }

    @Test
    void aNumberTooLargeForADoubleIsDeclined() {
        byte[] bytes = ("1" + "0".repeat(400) + ",1\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(new CsvBlockParser(2, 0).parse(bytes, 0, bytes.length, 1).declined())
                .contains("too large");
    }

    @Test
    void aValueIsExactAtAScaleOnlyWhenItsIntegerReadsBackAsTheSameDouble() {
        assertThat(CsvBlockParser.exact(3.69837, 369837, 5)).isTrue();
        assertThat(CsvBlockParser.exact(3.69837, 36984, 4)).isFalse();
        assertThat(CsvBlockParser.exact(-0.0, 0, 3)).isFalse();
        assertThat(CsvBlockParser.exact(0x1p60, 1L << 60, 0)).isFalse();
    }
}
