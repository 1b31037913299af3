package io.jdeepaas.examples.mlp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** A flat FP32 [rows, 512] buffer in, the flat FP32 [rows, 10] outputs out: one engine call for all rows. */
final class RowsTranslator implements NoBatchifyTranslator<float[], float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[] rows) {
        return new NDList(ctx.getNDManager().create(rows, new Shape(rows.length / MlpNetwork.INPUTS,
                MlpNetwork.INPUTS)));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().toFloatArray();
    }
}
