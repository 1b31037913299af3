package io.jdeepaas.examples.tfiris;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The weights of a linear softmax classifier of iris flowers, read from the committed resource
 * {@code weights.properties} (made by {@code TfIrisWeightsGenerator} in the test sources):
 * {@code probabilities = softmax(((x - mean) * invStd) . weights + bias)}.
 *
 * @param mean the mean of each measurement
 * @param invStd one over the standard deviation of each measurement
 * @param weights a 4 x 3 matrix: measurement by species
 * @param bias one per species
 */
public record LinearIrisWeights(float[] mean, float[] invStd, float[][] weights, float[] bias) {

    /** The resource name, next to this class. */
    public static final String RESOURCE = "weights.properties";

    /** @return the committed weights */
    public static LinearIrisWeights load() {
        Properties props = new Properties();
        try (InputStream in = LinearIrisWeights.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        float[][] weights = new float[4][];
        for (int j = 0; j < 4; j++) {
            weights[j] = floats(props, "weights." + j, 3);
        }
        return new LinearIrisWeights(floats(props, "mean", 4), floats(props, "inv_std", 4), weights,
                floats(props, "bias", 3));
    }

    private static float[] floats(Properties props, String key, int size) {
        String text = props.getProperty(key);
        if (text == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        String[] cells = text.split(",");
        if (cells.length != size) {
            throw new IllegalStateException(RESOURCE + ": " + key + " needs " + size + " numbers");
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = Float.parseFloat(cells[i].trim());
        }
        return values;
    }
}
