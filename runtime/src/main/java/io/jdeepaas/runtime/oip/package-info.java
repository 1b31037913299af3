/**
 * The Open Inference Protocol (KServe V2) REST types, written once and shared by the server and
 * the tests: the inference request and response as JSON records, the conversion of their tensor
 * JSON ({@link io.jdeepaas.runtime.oip.TensorCodec}) and of the binary tensor data extension
 * ({@link io.jdeepaas.runtime.oip.BinaryTensorCodec}, with {@link io.jdeepaas.runtime.oip.HalfFloats}
 * for FP16 and BF16) to and from SPI {@link io.jdeepaas.spi.Tensor}s with strict validation (400
 * with a precise message), the classification extension, the answer as the request asked for it
 * ({@link io.jdeepaas.runtime.oip.InferAnswer}), and the model metadata's tensor declarations.
 * No HTTP types here.
 */
package io.jdeepaas.runtime.oip;
