package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** Test helpers that take a written snapshot's footer apart and put a changed one back. */
final class SnapshotFiles {

    private SnapshotFiles() {}

    static FileMetaData footer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }

    /**
     * Rewrites {@code file}'s footer after {@code change}, leaving its data as it is. The file is changed in place
     * (nothing in the product does that to a snapshot), possibly within the file system's timestamp tick and to the
     * same size, so the footers kept in this process are forgotten.
     */
    static void changeFooter(Path file, Consumer<FileMetaData> change) throws IOException {
        SnapshotFooters.clear();
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        int footerStart = bytes.length - 8 - length;
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, length));
        change.accept(footer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, footerStart);
        ByteArrayOutputStream footerBytes = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, footerBytes);
        footerBytes.writeTo(out);
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(footerBytes.size())
                .array());
        out.write(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        Files.write(file, out.toByteArray());
    }
}
