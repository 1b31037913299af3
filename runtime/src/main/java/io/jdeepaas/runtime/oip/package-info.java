/**
 * The Open Inference Protocol (KServe V2) REST types, written once and shared by the server and
 * the tests: the inference request and response as JSON records, the conversion of their tensor
 * JSON to and from SPI {@link io.jdeepaas.spi.Tensor}s with strict validation (400 with a precise
 * message), and the model metadata's tensor declarations. No HTTP types here.
 */
package io.jdeepaas.runtime.oip;
