package io.jdeepaas.runtime.oip;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The protocol's classification extension: an output of scores answered as its top {@code k}
 * classes per row, each a {@code BYTES} element {@code "score:index:label"} (or
 * {@code "score:index"} when the model declares no labels), highest score first, ties by index.
 * A tensor of rank 1 is one row ({@code [k]} answered); of higher rank, the first dimension is
 * the batch and the others are the classes ({@code [rows, k]} answered). A score that is NaN has
 * no rank, so a model answering one gets a 500 naming it, never a class.
 */
public final class Classification {

    private Classification() {
    }

    /**
     * @param scores the output the model produced
     * @param k how many classes to answer (at most the number of classes)
     * @param labels the output's declared labels, or an empty list
     * @param model the model's name, for messages
     * @return the top classes as a {@code BYTES} tensor of the same name
     * @throws BadRequestException when the output is not numeric
     * @throws ModuleFailureException when a score is NaN
     */
    public static Tensor classify(Tensor scores, int k, List<String> labels, String model) {
        if (scores.datatype() == TensorType.BYTES) {
            throw new BadRequestException("output '" + scores.name() + "' of model '" + model + "' is BYTES; "
                    + OutputOptions.CLASS_COUNT + " needs an output of numeric scores");
        }
        long[] shape = scores.shape();
        int rows = shape.length <= 1 ? 1 : (int) shape[0];
        int classes = rows == 0 ? 0 : scores.size() / rows;
        int top = Math.min(k, classes);
        boolean labelled = labels.size() == classes;
        String[] out = new String[rows * top];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            List<Integer> order = new ArrayList<>(classes);
            for (int c = 0; c < classes; c++) {
                if (Double.isNaN(scores.doubleAt(base + c))) {
                    throw new ModuleFailureException("model '" + model + "' answered NaN as score " + c + " of row "
                            + r + " in output '" + scores.name() + "', so it names no class", null);
                }
                order.add(c);
            }
            order.sort(Comparator.comparingDouble((Integer c) -> scores.doubleAt(base + c)).reversed()
                    .thenComparing(c -> c));
            for (int i = 0; i < top; i++) {
                int c = order.get(i);
                out[r * top + i] = score(scores, base + c) + ":" + c + (labelled ? ":" + labels.get(c) : "");
            }
        }
        long[] answered = shape.length <= 1 ? new long[] {top} : new long[] {rows, top};
        return Tensor.strings(scores.name(), answered, out);
    }

    private static String score(Tensor scores, int index) {
        return switch (scores.datatype()) {
            case FP16, BF16, FP32 -> Float.toString(((float[]) scores.data())[index]);
            case FP64 -> Double.toString(scores.doubleAt(index));
            case UINT64 -> Long.toUnsignedString(scores.longAt(index));
            default -> Long.toString(scores.longAt(index));
        };
    }
}
