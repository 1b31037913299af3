package io.jdeepaas.examples.iris;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** Scaled rows in, class probabilities out (softmax of the network's logits), one row per flower. */
final class ProbabilityTranslator implements NoBatchifyTranslator<float[][], float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] rows) {
        return new NDList(ctx.getNDManager().create(rows));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        float[] flat = list.singletonOrThrow().softmax(1).toFloatArray();
        int classes = IrisData.SPECIES.size();
        float[][] rows = new float[flat.length / classes][classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * classes, rows[i], 0, classes);
        }
        return rows;
    }
}
