package io.jdeepaas.examples.mlp;

import ai.djl.Model;
import io.jdeepaas.examples.djl.DjlDevices;
import io.jdeepaas.examples.djl.PredictorPool;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import io.jdeepaas.spi.WarmContext;
import java.util.List;
import java.util.Optional;

/**
 * A compute-bound benchmark model on DJL's PyTorch engine: tensor inference only, {@code input}
 * FP32 [-1, 512] in, {@code output} FP32 [-1, 10] out. Its weights are drawn in code from a fixed
 * seed at warm (nothing is stored), so every runtime serves the same function. Rows are
 * independent, so the runtime may batch concurrent requests ({@link #batchable()}); one row costs a
 * few milliseconds of one core, a batch of 32 rows several times less per row.
 *
 * <pre>
 * curl -X POST localhost:5000/v2/models/mlp/infer -H 'Content-Type: application/json' \
 *   -d '{"inputs":[{"name":"input","shape":[1,512],"datatype":"FP32","data":[0.1, ... 512 values]}]}'
 * </pre>
 */
@ModelName("mlp")
public final class Mlp implements ModelEntryPoint {

    private static final List<TensorSpec> INPUTS = List.of(TensorSpec.of("input", TensorType.FP32, -1,
            MlpNetwork.INPUTS));
    private static final List<TensorSpec> OUTPUTS = List.of(TensorSpec.of("output", TensorType.FP32, -1,
            MlpNetwork.OUTPUTS));

    private volatile Model model;
    private volatile PredictorPool<float[], float[]> pool;


    @Override
    public ModelMetadata metadata() {
        return ModelMetadata.describe("A compute-bound benchmark network: 512 features through "
                        + MlpNetwork.LAYERS + " hidden layers of " + MlpNetwork.HIDDEN + " units to "
                        + MlpNetwork.OUTPUTS + " outputs, weights drawn from a fixed seed")
                .version("1.0")
                .author("jDEEPaaS")
                .license("Apache-2.0")
                .extra("seed", MlpNetwork.SEED);
    }

    @Override
    public Optional<String> engine() {
        return Optional.of("PyTorch");
    }

    @Override
    public void warm(WarmContext context) {
        Model built = MlpNetwork.build(DjlDevices.of(context.device()));
        model = built;
        pool = new PredictorPool<>(() -> built.newPredictor(new RowsTranslator()));
    }

    @Override
    public List<TensorSpec> inputs() {
        return INPUTS;
    }

    @Override
    public List<TensorSpec> outputs() {
        return OUTPUTS;
    }

    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) throws Exception {
        Tensor input = inputs.get(0);
        long rows = input.rows();
        float[] out = rows == 0 ? new float[0] : pool.predict(input.floats());
        return List.of(Tensor.fp32("output", new long[] {rows, MlpNetwork.OUTPUTS}, out));
    }

    @Override
    public void close() {
        PredictorPool<float[], float[]> p = pool;
        if (p != null) {
            p.close();
        }
        Model m = model;
        if (m != null) {
            m.close();
        }
    }
}
