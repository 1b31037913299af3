#!/usr/bin/env bash
# The serving benchmark of issue 5: starts the runtime (and a bare Javalin baseline), drives load
# from separate processes over loopback (wrk; a small Java client for the overload figures) and
# prints, from this one run, RATIO/VALUE lines. See bench/README.md for what each figure means.
#
# Usage: bench/run.sh            (after `mvn -DskipTests package`; runs from anywhere)
# Knobs (environment): BENCH_SECONDS (measured seconds per load run, default 10),
# BENCH_WARMUP (least warm-up seconds before each, default 5), BENCH_WARMUP_MAX (most, default 40), BENCH_CONCURRENCY (connections of the
# demo-vs-bare runs, default 16), BENCH_JVM_OPTS (every server JVM, default "-Xms1g -Xmx1g"),
# BENCH_ENGINE_CACHE (where engine libraries are extracted; default runtime/target/test-engines if
# the tests made it, else runtime/target/bench-engines).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_RUN=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-5}
WARMUP_MAX=${BENCH_WARMUP_MAX:-40}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms1g -Xmx1g}
if [[ -n "${BENCH_ENGINE_CACHE:-}" ]]; then
    CACHE=$BENCH_ENGINE_CACHE
elif [[ -d runtime/target/test-engines/pytorch ]]; then
    CACHE=$ROOT/runtime/target/test-engines
else
    CACHE=$ROOT/runtime/target/bench-engines
fi
JAR=runtime/target/deepaas-runtime.jar
MODULES=modules-example/target/modules-example.jar
CP="runtime/target/test-classes:$JAR:$MODULES:runtime/target/lib/*"
LUA=bench/wrk/post.lua
DEMO_BODY='{"text":"hello","number":7}'
FLOWER='{"sepal_length":6.7,"sepal_width":3.0,"petal_length":5.2,"petal_width":2.3}'
TENSOR='{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[6.7,3.0,5.2,2.3]}]}'
WORKERS=4             # iris workers in the overload run: the sustainable concurrency
OVERLOAD_QUEUE=16     # iris queue in the overload run; beyond workers + queue: 429
BATCH_DELAY_MS=2

for f in "$JAR" "$MODULES" runtime/target/test-classes/io/jdeepaas/bench/BareJavalin.class; do
    [[ -e $f ]] || { echo "missing $f: build first with mvn -DskipTests package" >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
    echo "installing wrk" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
fi

WORK=$(mktemp -d -t jdeepaas-bench.XXXXXX)
SERVER_PID=
stop_server() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU time (user + system, in clock ticks) the server process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
# What a measured run shows: throughput, latency, the server's CPU per request, the warm-up it took.
summary() { echo "$(get rps "$1") req/s, p50 $(get p50_us "$1") us, p99 $(get p99_us "$1") us," \
    "server CPU $(get cpu_us "$1") us/request, after ${WARMED} s warm-up, load average $(load)"; }
# The value of "key value" line KEY in FILE.
get() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
# Prints A/B, A-B, ... with awk's floating point: calc "expression" (awk syntax).
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

# Waits until the port in a server's log answers (the line is "listening on [http://host:]PORT").
wait_port() {
    local log=$1 url_path=$2 port=
    for _ in $(seq 600); do
        port=$(grep -oE 'listening on (http://[0-9.]+:)?[0-9]+' "$log" 2>/dev/null | grep -oE '[0-9]+$' | head -1 || true)
        if [[ -n $port ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$url_path") == 200 ]]; then
            echo "$port"
            return
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; its log:" >&2; tail -30 "$log" >&2; exit 1; }
        sleep 0.5
    done
    echo "server not ready after 300 s; its log:" >&2
    tail -30 "$log" >&2
    exit 1
}

# start_runtime NAME FLAGS...: starts the runtime, waits for /v2/health/ready, sets PORT.
start_runtime() {
    local name=$1
    shift
    # shellcheck disable=SC2086
    java $JVM_OPTS -jar "$JAR" --module-path "$MODULES" --listen-port 0 --data-dir "$WORK/data-$name" \
        --engine-cache "$CACHE" --device cpu "$@" >"$WORK/$name.log" 2>&1 &
    SERVER_PID=$!
    PORT=$(wait_port "$WORK/$name.log" /v2/health/ready)
}

# drive OUT URL BODY CONNECTIONS: warm-up wrk runs until the server is warm, then the measured run
# into OUT. Warm-up: one run of WARMUP seconds, then 5-second runs while the last one was more than
# 10% faster than the one before it (the JIT is still at work: on this busy 2-core machine the
# runtime's predict path needs 30 s or more), at most WARMUP_MAX seconds in all.
drive() {
    local out=$1 url=$2 body=$3 connections=$4 warmed=$WARMUP previous=0 rps
    BODY=$body wrk -t1 -c"$connections" -d"${WARMUP}s" -s "$LUA" "$url" >"$out.warm"
    rps=$(get rps "$out.warm")
    while (( warmed + 5 <= WARMUP_MAX )) && awk "BEGIN { exit !($rps > 1.1 * $previous) }"; do
        previous=$rps
        BODY=$body wrk -t1 -c"$connections" -d5s -s "$LUA" "$url" >"$out.warm"
        rps=$(get rps "$out.warm")
        warmed=$((warmed + 5))
    done
    WARMED=$warmed
    local ticks=$(cpu_ticks)
    BODY=$body wrk -t1 -c"$connections" -d"${SECONDS_RUN}s" --timeout 10s -s "$LUA" "$url" >"$out"
    echo "cpu_us $(calc "($(cpu_ticks) - $ticks) * 1e6 / $(getconf CLK_TCK) / $(get requests "$out")")" >>"$out"
    local bad
    bad=$(( $(get status_5xx "$out") + $(get status_other "$out") + $(get socket_errors "$out") + $(get timeouts "$out") ))
    if (( bad > 0 )); then
        echo "note: $url had $bad answers that were not 2xx/429 ($(tr '\n' ' ' <"$out"))"
    fi
}

echo "jDEEPaaS serving bench $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "context: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at start $(load)"
echo "context: $(java -version 2>&1 | head -1), server JVM flags: $JVM_OPTS, $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "context: each load run: ${WARMUP}-${WARMUP_MAX} s warm-up (until no longer 10% faster) + ${SECONDS_RUN} s measured, wrk 1 thread, loopback; engine cache $CACHE"

# 1. demo JSON predict, then the bare Javalin handler answering as many bytes, same JVM flags.
start_runtime demo --model-name demo,iris --workers "$WORKERS" --model-setting "iris.queue-size=$OVERLOAD_QUEUE"
BASE="http://127.0.0.1:$PORT"
DEMO_BYTES=$(curl -s -X POST -H 'Content-Type: application/json' -d "$DEMO_BODY" "$BASE/v2/models/demo/predict/" | wc -c)
drive "$WORK/demo.txt" "$BASE/v2/models/demo/predict/" "$DEMO_BODY" "$CONCURRENCY"
echo "demo predict: $CONCURRENCY connections, answer $DEMO_BYTES bytes, $(summary "$WORK/demo.txt")"

# 2. iris predict over HTTP, one connection (runtime still up; its default flags but iris.queue-size).
drive "$WORK/iris-http.txt" "$BASE/v2/models/iris/predict/" "$FLOWER" 1
echo "iris predict over HTTP: 1 connection, $(summary "$WORK/iris-http.txt")"

# 3. overload: 8x the workers on iris predict; a Java client keeps each answer's status and latency.
OVERLOAD_CONNECTIONS=$((8 * WORKERS))
java -Xmx256m -cp "$CP" io.jdeepaas.bench.OverloadClient "$BASE/v2/models/iris/predict/" "$FLOWER" \
    "$OVERLOAD_CONNECTIONS" 10 "$SECONDS_RUN" >"$WORK/overload.txt"
echo "iris overload: $OVERLOAD_CONNECTIONS connections on $WORKERS workers + queue $OVERLOAD_QUEUE," \
    "answers $(get statuses "$WORK/overload.txt"), socket errors $(get socket_errors "$WORK/overload.txt")," \
    "timeouts $(get timeouts "$WORK/overload.txt"), accepted $(get accepted_per_s "$WORK/overload.txt")/s," \
    "accepted p50 $(get accepted_p50_ms "$WORK/overload.txt") ms, p99 over all answers" \
    "$(get all_p99_ms "$WORK/overload.txt") ms, load average $(load)"
stop_server

SERVER_PID=
# shellcheck disable=SC2086
java $JVM_OPTS -cp "$CP" io.jdeepaas.bench.BareJavalin 0 "$DEMO_BYTES" >"$WORK/bare.log" 2>&1 &
SERVER_PID=$!
BARE_PORT=$(wait_port "$WORK/bare.log" /ready)
drive "$WORK/bare.txt" "http://127.0.0.1:$BARE_PORT/predict" "$DEMO_BODY" "$CONCURRENCY"
echo "bare Javalin: $CONCURRENCY connections, answer $DEMO_BYTES bytes, $(summary "$WORK/bare.txt")"
stop_server

# 4. the same iris prediction in-process, in its own JVM (no server running).
# shellcheck disable=SC2086
java $JVM_OPTS -Dlogback.configurationFile=bench/engines/logback.xml -cp "$CP" io.jdeepaas.bench.IrisInProcess \
    "$CACHE" "$SECONDS_RUN" >"$WORK/iris-local.txt" 2>"$WORK/iris-local.log"
echo "iris predict in-process: $(get calls "$WORK/iris-local.txt") calls, p50 $(get p50_us "$WORK/iris-local.txt") us," \
    "p99 $(get p99_us "$WORK/iris-local.txt") us, load average $(load)"

# 5. tensor inference at 32 connections, batching on, then off (a fresh runtime each): iris (PyTorch,
# the figure the issue asks for) and tf-iris (TensorFlow, whose per-call cost is higher).
batching() {
    local model=$1 mode=$2
    if [[ $mode == on ]]; then
        start_runtime "$model-$mode" --model-name "$model" --model-setting "$model.max-batch-size=32" \
            --max-batch-delay "$BATCH_DELAY_MS"
    else
        start_runtime "$model-$mode" --model-name "$model"
    fi
    drive "$WORK/$model-batch-$mode.txt" "http://127.0.0.1:$PORT/v2/models/$model/infer" "$TENSOR" 32
    echo "$model infer, batching $mode$([[ $mode == on ]] && echo " (max 32 rows, ${BATCH_DELAY_MS} ms delay)"):" \
        "32 connections, $(summary "$WORK/$model-batch-$mode.txt")"
    stop_server
}
for model in iris tf-iris; do
    batching "$model" on
    batching "$model" off
done

echo "RATIO demo_vs_bare $(calc "$(get rps "$WORK/demo.txt") / $(get rps "$WORK/bare.txt")")"
echo "RATIO demo_vs_bare_cpu $(calc "$(get cpu_us "$WORK/bare.txt") / $(get cpu_us "$WORK/demo.txt")")"
echo "VALUE iris_http_overhead_ms $(calc "($(get p50_us "$WORK/iris-http.txt") - $(get p50_us "$WORK/iris-local.txt")) / 1000") ms"
echo "RATIO batching_gain $(calc "$(get rps "$WORK/iris-batch-on.txt") / $(get rps "$WORK/iris-batch-off.txt")")"
echo "RATIO batching_gain_tf_iris $(calc "$(get rps "$WORK/tf-iris-batch-on.txt") / $(get rps "$WORK/tf-iris-batch-off.txt")")"
echo "RATIO overload_accepted_or_429 $(get accepted_or_429_share "$WORK/overload.txt")"
echo "VALUE overload_p99_accepted_ms $(get accepted_p99_ms "$WORK/overload.txt") ms"
echo "context: load average at end $(load)"
