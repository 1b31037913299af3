package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSetupTest {

    @Test
    void askingForTensorFlowExtractsItsLibrariesAndPointsDjlAtThem() throws Exception {
        EngineSetup setup = EngineFixture.prepared();

        Path libraries = setup.tensorflowLibraries().orElseThrow();
        assertThat(libraries).isEqualTo(EngineFixture.CACHE.resolve("tensorflow").resolve("2.16.1-cu121"));
        assertThat(libraries.resolve("libjnitensorflow.so")).isRegularFile();
        assertThat(libraries.resolve("libtensorflow_cc.so.2")).isRegularFile();
        assertThat(TensorFlowNatives.isComplete(libraries)).isTrue();
        assertThat(System.getProperty("TENSORFLOW_LIBRARY_PATH")).isEqualTo(libraries.toString());
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(setup.problem("TensorFlow")).isEmpty();
        assertThat(EngineInfo.version("TensorFlow")).contains("2.16.1");
        assertThat(EngineInfo.version("PyTorch")).contains("2.7.1");
    }

    @Test
    void aCompleteCopyIsReusedNotExtractedAgain() throws Exception {
        Path libraries = EngineFixture.prepared().tensorflowLibraries().orElseThrow();
        FileTime written = Files.getLastModifiedTime(libraries.resolve(TensorFlowNatives.MARKER));

        long start = System.nanoTime();
        Path again = TensorFlowNatives.find(getClass().getClassLoader()).extractTo(EngineFixture.CACHE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(again).isEqualTo(libraries);
        assertThat(Files.getLastModifiedTime(again.resolve(TensorFlowNatives.MARKER))).isEqualTo(written);
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void aFolderWithoutItsMarkerIsNotComplete() throws Exception {
        Path dir = Files.createTempDirectory("tf-partial");
        Files.writeString(dir.resolve("libjnitensorflow.so"), "half");
        assertThat(TensorFlowNatives.isComplete(dir)).isFalse();
        Files.write(dir.resolve(TensorFlowNatives.MARKER), List.of("libjnitensorflow.so", "libtensorflow_cc.so.2"));
        assertThat(TensorFlowNatives.isComplete(dir)).isFalse();
    }

    @Test
    void describeReportsBothEnginesWithTheirVersions() {
        Map<String, Object> info = EngineFixture.prepared().describe();

        assertThat(info).containsEntry("offline", true).containsEntry("cuda_gpu_count", 0)
                .containsEntry("pytorch_intra_op_threads", "1")
                .containsEntry("djl_version", "0.35.1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> engines = (List<Map<String, Object>>) info.get("engines");
        assertThat(engines).anySatisfy(e -> assertThat(e).containsEntry("name", "PyTorch")
                .containsEntry("loaded", true).containsEntry("version", "2.7.1").containsEntry("gpu_count", 0));
        assertThat(engines).anySatisfy(e -> assertThat(e).containsEntry("name", "TensorFlow")
                .containsEntry("loaded", true).containsEntry("version", "2.16.1"));
    }

    @Test
    void withoutTheNativeJarTheErrorSaysWhatIsMissing() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> TensorFlowNatives.find(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no TensorFlow native library jar")
                    .hasMessageContaining("tensorflow-native-cu121");
        }
    }

    @Test
    void anUnwritableCacheFailsTheExtractionWithoutLeavingAPartialFolder(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("cache"), "a file, not a folder");
        assertThatThrownBy(() -> TensorFlowNatives.find(getClass().getClassLoader()).extractTo(notAFolder))
                .isInstanceOf(IOException.class);
        assertThat(Files.list(dir)).hasSize(1);
    }
}
