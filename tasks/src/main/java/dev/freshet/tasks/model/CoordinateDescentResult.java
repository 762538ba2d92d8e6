package dev.freshet.tasks.model;

/**
 * What a coordinate-descent solver returns.
 *
 * @param gap        the duality gap of the n-scaled objective (divide by n for scikit-learn's {@code dual_gap_})
 * @param iterations sweeps done, as scikit-learn's {@code n_iter_}
 */
record CoordinateDescentResult(double[] coefficients, double gap, int iterations, boolean converged) {}
