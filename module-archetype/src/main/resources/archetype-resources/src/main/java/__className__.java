package ${package};

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The model '${modelName}': a straight line, y = slope * x + intercept. It predicts y for an x, and
 * trains by gradient descent on a few points it carries, then serves the fitted line. Replace the
 * line with your model: load weights in {@link #warm}, predict in {@link #predict}, fit in {@link #train}.
 * {@link ModelName} names the model in its URLs ({@code /v2/models/${modelName}/}).
 */
@ModelName("${modelName}")
public final class ${className} implements ModelEntryPoint {

    /** The points a training fits: y = 3x + 2. */
    static final double[][] POINTS = {{0, 2}, {1, 5}, {2, 8}, {3, 11}, {4, 14}, {5, 17}};

    /** The line served now; a training replaces it. */
    private volatile Line line = new Line(1, 0);

    @Override
    public ModelMetadata metadata() {
        return ModelMetadata.describe("A straight line: predicts y for x, trains on its points").version("${version}");
    }

    @Override
    public void warm(WarmContext context) {
        context.logger().log(System.Logger.Level.INFO, "serving y = " + line.slope() + " * x + " + line.intercept());
    }

    @Override
    public List<Argument> predictArguments() {
        return List.of(Argument.number("x").required().range(-1e6, 1e6).description("Where to read the line"));
    }

    @Override
    public Object predict(PredictRequest request) {
        Line served = line;
        return Map.of("y", served.at(request.number("x")), "slope", served.slope(), "intercept", served.intercept());
    }

    @Override
    public List<Argument> trainArguments() {
        return List.of(
                Argument.integer("epochs").range(1, 100_000).defaultValue(500).description("Passes over the points"),
                Argument.number("learning_rate").range(0.0001, 0.1).defaultValue(0.02).description("Step size"));
    }

    @Override
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        int epochs = request.integer("epochs");
        double rate = request.number("learning_rate");
        Line fitted = line;
        double loss = fitted.loss(POINTS);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            context.throwIfCancelled();
            fitted = fitted.step(POINTS, rate);
            loss = fitted.loss(POINTS);
            context.progress(epoch, epochs);
            context.metrics(epoch, Map.of("loss", loss));
            if (epoch % 100 == 0 || epoch == epochs) {
                context.log("epoch " + epoch + ": loss " + loss);
            }
        }
        Files.writeString(context.outputDir().resolve("line.txt"), fitted.slope() + " " + fitted.intercept() + "\n");
        line = fitted;
        return Map.of("slope", fitted.slope(), "intercept", fitted.intercept(), "loss", loss);
    }

    /** A line and one gradient-descent step of its mean squared error. */
    record Line(double slope, double intercept) {

        double at(double x) {
            return slope * x + intercept;
        }

        double loss(double[][] points) {
            double sum = 0;
            for (double[] p : points) {
                double error = at(p[0]) - p[1];
                sum += error * error;
            }
            return sum / points.length;
        }

        Line step(double[][] points, double rate) {
            double dSlope = 0;
            double dIntercept = 0;
            for (double[] p : points) {
                double error = at(p[0]) - p[1];
                dSlope += 2 * error * p[0] / points.length;
                dIntercept += 2 * error / points.length;
            }
            return new Line(slope - rate * dSlope, intercept - rate * dIntercept);
        }
    }
}
