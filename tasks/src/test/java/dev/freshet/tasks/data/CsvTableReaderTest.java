package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableReaderTest {

    private final CsvTableReader reader = new CsvTableReader();

    @TempDir
    Path dir;

    @Test
    void readsTheWineTrainingFile() {
        Table table = reader.read(Path.of("../workflows/data/wine-quality/white-train.csv"));

        assertThat(table.rowCount()).isEqualTo(3673);
        assertThat(table.columns())
                .hasSize(12)
                .startsWith("fixed acidity")
                .endsWith("pH", "sulphates", "alcohol", "quality");
        assertThat(table.rows()[0]).containsExactly(7.4, 0.17, 0.29, 1.4, 0.047, 23, 107, 0.9939, 3.52, 0.65, 10.4, 6);
    }

    @Test
    void toleratesQuotesWhitespaceCrlfBlankLinesAndAByteOrderMark() throws IOException {
        Path file = write("x.csv", "\uFEFFa, \"b\"\r\n 1 ,\"2.5\"\r\n\r\n-3e2,.5\r\n\n");

        Table table = reader.read(file);

        assertThat(table).isEqualTo(new Table(List.of("a", "b"), new double[][] {{1, 2.5}, {-300, 0.5}}));
    }

    @Test
    void namesFileLineAndColumnOfANonNumericCell() throws IOException {
        Path file = write("x.csv", "a,pH\n1,2\n\n3,abc\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":4: column 'pH': 'abc' is not a number");
    }

    @Test
    void aLongCellIsQuotedByItsFirstHundredCharactersAndItsLength() throws IOException {
        String cell = "x".repeat(100_001);
        String huge = "9".repeat(400);
        Path file = write("x.csv", "a,pH\n1," + cell + "\n" + huge + ",2\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":2: column 'pH': '" + "x".repeat(100) + "… (100001 characters)' is not a number");
        List<CsvIssue> issues = reader.scanValues(file).scan().issues();
        assertThat(issues)
                .extracting(CsvIssue::value)
                .containsExactly("x".repeat(100) + "… (100001 characters)", "9".repeat(100) + "… (400 characters)");
        assertThat(issues.get(1).problem())
                .isEqualTo("'" + "9".repeat(100) + "… (400 characters)' is out of the range " + "of a double");
    }

    @Test
    void countsLinesOfQuotedValuesThatSpanLines() throws IOException {
        Path file = write("x.csv", "a,b\n\"1\n\",2\n3,x\n");

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ":4: column 'b': 'x' is not a number");
    }

    @Test
    void rejectsEmptyAndNonFiniteCellsAndJavaOnlyNumberForms() throws IOException {
        assertThatThrownBy(() -> reader.read(write("e.csv", "a,b\n1,\n")))
                .hasMessageEndingWith("e.csv:2: column 'b': empty value, expected a number");
        assertThatThrownBy(() -> reader.read(write("n.csv", "a,b\n1,NaN\n")))
                .hasMessageEndingWith("n.csv:2: column 'b': 'NaN' is not a finite number");
        assertThatThrownBy(() -> reader.read(write("i.csv", "a,b\n-inf,1\n")))
                .hasMessageEndingWith("i.csv:2: column 'a': '-inf' is not a finite number");
        assertThatThrownBy(() -> reader.read(write("o.csv", "a,b\n1e999,1\n")))
                .hasMessageEndingWith("o.csv:2: column 'a': '1e999' is out of the range of a double");
        assertThatThrownBy(() -> reader.read(write("d.csv", "a,b\n1d,1\n")))
                .hasMessageEndingWith("d.csv:2: column 'a': '1d' is not a number");
        assertThatThrownBy(() -> reader.read(write("h.csv", "a,b\n0x1p3,1\n")))
                .hasMessageEndingWith("h.csv:2: column 'a': '0x1p3' is not a number");
    }

    @Test
    void rejectsARaggedRow() throws IOException {
        Path file = write("x.csv", "a,b,c\n1,2,3\n4,5\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: row has 2 values, the header has 3");
    }

    @Test
    void rejectsAnEmptyFileAHeaderOnlyFileAndAMissingFile() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header.csv", "a,b\n");
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> reader.read(empty))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(empty + ": file is empty, expected a header row of column names");
        assertThatThrownBy(() -> reader.read(headerOnly))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(headerOnly + ":1: no data rows after the header");
        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void rejectsBadHeadersAndBrokenQuoting() throws IOException {
        Path duplicate = write("dup.csv", "a,b,a\n1,2,3\n");
        Path blank = write("blank.csv", "a,,c\n1,2,3\n");
        Path unterminated = write("quote.csv", "a,b\n1,2\n3,\"4\n");

        assertThatThrownBy(() -> reader.read(duplicate))
                .hasMessage(duplicate + ":1: column 'a': header name appears more than once");
        assertThatThrownBy(() -> reader.read(blank)).hasMessage(blank + ":1: header name 2 is blank");
        assertThatThrownBy(() -> reader.read(unterminated))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(unterminated + ":3: broken CSV syntax: ");
    }

    @Test
    void rejectsTextThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.csv"), new byte[] {'a', '\n', '1', '\n', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": not UTF-8 text");
    }

    @Test
    void scanReportsEveryProblemWithExactCountsAndTheFirstFewExamples() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 8; i++) {
            csv.append("x").append(i).append(",1,2\n"); // lines 2..9: column a bad
        }
        csv.append("1,2\n"); // line 10: ragged
        csv.append("1,2,inf\n"); // line 11: column c not finite
        csv.append("1,2,3\n"); // line 12: fine
        Path file = write("x.csv", csv.toString());

        CsvScan scan = reader.scan(file);

        assertThat(scan.columns()).containsExactly("a", "b", "c");
        assertThat(scan.rowCount()).isEqualTo(11);
        assertThat(scan.complete()).isTrue();
        assertThat(scan.cellCounts("a")).isEqualTo(new CellCounts(0, 8, 0));
        assertThat(scan.cellCounts("b")).isEqualTo(CellCounts.NONE);
        assertThat(scan.cellCounts("c")).isEqualTo(new CellCounts(0, 0, 1));
        assertThat(scan.invalidCellCount()).isEqualTo(9);
        assertThat(scan.raggedRowCount()).isEqualTo(1);
        assertThat(scan.issuesOfColumn("a"))
                .hasSize(CsvTableReader.EXAMPLES_KEPT)
                .extracting(CsvIssue::line)
                .containsExactly(2, 3, 4, 5, 6);
        assertThat(scan.issuesOfColumn("a").get(0).value()).isEqualTo("x0");
        assertThat(scan.issuesOfColumn("c"))
                .singleElement()
                .satisfies(issue -> assertThat(issue.kind()).isEqualTo(CsvIssue.Kind.NOT_FINITE))
                .satisfies(issue -> assertThat(issue.line()).isEqualTo(11));
        assertThat(scan.structuralIssues())
                .singleElement()
                .satisfies(issue ->
                        assertThat(issue.describe("x.csv")).isEqualTo("x.csv:10: row has 2 values, the header has 3"));
    }

    @Test
    void scanOfAnEmptyFileIsIncomplete() throws IOException {
        CsvScan scan = reader.scan(write("empty.csv", ""));

        assertThat(scan.complete()).isFalse();
        assertThat(scan.columns()).isEmpty();
        assertThat(scan.issues()).extracting(CsvIssue::kind).containsExactly(CsvIssue.Kind.EMPTY_FILE);
    }

    @Test
    void classifiesMissingValuesApartFromTextAndInfinities() throws IOException {
        Path file = write("x.csv", "a,b\n,1\nNA,2\nnull,x\nNaN,inf\n5,6\n");

        ScannedTable table = reader.scanValues(file);

        assertThat(table.scan().cellCounts("a")).isEqualTo(new CellCounts(4, 0, 0));
        assertThat(table.scan().cellCounts("b")).isEqualTo(new CellCounts(0, 1, 1));
        assertThat(table.lines()).containsExactly(2, 3, 4, 5, 6);
        assertThat(table.column("a")).containsExactly(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 5.0);
        assertThat(table.presentValues("b")).containsExactly(1, 2, 6);
        assertThat(table.scan()
                        .issuesOfColumn("a", CsvIssue.Kind.MISSING)
                        .get(1)
                        .problem())
                .isEqualTo("'NA' marks a missing value, expected a number");
    }

    @Test
    void scanValuesKeepsRaggedRowsAsEmptyRowsAtTheirLines() throws IOException {
        Path file = write("x.csv", "a,b\n1,2\n\n3\n4,5\n");

        ScannedTable table = reader.scanValues(file);

        assertThat(table.lines()).containsExactly(2, 4, 5);
        assertThat(table.ragged()).containsExactly(false, true, false);
        assertThat(table.presentValues("a")).containsExactly(1, 4);
        assertThat(table.rowAtLine(5)).isEqualTo(2);
        assertThat(table.rowAtLine(3)).isEqualTo(-1);
    }

    @Test
    void readingCanLeaveOutRowsWithMissingValuesButNotText() throws IOException {
        TableRead read = reader.readDroppingIncompleteRows(write("m.csv", "a,b\n1,\n2,3\nNA,4\n"));

        assertThat(read.droppedRows()).isEqualTo(2);
        assertThat(read.table()).isEqualTo(new Table(List.of("a", "b"), new double[][] {{2, 3}}));
        Path text = write("t.csv", "a,b\n1,\n2,abc\n");
        assertThatThrownBy(() -> reader.readDroppingIncompleteRows(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(text + ":3: column 'b': 'abc' is not a number");
        Path allMissing = write("all.csv", "a,b\n,1\nNA,2\n");
        assertThatThrownBy(() -> reader.readDroppingIncompleteRows(allMissing))
                .hasMessageContaining("every one of its 2 data rows has a missing value");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
