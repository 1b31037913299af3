package io.jdeepaas.examples.tfiris;

import io.jdeepaas.examples.iris.IrisData;
import io.jdeepaas.examples.iris.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code tfiris/weights.properties}: a multinomial logistic regression of the Iris data
 * set, fitted here with plain full-batch gradient descent (deterministic, no engine). Run from
 * the repository root:
 *
 * <pre>
 * mvn -q -pl modules-example -am test-compile
 * java -cp modules-example/target/classes:modules-example/target/test-classes \
 *     io.jdeepaas.examples.tfiris.TfIrisWeightsGenerator \
 *     modules-example/src/main/resources/io/jdeepaas/examples/tfiris/weights.properties
 * </pre>
 */
public final class TfIrisWeightsGenerator {

    private TfIrisWeightsGenerator() {
    }

    /**
     * @param args the output file
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        List<IrisData.Flower> flowers = IrisData.load().flowers();
        Standardizer scaling = Standardizer.fit(flowers.stream().map(IrisData.Flower::features).toList());
        int n = flowers.size();
        double[][] w = new double[4][3];
        double[] b = new double[3];
        double rate = 0.5;
        for (int step = 0; step < 3000; step++) {
            double[][] gw = new double[4][3];
            double[] gb = new double[3];
            for (IrisData.Flower flower : flowers) {
                float[] z = scaling.apply(flower.features());
                double[] p = softmax(z, w, b);
                for (int k = 0; k < 3; k++) {
                    double error = p[k] - (flower.label() == k ? 1 : 0);
                    gb[k] += error / n;
                    for (int j = 0; j < 4; j++) {
                        gw[j][k] += error * z[j] / n;
                    }
                }
            }
            for (int k = 0; k < 3; k++) {
                b[k] -= rate * gb[k];
                for (int j = 0; j < 4; j++) {
                    w[j][k] -= rate * (gw[j][k] + 1e-3 * w[j][k]);
                }
            }
        }
        int right = 0;
        for (IrisData.Flower flower : flowers) {
            double[] p = softmax(scaling.apply(flower.features()), w, b);
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            right += best == flower.label() ? 1 : 0;
        }
        StringBuilder out = new StringBuilder();
        out.append("# Multinomial logistic regression of Fisher's Iris data set, written by TfIrisWeightsGenerator.\n");
        out.append(String.format(Locale.ROOT, "# accuracy on the 150 flowers: %d/150%n", right));
        out.append("# probabilities = softmax(((x - mean) * inv_std) . weights + bias), x = 4 measurements\n");
        out.append("mean=").append(join(scaling.mean())).append('\n');
        float[] inv = new float[4];
        for (int j = 0; j < 4; j++) {
            inv[j] = 1f / scaling.std()[j];
        }
        out.append("inv_std=").append(join(inv)).append('\n');
        for (int j = 0; j < 4; j++) {
            float[] row = new float[3];
            for (int k = 0; k < 3; k++) {
                row[k] = (float) w[j][k];
            }
            out.append("weights.").append(j).append('=').append(join(row)).append('\n');
        }
        float[] bias = {(float) b[0], (float) b[1], (float) b[2]};
        out.append("bias=").append(join(bias)).append('\n');
        Files.writeString(Path.of(args[0]), out);
        System.out.printf("wrote %s (accuracy %d/150)%n", args[0], right);
    }

    private static double[] softmax(float[] z, double[][] w, double[] b) {
        double[] logits = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            logits[k] = b[k];
            for (int j = 0; j < 4; j++) {
                logits[k] += z[j] * w[j][k];
            }
            max = Math.max(max, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < 3; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    private static String join(float[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(Float.toString(values[i]));
        }
        return out.toString();
    }
}
