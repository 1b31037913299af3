package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.UploadedFile;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared set-up of the digits tests: a warmed model and a way to ask it about an upload. */
final class DigitsFixture {

    private DigitsFixture() {
    }

    /**
     * @param dataDir the model's data folder
     * @return the digits model warmed on the CPU
     * @throws Exception when warming fails
     */
    static Digits warmed(Path dataDir) throws Exception {
        Digits digits = new Digits();
        digits.warm(new WarmContext(Device.cpu(), dataDir, Map.of(), System.getLogger("digits-test")));
        return digits;
    }

    /** @return digits warmed with a model version, as the runtime warms a trained one */
    static Digits warmed(Path dataDir, io.jdeepaas.spi.ModelVersion version) throws Exception {
        Digits digits = new Digits();
        digits.warm(new WarmContext(Device.cpu(), dataDir, Map.of(), System.getLogger("digits-test"),
                java.util.Optional.of(version)));
        return digits;
    }

    /**
     * @param digits a warmed model
     * @param file an upload
     * @param topK how many digits to return
     * @return the predictions, most likely first
     * @throws Exception when predict fails
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> predict(Digits digits, UploadedFile file, int topK) throws Exception {
        Object answer = digits.predict(PredictRequest.of(Map.of("image", file, "top_k", (long) topK)));
        return (List<Map<String, Object>>) ((Map<String, Object>) answer).get("predictions");
    }

    /**
     * @param digits a warmed model
     * @param file an upload
     * @return the most likely digit
     * @throws Exception when predict fails
     */
    static int best(Digits digits, UploadedFile file) throws Exception {
        return (Integer) predict(digits, file, 1).get(0).get("digit");
    }
}
