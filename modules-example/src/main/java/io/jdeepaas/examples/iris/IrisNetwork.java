package io.jdeepaas.examples.iris;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/** The network: 4 measurements, one hidden ReLU layer, 3 logits (one per species). */
final class IrisNetwork {

    private IrisNetwork() {
    }

    /**
     * @param hiddenUnits the width of the hidden layer
     * @return a fresh, uninitialized block
     */
    static Block build(int hiddenUnits) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hiddenUnits).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(IrisData.SPECIES.size()).build());
    }

    /**
     * Glorot-uniform weights drawn from a seeded {@link Random}, so a seed fully decides the
     * starting weights (DJL's own initializers draw from the engine's global generator).
     */
    static final class SeededInitializer implements Initializer {

        private final Random random;

        /** @param seed the seed of this training's weights */
        SeededInitializer(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long fanOut = shape.get(0);
            long fanIn = shape.dimension() > 1 ? shape.size() / fanOut : 1;
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
            return manager.create(values, shape).toType(dataType, false);
        }
    }
}
