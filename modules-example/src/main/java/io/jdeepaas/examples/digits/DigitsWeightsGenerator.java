package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes the shipped digits weights with the module's own training code and the settings in
 * {@link TrainingOptions#SHIPPED}, on the CPU. From the repository root:
 *
 * <pre>{@code
 * mvn -q -pl modules-example -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -Djava.awt.headless=true -Dai.djl.offline=true \
 *     -cp modules-example/target/classes:entrypoint-spi/target/classes:$(cat modules-example/target/classpath.txt) \
 *     io.jdeepaas.examples.digits.DigitsWeightsGenerator \
 *     modules-example/src/main/resources/io/jdeepaas/examples/digits
 * }</pre>
 *
 * <p>It writes {@code digits-0000.params} into the given folder and prints each epoch's metrics.
 */
public final class DigitsWeightsGenerator {

    private DigitsWeightsGenerator() {
    }

    /**
     * Trains and saves the shipped weights.
     *
     * @param args the output folder
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DigitsWeightsGenerator OUTPUT_FOLDER");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path output = Path.of(args[0]);
        Files.createDirectories(output);
        TrainingOptions options = TrainingOptions.SHIPPED;
        long started = System.nanoTime();
        Map<String, Double> metrics = DigitsTraining.run(options, ai.djl.Device.cpu(), new ConsoleContext(output),
                "shipped (DigitsWeightsGenerator " + options.asMap() + ")");
        System.out.printf("trained in %.1f s: %s%nweights: %s%n", (System.nanoTime() - started) / 1e9, metrics,
                output.resolve(DigitsWeights.SHIPPED));
    }

    /** A training context that prints to the console and is never cancelled. */
    private record ConsoleContext(Path outputDir) implements TrainingContext {

        @Override
        public void progress(long step, long total) {
        }

        @Override
        public void metrics(long step, Map<String, Double> metrics) {
        }

        @Override
        public void log(String line) {
            System.out.println(line);
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Device device() {
            return Device.cpu();
        }
    }
}
