package dev.freshet.bench;

import dev.freshet.tasks.data.DuckDb;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.data.parquet.ColumnPlan;
import dev.freshet.tasks.data.parquet.EncodedRowGroup;
import dev.freshet.tasks.data.parquet.SnapshotParquetFile;
import dev.freshet.tasks.data.parquet.SnapshotParquetWriter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code scripts/bench snapshotformat [--groups G] [--columns P] [--rounds R]}: the snapshot's own Parquet writer and
 * reader on G row groups of 65,536 rows (16: 1,048,576 rows) x P columns (101) of 6-digit decimals (100.000 to
 * 999.999, random sign), stored as DOUBLE and as DECIMAL32(scale 3), zstd level 3: encode + append on one thread
 * (its CPU) and encoding on two threads (wall), reading a row group at a time on one thread (its CPU), bytes per
 * value; and, in the same run as the anchors, DuckDB reading the DOUBLE file through JDBC ({@code SnapshotReader})
 * and rewriting it with zstd (process CPU). Each figure is the best of R rounds: other work only makes it slower.
 */
public final class SnapshotFormatBenchmark {
    private static final int GROUP_ROWS = 65_536;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SnapshotFormatBenchmark() {}

    public static void main(String[] args) throws Exception {
        int groups = 16;
        int columns = 101;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--groups" -> groups = Integer.parseInt(args[++i]);
                case "--columns" -> columns = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: scripts/bench snapshotformat [--groups G] [--columns P] [--rounds R]");
                    System.exit(2);
                }
            }
        }
        BenchReport report = new BenchReport();
        long values = (long) groups * GROUP_ROWS * columns;
        double megabytes = values * 8 / 1e6;
        // four distinct row groups, handed over in turn: the data's size in memory stays that of four
        int distinct = Math.min(groups, 4);
        double[][][] doubles = new double[distinct][columns][GROUP_ROWS];
        long[][][] unscaled = new long[distinct][columns][GROUP_ROWS];
        SplittableRandom random = new SplittableRandom(7);
        for (int g = 0; g < distinct; g++) {
            for (int j = 0; j < columns; j++) {
                for (int i = 0; i < GROUP_ROWS; i++) {
                    long u = random.nextLong(100_000, 1_000_000) * (random.nextBoolean() ? 1 : -1);
                    unscaled[g][j][i] = u;
                    doubles[g][j][i] = u / 1000.0;
                }
            }
        }
        Path dir = Files.createTempDirectory("freshet-snapshot-bench");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (ColumnPlan.Kind kind : List.of(ColumnPlan.Kind.DOUBLE, ColumnPlan.Kind.DECIMAL32)) {
                String name = kind.name().toLowerCase(java.util.Locale.ROOT);
                List<ColumnPlan> plan = new ArrayList<>();
                for (int j = 0; j < columns; j++) {
                    plan.add(
                            kind == ColumnPlan.Kind.DOUBLE
                                    ? ColumnPlan.doubles("c" + j)
                                    : ColumnPlan.decimal32("c" + j, 3));
                }
                Path file = dir.resolve(name + ".parquet");
                double[] writeCpu = new double[rounds];
                double[] parallelWall = new double[rounds];
                double[] readCpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, plan, 3)) {
                        for (int g = 0; g < groups; g++) {
                            writer.append(writer.encode(GROUP_ROWS, doubles[g % distinct], unscaled[g % distinct]));
                        }
                        writer.finish();
                    }
                    writeCpu[r] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;

                    long start = System.nanoTime();
                    try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, plan, 3)) {
                        List<Future<EncodedRowGroup>> encoded = new ArrayList<>();
                        for (int g = 0; g < groups; g++) {
                            int d = g % distinct;
                            encoded.add(pool.submit(() -> writer.encode(GROUP_ROWS, doubles[d], unscaled[d])));
                        }
                        for (Future<EncodedRowGroup> group : encoded) {
                            writer.append(group.get());
                        }
                        writer.finish();
                    }
                    parallelWall[r] = (System.nanoTime() - start) / 1e9;

                    double[][] into = new double[columns][GROUP_ROWS];
                    cpu = THREADS.getCurrentThreadCpuTime();
                    try (SnapshotParquetFile snapshot =
                            SnapshotParquetFile.open(file).orElseThrow()) {
                        for (int g = 0; g < snapshot.rowGroups(); g++) {
                            snapshot.read(g, into);
                        }
                    }
                    readCpu[r] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                }
                report.add("snapshot_" + name + "_bytes_per_value", (double) Files.size(file) / values, "B");
                report.add("snapshot_" + name + "_write_cpu_s", min(writeCpu), "s");
                report.add("snapshot_" + name + "_write_mb_per_cpu_s", megabytes / min(writeCpu), "MB/s");
                report.add("snapshot_" + name + "_write_2_threads_s", min(parallelWall), "s");
                report.add("snapshot_" + name + "_read_cpu_s", min(readCpu), "s");
                report.add("snapshot_" + name + "_read_ms_per_row_group", min(readCpu) * 1000 / groups, "ms");
                report.add("snapshot_" + name + "_read_mb_per_cpu_s", megabytes / min(readCpu), "MB/s");
            }
            Path file = dir.resolve("double.parquet");
            double[] duckRead = new double[rounds];
            double[] duckRewrite = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu = PROCESS.getProcessCpuTime();
                try (SnapshotReader reader = SnapshotReader.open(file)) {
                    while (reader.next()) {
                        // every value is copied into the reader's chunk
                    }
                }
                duckRead[r] = (PROCESS.getProcessCpuTime() - cpu) / 1e9;
                cpu = PROCESS.getProcessCpuTime();
                try (DuckDb db = DuckDb.open()) {
                    db.execute("COPY (SELECT * FROM read_parquet(" + DuckDb.literal(file.toString()) + ")) TO "
                            + DuckDb.literal(dir.resolve("duckdb.parquet").toString())
                            + " (FORMAT parquet, COMPRESSION zstd)");
                }
                duckRewrite[r] = (PROCESS.getProcessCpuTime() - cpu) / 1e9;
            }
            report.add("duckdb_double_read_cpu_s", min(duckRead), "s");
            report.add("duckdb_double_rewrite_cpu_s", min(duckRewrite), "s");
            report.add(
                    "duckdb_double_rewrite_bytes_per_value",
                    (double) Files.size(dir.resolve("duckdb.parquet")) / values,
                    "B");
        } finally {
            pool.shutdown();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        report.printTable();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
