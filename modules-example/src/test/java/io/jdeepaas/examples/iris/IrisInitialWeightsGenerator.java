package io.jdeepaas.examples.iris;

import ai.djl.Device;
import ai.djl.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the shipped initial weights with the module's own training code (default settings,
 * seed 42, CPU) and writes them where the jar takes them from. Run from the repository root:
 *
 * <pre>
 * mvn -q -pl modules-example -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -cp modules-example/target/classes:modules-example/target/test-classes:$(cat /tmp/cp.txt) \
 *     io.jdeepaas.examples.iris.IrisInitialWeightsGenerator \
 *     modules-example/src/main/resources/io/jdeepaas/examples/iris/initial
 * </pre>
 */
public final class IrisInitialWeightsGenerator {

    private IrisInitialWeightsGenerator() {
    }

    /**
     * @param args the output folder
     * @throws Exception when training or writing fails
     */
    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        IrisTraining.Result result = IrisTraining.run(IrisSettings.DEFAULTS, Device.cpu(), new IrisTraining.Observer() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void epochDone(int epoch, int epochs, Map<String, Double> metrics) {
                if (epoch % 10 == 0) {
                    System.out.println("epoch " + epoch + "/" + epochs + " " + metrics);
                }
            }
        });
        try (Model model = result.model()) {
            IrisWeights.save(model, new IrisWeights.Descriptor(Iris.INITIAL, IrisSettings.DEFAULTS.hiddenUnits(),
                    result.standardizer(), result.metrics()), out);
        }
        System.out.println("wrote " + out);
    }
}
