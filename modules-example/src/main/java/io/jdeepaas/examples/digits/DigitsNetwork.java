package io.jdeepaas.examples.digits;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * The digits network: two 3x3 convolutions (16 and 32 filters) each followed by ReLU and 2x2
 * max pooling, then a 64-unit hidden layer and 10 logits. About 106,000 parameters (≈ 0.4 MB).
 */
public final class DigitsNetwork {

    /** The input shape of one batch of one image: batch, channel, height, width. */
    public static final Shape INPUT_SHAPE = new Shape(1, 1, DigitImages.SIZE, DigitImages.SIZE);

    /** The number of classes. */
    public static final int CLASSES = 10;

    private DigitsNetwork() {
    }

    /** @return a new, uninitialised network */
    public static Block create() {
        return new SequentialBlock()
                .add(conv(16))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(32))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
    }

    private static Block conv(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }
}
