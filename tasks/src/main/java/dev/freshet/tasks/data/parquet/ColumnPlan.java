package dev.freshet.tasks.data.parquet;

/**
 * How one column of a snapshot is stored: its name, its kind and, for the decimal kinds, its scale (a value is the
 * stored whole number divided by 10^scale).
 */
public record ColumnPlan(String name, Kind kind, int scale) {

    /** The storage kinds of the snapshot's columns: each a Parquet physical type, plain-encoded, never null. */
    public enum Kind {
        /** Parquet DOUBLE. */
        DOUBLE(8, 0),
        /** Parquet INT64 without a logical type: whole numbers. */
        INT64(8, 0),
        /** Parquet INT32 annotated DECIMAL(9, scale). */
        DECIMAL32(4, 9),
        /** Parquet INT64 annotated DECIMAL(18, scale). */
        DECIMAL64(8, 18);

        private final int width;
        private final int precision;

        Kind(int width, int precision) {
            this.width = width;
            this.precision = precision;
        }

        /** Bytes per value in a plain-encoded page. */
        public int width() {
            return width;
        }

        /** The decimal precision (digits), 0 for the kinds that are not decimals. */
        public int precision() {
            return precision;
        }

        public boolean decimal() {
            return precision > 0;
        }
    }

    public ColumnPlan {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("column " + name + " needs a kind");
        }
        if (kind.decimal() ? scale < 0 || scale > kind.precision() : scale != 0) {
            throw new IllegalArgumentException("column " + name + ": scale " + scale + " does not fit " + kind
                    + (kind.decimal() ? " (0 to " + kind.precision() + ")" : " (0)"));
        }
    }

    public static ColumnPlan doubles(String name) {
        return new ColumnPlan(name, Kind.DOUBLE, 0);
    }

    public static ColumnPlan int64(String name) {
        return new ColumnPlan(name, Kind.INT64, 0);
    }

    public static ColumnPlan decimal32(String name, int scale) {
        return new ColumnPlan(name, Kind.DECIMAL32, scale);
    }

    public static ColumnPlan decimal64(String name, int scale) {
        return new ColumnPlan(name, Kind.DECIMAL64, scale);
    }
}
