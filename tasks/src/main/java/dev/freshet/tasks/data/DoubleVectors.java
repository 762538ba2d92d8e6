package dev.freshet.tasks.data;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Reads a streamed DuckDB result of DOUBLE and BIGINT columns a whole vector (up to 2,048 rows) at a time, straight
 * from the buffers DuckDB's JDBC driver already holds, instead of value by value through {@link ResultSet#getDouble},
 * which takes about twice as long (measured in docs/retraining.md, "The data path at scale"). A BIGINT becomes the
 * double nearest to it, as DuckDB's own cast and {@code getDouble} make it. The buffers are not part of JDBC, so they
 * are reached by reflection on the driver's classes (pinned in the root pom); when that is not possible, or a column
 * is of another type, {@link #of} answers null and the caller reads value by value.
 */
final class DoubleVectors {

    private static final Access ACCESS = Access.find();

    private final ResultSet rows;
    private final int width;
    private final boolean[] bigint;
    private Object[] vectors;
    private int length;

    private DoubleVectors(ResultSet rows, boolean[] bigint) {
        this.rows = rows;
        this.width = bigint.length;
        this.bigint = bigint;
    }

    /** Whether a column of this DuckDB type is read a whole vector at a time. */
    static boolean takes(String type) {
        return "DOUBLE".equalsIgnoreCase(type) || "BIGINT".equalsIgnoreCase(type);
    }

    /** Bulk access to {@code rows} (not yet advanced), or null when only value-by-value reading will do. */
    static DoubleVectors of(ResultSet rows) throws SQLException {
        if (ACCESS == null || !ACCESS.resultSet.isInstance(rows)) {
            return null;
        }
        ResultSetMetaData meta = rows.getMetaData();
        boolean[] bigint = new boolean[meta.getColumnCount()];
        for (int j = 1; j <= bigint.length; j++) {
            String type = meta.getColumnTypeName(j);
            if (!takes(type)) {
                return null;
            }
            bigint[j - 1] = "BIGINT".equalsIgnoreCase(type);
        }
        return new DoubleVectors(rows, bigint);
    }

    /** Moves to the next vector; false at the end. */
    boolean next() throws SQLException {
        try {
            if (vectors != null) {
                ACCESS.chunkIndex.setInt(rows, length); // the whole vector was read: the next call fetches another
            }
            if (!rows.next()) {
                vectors = null;
                length = 0;
                return false;
            }
            vectors = (Object[]) ACCESS.currentChunk.get(rows);
            length = width == 0 ? 0 : ACCESS.length.getInt(vectors[0]);
            return true;
        } catch (IllegalAccessException e) {
            throw new SQLException("cannot read the result's vectors", e);
        }
    }

    /** Rows in the current vector. */
    int length() {
        return length;
    }

    /** Copies rows {@code [from, from + count)} of column {@code column} into {@code values} and {@code nulls}. */
    void copy(int column, int from, int count, double[] values, int offset, boolean[] nulls, int nullOffset)
            throws SQLException {
        try {
            Object vector = vectors[column];
            ByteBuffer data = ((ByteBuffer) ACCESS.data.get(vector)).duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (bigint[column]) {
                LongBuffer longs = data.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    values[offset + i] = longs.get(from + i);
                }
            } else {
                data.asDoubleBuffer().get(from, values, offset, count);
            }
            System.arraycopy((boolean[]) ACCESS.nullMask.get(vector), from, nulls, nullOffset, count);
        } catch (IllegalAccessException | ClassCastException e) {
            throw new SQLException("cannot read the result's vectors", e);
        }
    }

    /** The driver's private fields, or null when this driver does not have them. */
    private record Access(
            Class<?> resultSet, Field currentChunk, Field chunkIndex, Field length, Field data, Field nullMask) {
        static Access find() {
            try {
                Class<?> resultSet = Class.forName("org.duckdb.DuckDBResultSet");
                Class<?> vector = Class.forName("org.duckdb.DuckDBVector");
                return new Access(
                        resultSet,
                        field(resultSet, "currentChunk"),
                        field(resultSet, "chunkIdx"),
                        field(vector, "length"),
                        field(vector, "constlen_data"),
                        field(vector, "nullmask"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        }
    }
}
