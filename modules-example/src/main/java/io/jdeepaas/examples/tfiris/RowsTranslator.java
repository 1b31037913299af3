package io.jdeepaas.examples.tfiris;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** Raw measurement rows in ({@code float32 [n, 4]}), the graph's probability rows out. */
final class RowsTranslator implements NoBatchifyTranslator<float[][], float[][]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] rows) {
        return new NDList(ctx.getNDManager().create(rows));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        float[] flat = list.get(0).toFloatArray();
        int classes = (int) list.get(0).getShape().get(1);
        float[][] rows = new float[flat.length / classes][classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * classes, rows[i], 0, classes);
        }
        return rows;
    }
}
