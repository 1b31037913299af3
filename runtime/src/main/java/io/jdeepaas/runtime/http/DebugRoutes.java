package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.engines.EngineSetup;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v2/debug}: the engines, their versions, devices and native libraries, and the JVM. */
public final class DebugRoutes {

    private final EngineSetup engines;

    public DebugRoutes(EngineSetup engines) {
        this.engines = engines;
    }

    public void register(Javalin app) {
        app.get("/v2/debug", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("engines", engines.describe());
            Runtime jvm = Runtime.getRuntime();
            body.put("jvm", Map.of("version", System.getProperty("java.version"),
                    "processors", jvm.availableProcessors(), "max_memory", jvm.maxMemory(),
                    "used_memory", jvm.totalMemory() - jvm.freeMemory()));
            ctx.json(body);
        });
    }
}
