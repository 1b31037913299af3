#!/usr/bin/env bash
# In-process predict latency of iris (PyTorch) and tf-iris (TensorFlow): calls go straight to the
# module's predict, no HTTP. Usage: bench/engines/run.sh [calls-per-case]   (default 5000)
# Reuses the engine cache of the runtime tests (runtime/target/test-engines); the first run
# extracts the TensorFlow libraries there (about 1.1 GB).
set -euo pipefail
cd "$(dirname "$0")/../.."
calls="${1:-5000}"
mvn -q -pl runtime -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="runtime/target/test-classes:runtime/target/classes:modules-example/target/classes:entrypoint-spi/target/classes"
java -Dai.djl.offline=true -Dlogback.configurationFile=bench/engines/logback.xml \
    -cp "$cp:$(cat runtime/target/bench-classpath.txt)" \
    io.jdeepaas.bench.EnginesBench runtime/target/test-engines "$calls"
