package dev.freshet.tasks.data.parquet;

import java.io.IOException;

/** Where a cursor reads a file's bytes: {@code length} bytes at {@code position} into {@code into[0..length)}. */
@FunctionalInterface
interface PageSource {
    void read(byte[] into, int length, long position) throws IOException;
}
