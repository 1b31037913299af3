package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.spi.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacking requests' tensors along dimension 0 and splitting a batch's outputs back by rows.
 * Two requests stack when they have the same inputs, in the same order, with the same datatypes
 * and the same dimensions except the first.
 */
final class TensorBatches {

    private TensorBatches() {
    }

    /**
     * @param inputs one request's inputs
     * @return their common number of rows (dimension 0), or -1 when they have none in common
     */
    static long rows(List<Tensor> inputs) {
        long rows = -1;
        for (Tensor t : inputs) {
            long[] shape = t.shape();
            if (shape.length == 0 || (rows != -1 && shape[0] != rows)) {
                return -1;
            }
            rows = shape[0];
        }
        return rows;
    }

    /** @return whether two requests' inputs can be stacked */
    static boolean stackable(List<Tensor> a, List<Tensor> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Tensor x = a.get(i);
            Tensor y = b.get(i);
            long[] xs = x.shape();
            long[] ys = y.shape();
            if (!x.name().equals(y.name()) || x.datatype() != y.datatype() || xs.length != ys.length
                    || !Arrays.equals(xs, 1, xs.length, ys, 1, ys.length)) {
                return false;
            }
        }
        return true;
    }

    /** @return the requests' inputs concatenated along dimension 0 */
    static List<Tensor> stack(List<List<Tensor>> requests) {
        List<Tensor> first = requests.get(0);
        List<Tensor> stacked = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Tensor model = first.get(i);
            long rows = 0;
            int size = 0;
            for (List<Tensor> r : requests) {
                rows += r.get(i).shape()[0];
                size += r.get(i).size();
            }
            Object data = Array.newInstance(model.datatype().elementClass(), size);
            int at = 0;
            for (List<Tensor> r : requests) {
                Tensor part = r.get(i);
                System.arraycopy(part.data(), 0, data, at, part.size());
                at += part.size();
            }
            long[] shape = model.shape();
            shape[0] = rows;
            stacked.add(new Tensor(model.name(), model.datatype(), shape, data));
        }
        return stacked;
    }

    /**
     * @param outputs a batch's outputs
     * @param rows each request's rows, in batch order
     * @param model the model's name, for messages
     * @return each request's outputs: every output's rows that belong to it
     * @throws ModuleFailureException when an output does not have the batch's rows as dimension 0
     */
    static List<List<Tensor>> split(List<Tensor> outputs, long[] rows, String model) {
        long total = Arrays.stream(rows).sum();
        List<List<Tensor>> answers = new ArrayList<>(rows.length);
        for (int r = 0; r < rows.length; r++) {
            answers.add(new ArrayList<>(outputs.size()));
        }
        for (Tensor out : outputs) {
            long[] shape = out.shape();
            if (shape.length == 0 || shape[0] != total) {
                throw new ModuleFailureException("model '" + model + "' declared itself batchable but returned output '"
                        + out.name() + "' of shape " + Arrays.toString(shape) + " for a batch of " + total + " rows",
                        null);
            }
            int perRow = total == 0 ? 0 : (int) (out.size() / total);
            int at = 0;
            for (int r = 0; r < rows.length; r++) {
                int size = (int) (rows[r] * perRow);
                Object data = Array.newInstance(out.datatype().elementClass(), size);
                System.arraycopy(out.data(), at, data, 0, size);
                at += size;
                long[] own = shape.clone();
                own[0] = rows[r];
                answers.get(r).add(new Tensor(out.name(), out.datatype(), own, data));
            }
        }
        return answers;
    }
}
