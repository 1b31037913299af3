package io.jdeepaas.examples.iris;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Scales each measurement to zero mean and unit deviation, with the statistics of the training
 * rows; the same scaling is saved with the weights and applied to every prediction.
 *
 * @param mean the mean of each feature
 * @param std the standard deviation of each feature (never 0)
 */
public record Standardizer(float[] mean, float[] std) {

    /**
     * Fits the statistics.
     *
     * @param rows the training rows
     * @return the scaling for those rows
     */
    public static Standardizer fit(List<float[]> rows) {
        int width = rows.get(0).length;
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            double m = sum / rows.size();
            double squares = 0;
            for (float[] row : rows) {
                squares += (row[j] - m) * (row[j] - m);
            }
            mean[j] = (float) m;
            double s = Math.sqrt(squares / rows.size());
            std[j] = (float) (s == 0 ? 1 : s);
        }
        return new Standardizer(mean, std);
    }

    /**
     * @param row raw measurements
     * @return scaled measurements (a new array)
     */
    public float[] apply(float[] row) {
        float[] scaled = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            scaled[j] = (row[j] - mean[j]) / std[j];
        }
        return scaled;
    }

    /** @return the statistics as text, {@code mean;std} with comma-separated values */
    String encode() {
        return join(mean) + ";" + join(std);
    }

    /**
     * @param text what {@link #encode()} wrote
     * @return the scaling
     */
    static Standardizer decode(String text) {
        String[] parts = text.split(";");
        return new Standardizer(parse(parts[0]), parse(parts[1]));
    }

    private static String join(float[] values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%s", values[i]));
        }
        return out.toString();
    }

    private static float[] parse(String csv) {
        String[] cells = csv.split(",");
        float[] values = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Float.parseFloat(cells[i].trim());
        }
        return values;
    }

    @Override
    public String toString() {
        return "Standardizer" + Arrays.stream(new float[][] {mean, std}).map(Arrays::toString)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
