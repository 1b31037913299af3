#!/usr/bin/env bash
# The swap benchmark of issue 10: one runtime serving iris, trained once (versions 1 and 2); then
# after a warm-up, concurrent predicts for BENCH_SECONDS with no version change, as long again while
# production flips between versions 1 and 2 every FLIP_SECONDS, and as long again with no change. Prints the non-2xx count of each phase (must be
# 0) and p50/p99/max of each, from this one run. The load runs in a separate JVM (SwapClient). The
# server runs with the example modules on its classpath.
#
# Usage: bench/swap.sh     (after `mvn -DskipTests package`; runs from anywhere; about 90 s)
# Knobs (environment): BENCH_SECONDS (per phase, default 20), FLIP_SECONDS (default 2),
# BENCH_CONNECTIONS (default 8), BENCH_JVM_OPTS (server JVM, default the README's server flags).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_RUN=${BENCH_SECONDS:-20}
FLIP=${FLIP_SECONDS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms64m -Xmx1g -XX:MaxNewSize=64m -XX:+ExitOnOutOfMemoryError}
CACHE=${BENCH_ENGINE_CACHE:-$ROOT/runtime/target/test-engines}
JAR=runtime/target/deepaas-runtime.jar
MODULES=modules-example/target/modules-example.jar
CP="runtime/target/test-classes:$JAR:runtime/target/lib/*"
FLOWER='{"sepal_length":6.7,"sepal_width":3.0,"petal_length":5.2,"petal_width":2.3}'
for f in "$JAR" "$MODULES" runtime/target/test-classes/io/jdeepaas/bench/SwapClient.class; do
    [[ -e $f ]] || { echo "missing $f: build first with mvn -DskipTests package" >&2; exit 1; }
done
WORK=$(mktemp -d -t jdeepaas-swap.XXXXXX)
PID=
trap '[[ -n $PID ]] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }; rm -rf "$WORK"' EXIT

# shellcheck disable=SC2086
java $JVM_OPTS -cp "$JAR:$MODULES:runtime/target/lib/*" io.jdeepaas.runtime.cli.Main --model-name iris \
    --listen-port 0 --data-dir "$WORK/data" \
    --engine-cache "$CACHE" --device cpu --workers 4 >"$WORK/server.log" 2>&1 &
PID=$!
PORT=
for _ in $(seq 1 600); do
    PORT=$(grep -oE 'listening on http://[0-9.]+:[0-9]+' "$WORK/server.log" | grep -oE '[0-9]+$' | head -1 || true)
    if [[ -n $PORT ]] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/v2/health/ready"; then break; fi
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
done
BASE="http://127.0.0.1:$PORT"
UUID=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"epochs":5}' "$BASE/v2/models/iris/train/" \
    | grep -oE '"uuid":"[0-9a-f]{32}"' | grep -oE '[0-9a-f]{32}')
for _ in $(seq 1 600); do
    STATUS=$(curl -sf "$BASE/v2/models/iris/train/$UUID" | grep -oE '"status":"[a-z]+"' | head -1 || true)
    [[ $STATUS == '"status":"done"' ]] && break
    [[ $STATUS == '"status":"error"' ]] && { echo "training failed" >&2; exit 1; }
    sleep 0.5
done
echo "iris trained ($UUID): versions 1 and 2; $CONNECTIONS connections, $SECONDS_RUN s per phase, flip every $FLIP s"
java -Xmx256m -cp "$CP" io.jdeepaas.bench.SwapClient "$BASE" iris "$FLOWER" "$CONNECTIONS" "$SECONDS_RUN" "$FLIP" 1 2
echo "server: $(grep -c 'served (was' "$WORK/server.log") swaps logged, $(grep -c 'unloaded (replaced)' "$WORK/server.log") replaced versions closed"
