package io.jdeepaas.examples.modelfolder;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed TorchScript fixture {@code model-store/linear}: y = W x + b with the weights
 * written in {@code make_fixture.py}, repeated here so tests compute expected outputs themselves.
 */
final class LinearFixture {

    static final double[][] WEIGHT = {
        {1.0, 2.0, 3.0, 4.0},
        {0.5, -1.0, 0.0, 2.0},
        {-1.0, 0.25, 1.0, -0.5},
    };

    static final double[] BIAS = {0.1, -0.2, 0.3};

    private LinearFixture() {
    }

    /** @return the test model store, holding the {@code linear} folder */
    static Path modelStore() {
        try {
            return Path.of(LinearFixture.class.getResource("/model-store").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return W x + b */
    static double[] expected(double[] x) {
        double[] y = new double[BIAS.length];
        for (int row = 0; row < y.length; row++) {
            y[row] = BIAS[row];
            for (int col = 0; col < x.length; col++) {
                y[row] += WEIGHT[row][col] * x[col];
            }
        }
        return y;
    }
}
