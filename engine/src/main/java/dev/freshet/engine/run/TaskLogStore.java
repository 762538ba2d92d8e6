package dev.freshet.engine.run;

import java.util.List;

/** Where tries' logs are shipped, so that every node can read them: chunks in the order of their offsets. */
public interface TaskLogStore {
    /** Stores the chunks in one transaction; a chunk already stored (same try and offset) is left as it is. */
    void append(List<TaskLogChunk> chunks);

    /** The try's chunks that end after {@code from}, in order of their offsets; empty when none is stored. */
    List<TaskLogChunk> chunks(TryKey key, long from);

    /** The end of the try's last stored chunk, or -1 when nothing of its log is stored. */
    long length(TryKey key);
}
