/**
 * The {@code model-folder} provider: serves every model folder of a model store without Java code.
 *
 * <p>Start the runtime with {@code --model-store DIR}. Each sub-folder of {@code DIR} holding a
 * model file ({@code model.pt} for TorchScript, {@code saved_model.pb} for a TensorFlow
 * SavedModel) and a descriptor {@code model.json} becomes a model whose predict takes a JSON
 * argument {@code inputs}, e.g. {@code {"inputs": {"x": [[5.1, 3.5, 1.4, 0.2]]}}}. The descriptor
 * format is documented on {@link io.jdeepaas.examples.modelfolder.ModelDescriptor}. The model file
 * may instead sit in numbered subfolders ({@code linear/1/model.pt}, {@code linear/2/model.pt}, as
 * in Triton's layout, with {@code model.json} in {@code linear/}): each is a version of the model,
 * the highest served first. A version uploaded to the runtime (one TorchScript file, or a zip) is
 * loaded the same way. A folder with
 * a missing or malformed descriptor is skipped with a log message naming the problem.
 */
package io.jdeepaas.examples.modelfolder;
