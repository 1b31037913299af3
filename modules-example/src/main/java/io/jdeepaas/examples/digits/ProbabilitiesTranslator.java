package io.jdeepaas.examples.digits;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds one 28x28 input to the network and reads back the ten class probabilities (softmax of
 * the logits). Batches are stacked by DJL's default batchifier.
 */
final class ProbabilitiesTranslator implements Translator<float[], float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[] input) {
        NDArray array = ctx.getNDManager().create(input, DigitsNetwork.INPUT_SHAPE.slice(1));
        return new NDList(array);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return list.singletonOrThrow().softmax(-1).toFloatArray();
    }
}
