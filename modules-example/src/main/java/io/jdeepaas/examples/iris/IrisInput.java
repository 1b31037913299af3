package io.jdeepaas.examples.iris;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.ArgumentValues;
import io.jdeepaas.spi.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * The predict arguments: either the four named measurements of one flower, or {@code rows}, a
 * flat list of numbers holding four measurements per flower.
 *
 * @param rows the measurements, four per flower
 * @param many whether the request used {@code rows} (the answer is then a list)
 */
public record IrisInput(float[][] rows, boolean many) {

    /** The name of the several-flowers argument. */
    public static final String ROWS = "rows";

    /** @return the declared predict arguments */
    public static List<Argument> arguments() {
        List<Argument> arguments = new ArrayList<>();
        for (String feature : IrisData.FEATURES) {
            arguments.add(Argument.number(feature).range(0, 100)
                    .description(feature.replace('_', ' ') + " in cm (required unless rows is given)"));
        }
        arguments.add(Argument.list(ROWS, ArgumentType.NUMBER).range(0, 100)
                .description("Several flowers at once: four numbers per flower, in the order sepal_length,"
                        + " sepal_width, petal_length, petal_width, e.g. [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3];"
                        + " the answer is then a list"));
        return List.copyOf(arguments);
    }

    /**
     * @param values validated predict arguments
     * @return the flowers to classify
     * @throws InvalidArgumentException naming the argument when the measurements are incomplete
     */
    public static IrisInput from(ArgumentValues values) {
        if (values.has(ROWS)) {
            for (String feature : IrisData.FEATURES) {
                if (values.has(feature)) {
                    throw new InvalidArgumentException(feature, "give either the four measurements or rows, not both");
                }
            }
            return new IrisInput(rows(values.list(ROWS, Number.class)), true);
        }
        float[] row = new float[IrisData.FEATURES.size()];
        for (int j = 0; j < row.length; j++) {
            String feature = IrisData.FEATURES.get(j);
            if (!values.has(feature)) {
                throw new InvalidArgumentException(feature, "missing: give all four measurements"
                        + " (sepal_length, sepal_width, petal_length, petal_width) or rows");
            }
            row[j] = (float) values.number(feature);
        }
        return new IrisInput(new float[][] {row}, false);
    }

    private static float[][] rows(List<Number> numbers) {
        int width = IrisData.FEATURES.size();
        if (numbers.isEmpty() || numbers.size() % width != 0) {
            throw new InvalidArgumentException(ROWS, "needs four numbers per flower; got " + numbers.size()
                    + " number" + (numbers.size() == 1 ? "" : "s"));
        }
        float[][] rows = new float[numbers.size() / width][width];
        for (int i = 0; i < numbers.size(); i++) {
            rows[i / width][i % width] = numbers.get(i).floatValue();
        }
        return rows;
    }
}
