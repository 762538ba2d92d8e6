package dev.freshet.engine.run;

/** A try's log as bytes of UTF-8, wherever it is kept: the file of the node that ran it, or the shipped chunks. */
public interface TryLog {
    /** Its length in bytes so far (it grows while the try runs). */
    long size();

    /** At most {@code maxBytes} from {@code from} on; fewer when the log is shorter. */
    byte[] read(long from, int maxBytes);
}
