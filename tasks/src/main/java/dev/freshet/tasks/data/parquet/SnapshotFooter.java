package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.RowGroup;

import java.util.List;

/**
 * What the reader keeps of a file's footer: the columns' plan, which may hold NULL, whether the file is in the
 * project's own layout, and per row group its rows and per column its chunk's place, length and codec. Never changed
 * once made, so one footer serves every reader of the same file ({@link SnapshotFooters}).
 */
record SnapshotFooter(
        List<ColumnPlan> plan,
        boolean[] optional,
        boolean own,
        int[] rows,
        long[][] offsets,
        long[][] lengths,
        CompressionCodec[][] codecs) {

    static SnapshotFooter of(List<ColumnPlan> plan, boolean[] optional, boolean own, List<RowGroup> groups) {
        int[] rows = new int[groups.size()];
        long[][] offsets = new long[groups.size()][plan.size()];
        long[][] lengths = new long[groups.size()][plan.size()];
        CompressionCodec[][] codecs = new CompressionCodec[groups.size()][plan.size()];
        for (int g = 0; g < groups.size(); g++) {
            RowGroup group = groups.get(g);
            rows[g] = (int) group.getNum_rows();
            for (int j = 0; j < plan.size(); j++) {
                ColumnMetaData meta = group.getColumns().get(j).getMeta_data();
                offsets[g][j] = chunkStart(meta);
                lengths[g][j] = meta.getTotal_compressed_size();
                codecs[g][j] = meta.getCodec();
            }
        }
        return new SnapshotFooter(List.copyOf(plan), optional.clone(), own, rows, offsets, lengths, codecs);
    }

    /** A chunk starts at its dictionary page when it has one (some writers set its offset to 0 when it has none). */
    static long chunkStart(ColumnMetaData meta) {
        long data = meta.getData_page_offset();
        if (meta.isSetDictionary_page_offset()) {
            long dictionary = meta.getDictionary_page_offset();
            if (dictionary > 0 && dictionary < data) {
                return dictionary;
            }
        }
        return data;
    }
}
