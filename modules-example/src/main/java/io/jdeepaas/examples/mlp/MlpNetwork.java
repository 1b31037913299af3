package io.jdeepaas.examples.mlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * The network: {@value #INPUTS} features, {@value #LAYERS} hidden ReLU layers of {@value #HIDDEN}
 * units, {@value #OUTPUTS} outputs. About 9.4 million weights, so one row costs a few milliseconds
 * on a CPU core while a batch of 32 costs little more per call than one row: the cost of a call is
 * reading the weights, which batching shares.
 */
final class MlpNetwork {

    /** Features per row. */
    static final int INPUTS = 512;
    /** Units per hidden layer. */
    static final int HIDDEN = 2048;
    /** Hidden layers. */
    static final int LAYERS = 3;
    /** Outputs per row. */
    static final int OUTPUTS = 10;
    /** The seed every weight is drawn from: every warm builds the same network. */
    static final long SEED = 20_261_201L;

    private MlpNetwork() {
    }

    /**
     * @param device where the weights live
     * @return the model with its weights initialised from {@link #SEED}; the caller closes it
     */
    static Model build(ai.djl.Device device) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < LAYERS; i++) {
            block.add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(OUTPUTS).build());
        block.setInitializer(new SeededUniform(SEED), ai.djl.nn.Parameter.Type.WEIGHT);
        Model model = Model.newInstance("mlp", device);
        try {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, INPUTS));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Uniform weights scaled by fan-in, drawn from a seeded generator (not the engine's global one). */
    private static final class SeededUniform implements Initializer {

        private final SplittableRandom random;

        SeededUniform(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : 1;
            double limit = Math.sqrt(3.0 / fanIn);
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
            return manager.create(values, shape).toType(dataType, false);
        }
    }
}
