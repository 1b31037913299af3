package io.jdeepaas.examples.modelfolder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Tensor inference for folder models: descriptor inputs as SPI specs, SPI tensors to and from NDArrays. */
final class FolderTensors {

    private FolderTensors() {
    }

    /**
     * @param descriptor a folder model's descriptor
     * @return its inputs as the runtime checks them
     */
    static List<io.jdeepaas.spi.TensorSpec> inputs(ModelDescriptor descriptor) {
        List<io.jdeepaas.spi.TensorSpec> specs = new ArrayList<>();
        for (TensorSpec input : descriptor.inputs()) {
            specs.add(new io.jdeepaas.spi.TensorSpec(input.name(), type(input.datatype()),
                    input.shape().stream().mapToLong(Long::longValue).toArray()));
        }
        return List.copyOf(specs);
    }

    /** @return whether every input has a free first dimension, taken as the batch's rows */
    static boolean batchable(ModelDescriptor descriptor) {
        return descriptor.inputs().stream().allMatch(i -> i.shape().get(0) == -1);
    }

    /** @return the protocol's platform for the descriptor's engine */
    static String platform(ModelDescriptor descriptor) {
        return "PyTorch".equals(descriptor.engine()) ? "pytorch_torchscript" : "tensorflow_savedmodel";
    }

    private static TensorType type(TensorSpec.DataType type) {
        return switch (type) {
            case FLOAT32 -> TensorType.FP32;
            case FLOAT64 -> TensorType.FP64;
            case INT32 -> TensorType.INT32;
            case INT64 -> TensorType.INT64;
        };
    }

    /**
     * @param tensor a checked input (FP32, FP64, INT32 or INT64)
     * @param manager where the array lives
     * @return the tensor as an NDArray named like it
     */
    static NDArray toArray(Tensor tensor, NDManager manager) {
        Shape shape = new Shape(tensor.shape());
        NDArray array = switch (tensor.datatype()) {
            case FP64 -> manager.create(tensor.doubles(), shape);
            case INT32 -> manager.create(tensor.ints(), shape);
            case INT64 -> manager.create(tensor.longs(), shape);
            default -> manager.create(tensor.floats(), shape);
        };
        array.setName(tensor.name());
        return array;
    }

    /**
     * @param name the output's name
     * @param array a model output
     * @return it as a tensor of the matching datatype (FP16 widened to FP32 values)
     */
    static Tensor toTensor(String name, NDArray array) {
        long[] shape = array.getShape().getShape();
        DataType type = array.getDataType();
        return switch (type) {
            case FLOAT64 -> Tensor.fp64(name, shape, array.toDoubleArray());
            case FLOAT16 -> Tensor.fp16(name, shape, array.toType(DataType.FLOAT32, false).toFloatArray());
            case INT32 -> Tensor.int32(name, shape, array.toIntArray());
            case INT64 -> Tensor.int64(name, shape, array.toLongArray());
            case INT8 -> Tensor.int8(name, shape, array.toByteArray());
            case UINT8 -> Tensor.uint8(name, shape, array.toByteArray());
            case BOOLEAN -> Tensor.bool(name, shape, array.toBooleanArray());
            default -> Tensor.fp32(name, shape, array.toType(DataType.FLOAT32, false).toFloatArray());
        };
    }
}
