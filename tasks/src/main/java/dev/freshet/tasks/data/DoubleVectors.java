package dev.freshet.tasks.data;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Reads a streamed DuckDB result of DOUBLE columns a whole vector (up to 2,048 rows) at a time, straight from the
 * buffers DuckDB's JDBC driver already holds, instead of value by value through {@link ResultSet#getDouble}, which
 * takes about twice as long (measured in docs/retraining.md, "The data path at scale"). The buffers are not part of
 * JDBC, so they are reached by reflection on the driver's classes (pinned in the root pom); when that is not
 * possible, or a column is not a DOUBLE, {@link #of} answers null and the caller reads value by value.
 */
final class DoubleVectors {

    private static final Access ACCESS = Access.find();

    private final ResultSet rows;
    private final int width;
    private Object[] vectors;
    private int length;

    private DoubleVectors(ResultSet rows, int width) {
        this.rows = rows;
        this.width = width;
    }

    /** Bulk access to {@code rows} (not yet advanced), or null when only value-by-value reading will do. */
    static DoubleVectors of(ResultSet rows) throws SQLException {
        if (ACCESS == null || !ACCESS.resultSet.isInstance(rows)) {
            return null;
        }
        ResultSetMetaData meta = rows.getMetaData();
        for (int j = 1; j <= meta.getColumnCount(); j++) {
            if (!"DOUBLE".equalsIgnoreCase(meta.getColumnTypeName(j))) {
                return null;
            }
        }
        return new DoubleVectors(rows, meta.getColumnCount());
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
            ByteBuffer data = (ByteBuffer) ACCESS.data.get(vector);
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(from, values, offset, count);
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
