/**
 * The {@code digits} example module: a small convolutional network, trained on the PyTorch engine
 * with DJL, that reads one handwritten-style digit from an uploaded PNG or JPEG.
 *
 * <p>The module makes its own training data: {@link io.jdeepaas.examples.digits.DigitRenderer}
 * draws digits with the JDK's fonts (random family, weight, rotation, scale, stroke, position and
 * noise), and {@link io.jdeepaas.examples.digits.DigitImages} turns any image, rendered or
 * uploaded, into the network's 28x28 input the same way. Starting weights are shipped as a
 * resource made by {@link io.jdeepaas.examples.digits.DigitsWeightsGenerator}.
 */
package io.jdeepaas.examples.digits;
