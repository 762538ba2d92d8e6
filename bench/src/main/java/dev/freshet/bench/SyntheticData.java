package dev.freshet.bench;

/**
 * The benchmark's data, defined by integer arithmetic that Java and numpy compute bit for bit alike: cell (i, j) is
 * a 64-bit LCG step of {@code i * p + j}, mixed and cut to a double in [0, 1); the target is a sparse linear
 * combination of the columns plus noise from another hash of the row.
 */
final class SyntheticData {
    private SyntheticData() {}

    static void fill(double[][] x, double[] y) {
        int p = x[0].length;
        double[] w = weights(p);
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int j = 0; j < p; j++) {
                long h = ((long) i * p + j) * 6364136223846793005L + 1442695040888963407L;
                h ^= h >>> 29;
                double value = (h >>> 11) * 0x1.0p-53;
                x[i][j] = value;
                sum += w[j] * value;
            }
            y[i] = sum + 0.5 * (((i * 2654435761L) & 0xffffffffL) * 0x1.0p-32 - 0.5);
        }
    }

    static double[] weights(int p) {
        double[] w = new double[p];
        for (int j = 0; j < p; j += 5) {
            w[j] = (j % 7) - 3.0;
        }
        return w;
    }

    /** The same data and fit in scikit-learn: argv rows, features, repeats, wine file; prints one JSON object. */
    static final String PYTHON = """
            import json, sys, time
            import numpy as np
            import sklearn
            from sklearn.linear_model import ElasticNet
            n, p, repeats, wine = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
            k = np.arange(n, dtype=np.uint64)[:, None] * np.uint64(p) + np.arange(p, dtype=np.uint64)[None, :]
            h = k * np.uint64(6364136223846793005) + np.uint64(1442695040888963407)
            del k
            h ^= h >> np.uint64(29)
            X = (h >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
            del h
            w = np.array([(j % 7) - 3.0 if j % 5 == 0 else 0.0 for j in range(p)])
            i = np.arange(n, dtype=np.uint64)
            noise = ((i * np.uint64(2654435761)) & np.uint64(0xffffffff)).astype(np.float64) * 2.0 ** -32 - 0.5
            y = X @ w + 0.5 * noise
            ElasticNet(alpha=0.1, l1_ratio=0.5, precompute=True).fit(X[:10000], y[:10000])
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                model = ElasticNet(alpha=0.1, l1_ratio=0.5, precompute=True).fit(X, y)
                times.append(time.perf_counter() - start)
            data = np.genfromtxt(wine, delimiter=",", skip_header=1)
            wine_times = []
            for _ in range(max(repeats, 50)):
                start = time.perf_counter()
                ElasticNet(alpha=0.5, l1_ratio=0.5).fit(data[:, :-1], data[:, -1])
                wine_times.append((time.perf_counter() - start) * 1000)
            print(json.dumps({"version": sklearn.__version__, "fit_s": min(times),
                              "fit_median_s": float(np.median(times)), "n_iter": int(model.n_iter_),
                              "coef": model.coef_.tolist(), "wine_ms": min(wine_times)}))
            """;
}
