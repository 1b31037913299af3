package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The served document is built when first asked for, once, and again only after a reload. */
class ServedDocumentTest {

    private final AtomicInteger builds = new AtomicInteger();

    private OpenApiDocument build() {
        int n = builds.incrementAndGet();
        return OpenApiDocument.of(new OpenAPI().info(new Info().title("built " + n).version("1")).paths(new Paths()));
    }

    @Test
    void nothingIsBuiltUntilAsked() {
        ServedDocument served = new ServedDocument(this::build);
        assertThat(builds).hasValue(0);
        assertThat(served.get().json()).contains("built 1");
        assertThat(served.get().json()).contains("built 1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aRebuildReplacesTheDocument() {
        ServedDocument served = new ServedDocument(this::build);
        served.get();
        served.rebuild();
        assertThat(served.get().json()).contains("built 2");
    }

    @Test
    void theBackgroundBuildServesTheFirstRequest() throws InterruptedException {
        ServedDocument served = new ServedDocument(this::build);
        served.prepareInBackground();
        for (int i = 0; i < 200 && builds.get() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(served.get().json()).contains("built 1");
        assertThat(builds).hasValue(1);
    }
}
