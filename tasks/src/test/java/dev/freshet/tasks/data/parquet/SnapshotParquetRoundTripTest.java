package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the snapshot writer writes reads back bit for bit through its own reader, and as the same values, names and
 * row order through DuckDB, the independent reader; encoding on several threads makes the same bytes as on one.
 */
class SnapshotParquetRoundTripTest {

    private static final int[] GROUP_ROWS = {300, 1, 1000, 7, 2};
    private static final long TWO_TO_53 = 1L << 53;

    @TempDir
    Path dir;

    @Test
    void everyKindReadsBackBitForBitAndAsDuckDbReadsIt() throws Exception {
        Data data = Data.random(plan(), GROUP_ROWS, new SplittableRandom(13));
        Path file = dir.resolve("snapshot.parquet");
        String sha256;
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, data.plan, 3)) {
            for (int g = 0; g < GROUP_ROWS.length; g++) {
                writer.append(writer.encode(GROUP_ROWS[g], data.doubles(g), data.unscaled(g)));
            }
            writer.finish();
            sha256 = writer.sha256();
        }
        assertThat(sha256).isEqualTo(Sha256.of(file));

        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThat(snapshot.columns()).isEqualTo(names(data.plan));
            assertThat(snapshot.plan()).isEqualTo(data.plan);
            assertThat(snapshot.rowCount()).isEqualTo(data.rows());
            assertThat(snapshot.rowGroups()).isEqualTo(GROUP_ROWS.length);
            long first = 0;
            for (int g = 0; g < GROUP_ROWS.length; g++) {
                assertThat(snapshot.firstRow(g)).isEqualTo(first);
                assertThat(snapshot.rows(g)).isEqualTo(GROUP_ROWS[g]);
                double[][] into = new double[data.plan.size()][GROUP_ROWS[g] + 3];
                snapshot.read(g, into);
                for (int j = 0; j < data.plan.size(); j++) {
                    for (int i = 0; i < GROUP_ROWS[g]; i++) {
                        assertThat(bits(into[j][i]))
                                .as("%s, row %d", data.plan.get(j).name(), first + i)
                                .isEqualTo(bits(data.expected[j][(int) first + i]));
                    }
                }
                first += GROUP_ROWS[g];
            }
        }

        try (DuckDb db = DuckDb.open()) {
            String relation = "read_parquet(" + DuckDb.literal(file.toString()) + ")";
            assertThat(db.describe(relation))
                    .extracting(DuckDb.Column::name, DuckDb.Column::type)
                    .containsExactlyElementsOf(data.plan.stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), duckDbType(c)))
                            .toList());
            String select = DuckDb.columnList(names(data.plan), c -> "CAST(" + DuckDb.identifier(c) + " AS DOUBLE)");
            try (Statement statement = db.connection().createStatement();
                    ResultSet rows = statement.executeQuery("SELECT " + select + " FROM " + relation)) {
                int row = 0;
                while (rows.next()) {
                    for (int j = 0; j < data.plan.size(); j++) {
                        assertThat(bits(rows.getDouble(j + 1)))
                                .as("DuckDB: %s, row %d", data.plan.get(j).name(), row)
                                .isEqualTo(bits(data.expected[j][row]));
                    }
                    row++;
                }
                assertThat(row).isEqualTo(data.rows());
            }
        }
    }

    @Test
    void encodingOnSeveralThreadsAtOnceGivesTheBytesOfOneThread() throws Exception {
        int[] groups = {500, 500, 123, 500, 1, 400, 500, 77};
        Data data = Data.random(plan(), groups, new SplittableRandom(29));
        Path serial = dir.resolve("serial.parquet");
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(serial, data.plan, 3)) {
            for (int g = 0; g < groups.length; g++) {
                writer.append(writer.encode(groups[g], data.doubles(g), data.unscaled(g)));
            }
            writer.finish();
        }
        Path parallel = dir.resolve("parallel.parquet");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(parallel, data.plan, 3)) {
            List<Future<EncodedRowGroup>> encoded = new ArrayList<>();
            for (int g = 0; g < groups.length; g++) {
                int group = g;
                encoded.add(
                        threads.submit(() -> writer.encode(groups[group], data.doubles(group), data.unscaled(group))));
            }
            for (Future<EncodedRowGroup> group : encoded) {
                writer.append(group.get());
            }
            writer.finish();
        } finally {
            threads.shutdown();
        }
        assertThat(Files.readAllBytes(parallel)).isEqualTo(Files.readAllBytes(serial));
    }

    @Test
    void severalThreadsReadRowGroupsAtOnce() throws Exception {
        int[] groups = {700, 700, 700, 700, 5, 700};
        Data data = Data.random(plan(), groups, new SplittableRandom(31));
        Path file = dir.resolve("snapshot.parquet");
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, data.plan, 1)) {
            for (int g = 0; g < groups.length; g++) {
                writer.append(writer.encode(groups[g], data.doubles(g), data.unscaled(g)));
            }
            writer.finish();
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(file).orElseThrow()) {
            List<Future<double[][]>> reads = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int g = 0; g < groups.length; g++) {
                    int group = g;
                    reads.add(threads.submit(() -> {
                        double[][] into = new double[data.plan.size()][snapshot.rows(group)];
                        snapshot.read(group, into);
                        return into;
                    }));
                }
            }
            for (int r = 0; r < reads.size(); r++) {
                int g = r % groups.length;
                double[][] into = reads.get(r).get();
                int first = (int) snapshot.firstRow(g);
                for (int j = 0; j < data.plan.size(); j++) {
                    for (int i = 0; i < groups[g]; i++) {
                        assertThat(bits(into[j][i])).isEqualTo(bits(data.expected[j][first + i]));
                    }
                }
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Every kind: doubles, whole numbers, DECIMAL32 at scales 0 to 9, DECIMAL64 of up to 15 digits. */
    static List<ColumnPlan> plan() {
        List<ColumnPlan> plan = new ArrayList<>();
        plan.add(ColumnPlan.doubles("x"));
        plan.add(ColumnPlan.int64("count"));
        for (int scale = 0; scale <= 9; scale++) {
            plan.add(ColumnPlan.decimal32("d32_" + scale, scale));
        }
        for (int scale : new int[] {0, 2, 6, 15, 18}) {
            plan.add(ColumnPlan.decimal64("d64_" + scale, scale));
        }
        plan.add(ColumnPlan.doubles("y with \"quotes\", spaces"));
        return List.copyOf(plan);
    }

    private static String duckDbType(ColumnPlan column) {
        return switch (column.kind()) {
            case DOUBLE -> "DOUBLE";
            case INT64 -> "BIGINT";
            case DECIMAL32 -> "DECIMAL(9," + column.scale() + ")";
            case DECIMAL64 -> "DECIMAL(18," + column.scale() + ")";
        };
    }

    private static List<String> names(List<ColumnPlan> plan) {
        return plan.stream().map(ColumnPlan::name).toList();
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** Column-major test data, its row groups, and each value as a double computed independently (BigDecimal). */
    static final class Data {
        final List<ColumnPlan> plan;
        final int[] groupRows;
        final double[][] doubles;
        final long[][] unscaled;
        final double[][] expected;

        private Data(List<ColumnPlan> plan, int[] groupRows, int rows) {
            this.plan = plan;
            this.groupRows = groupRows;
            this.doubles = new double[plan.size()][];
            this.unscaled = new long[plan.size()][];
            this.expected = new double[plan.size()][rows];
        }

        static Data random(List<ColumnPlan> plan, int[] groupRows, SplittableRandom random) {
            int rows = java.util.Arrays.stream(groupRows).sum();
            Data data = new Data(plan, groupRows, rows);
            for (int j = 0; j < plan.size(); j++) {
                ColumnPlan column = plan.get(j);
                if (column.kind() == ColumnPlan.Kind.DOUBLE) {
                    double[] values = new double[rows];
                    double[] specials = {
                        0.0, -0.0, -1.5, 1e308, -1e308, Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-300, 0.1, 123456.789
                    };
                    for (int i = 0; i < rows; i++) {
                        values[i] = i < specials.length
                                ? specials[i]
                                : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 20));
                    }
                    data.doubles[j] = values;
                    data.expected[j] = values.clone();
                } else {
                    long limit = switch (column.kind()) {
                        case INT64 -> TWO_TO_53;
                        case DECIMAL32 -> 999_999_999L;
                        default -> 999_999_999_999_999L; // 15 digits
                    };
                    long[] specials = {0, -1, 1, limit, -limit, limit - 1, -(limit - 1)};
                    long[] values = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        values[i] = i < specials.length
                                ? specials[i]
                                : random.nextLong(-limit, limit + 1) / (i % 3 == 0 ? 1 : (long) Math.pow(10, i % 7));
                    }
                    if (column.kind() == ColumnPlan.Kind.INT64) {
                        values[rows - 1] = Long.MAX_VALUE;
                        values[rows - 2] = Long.MIN_VALUE;
                    }
                    data.unscaled[j] = values;
                    for (int i = 0; i < rows; i++) {
                        data.expected[j][i] =
                                new BigDecimal(BigInteger.valueOf(values[i]), column.scale()).doubleValue();
                    }
                }
            }
            return data;
        }

        int rows() {
            return expected[0].length;
        }

        private int first(int group) {
            int first = 0;
            for (int g = 0; g < group; g++) {
                first += groupRows[g];
            }
            return first;
        }

        /** Row group {@code group}'s doubles, each column copied so that the writer sees only its rows. */
        double[][] doubles(int group) {
            int first = first(group);
            double[][] slice = new double[plan.size()][];
            for (int j = 0; j < plan.size(); j++) {
                if (doubles[j] != null) {
                    slice[j] = java.util.Arrays.copyOfRange(doubles[j], first, first + groupRows[group]);
                }
            }
            return slice;
        }

        long[][] unscaled(int group) {
            int first = first(group);
            long[][] slice = new long[plan.size()][];
            for (int j = 0; j < plan.size(); j++) {
                if (unscaled[j] != null) {
                    slice[j] = java.util.Arrays.copyOfRange(unscaled[j], first, first + groupRows[group]);
                }
            }
            return slice;
        }
    }
}
