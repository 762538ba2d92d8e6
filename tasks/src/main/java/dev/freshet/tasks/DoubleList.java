package dev.freshet.tasks;

import java.util.Arrays;

/** A growable list of doubles: a holdout keeps 8 bytes per row and model, not the rows. */
final class DoubleList {
    private double[] values = new double[1024];
    private int size;

    /** Adds {@code from[at[k]]} for each {@code k < count}, in that order. */
    void addPicked(double[] from, int[] at, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(size + count, values.length * 2));
        }
        for (int k = 0; k < count; k++) {
            values[size + k] = from[at[k]];
        }
        size += count;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
