#!/usr/bin/env bash
# The serving benchmark of issues 5 and 14: starts the runtime (and a bare Javalin baseline), drives
# load from separate processes over loopback (wrk; a small Java client for the overload figures) and
# prints, from this one run, RATIO/VALUE lines. See bench/README.md for what each figure means.
#
# Every ratio compares two servers that run side by side and are measured in turns A B B A (each
# turn BENCH_SECONDS/2), so that the machine's other load weighs on both alike.
#
# Usage: bench/run.sh            (after `mvn -DskipTests package`; runs from anywhere; ~12-15 min)
# Knobs (environment): BENCH_SECONDS (measured seconds per figure, default 10),
# BENCH_WARMUP (least warm-up seconds before each, default 5), BENCH_WARMUP_MAX (most, default 20),
# BENCH_PREWARM (seconds of load on the plain runtime and the bare server before their figures, default 30),
# BENCH_JVM_OPTS (every server JVM, default the README's server flags),
# BENCH_ENGINE_CACHE (where engine libraries are extracted; default runtime/target/test-engines if
# the tests made it, else runtime/target/bench-engines).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_RUN=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-5}
WARMUP_MAX=${BENCH_WARMUP_MAX:-20}
JVM_OPTS=${BENCH_JVM_OPTS:--XX:SharedArchiveFile=runtime/target/deepaas-runtime.jsa -XX:+UseG1GC -XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Xms32m -Xmx1g -XX:MaxNewSize=64m -XX:+ExitOnOutOfMemoryError}
# the JVMs started from the class path (the baseline, the in-process figures): the same flags but the
# runtime's class-data archive, which is valid only for `-jar runtime/target/deepaas-runtime.jar`
CP_JVM_OPTS=$(echo "$JVM_OPTS" | sed 's/-XX:SharedArchiveFile=[^ ]*//')
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
MLP_TENSOR=$(awk 'BEGIN { srand(14); printf "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,512],\"datatype\":\"FP32\",\"data\":[";
    for (i = 0; i < 512; i++) printf "%s%.4f", (i ? "," : ""), rand() * 2 - 1; printf "]}]}" }')
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
PIDS=()
# stop PID: stops one server.
stop() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
trap 'for p in "${PIDS[@]}"; do stop "$p"; done; rm -rf "$WORK"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Resident memory of a process now, in MiB.
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# What a measured figure shows: throughput, latency, the server's CPU per request, the warm-up it took.
summary() { echo "$(get rps "$1") req/s, p50 $(get p50_us "$1") us, p99 $(get p99_us "$1") us," \
    "server CPU $(get cpu_us "$1") us/request, after $(get warmed "$1") s warm-up, load average $(load)"; }
# The value of "key value" line KEY in FILE.
get() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
# Prints A/B, A-B, ... with awk's floating point: calc "expression" (awk syntax).
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

# Waits until the port in a server's log answers (the line is "listening on [http://host:]PORT").
wait_port() {
    local log=$1 url_path=$2 pid=$3 port=
    for _ in $(seq 3000); do
        port=$(grep -oE 'listening on (http://[0-9.]+:)?[0-9]+' "$log" 2>/dev/null | grep -oE '[0-9]+$' | head -1 || true)
        if [[ -n $port ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$url_path") == 200 ]]; then
            echo "$port"
            return
        fi
        kill -0 "$pid" 2>/dev/null || { echo "server died; its log:" >&2; tail -30 "$log" >&2; exit 1; }
        sleep 0.1
    done
    echo "server not ready after 300 s; its log:" >&2
    tail -30 "$log" >&2
    exit 1
}

# start_runtime NAME FLAGS...: starts the runtime on a fresh data folder, waits for
# /v2/health/ready; sets PID, PORT, READY_S (launch to ready, seconds) and READY_CPU_S (the CPU
# seconds it used until then, which the machine's other load does not change). ENGINES overrides
# the engine cache.
start_runtime() {
    local name=$1 started
    shift
    started=$(date +%s.%N)
    # shellcheck disable=SC2086
    java $JVM_OPTS -jar "$JAR" --module-path "$MODULES" --listen-port 0 --data-dir "$WORK/data-$name" \
        --engine-cache "${ENGINES:-$CACHE}" --device cpu "$@" >"$WORK/$name.log" 2>&1 &
    PID=$!
    PIDS+=("$PID")
    PORT=$(wait_port "$WORK/$name.log" /v2/health/ready "$PID")
    READY_S=$(calc "$(date +%s.%N) - $started")
    READY_CPU_S=$(calc "$(cpu_ticks "$PID") / $(getconf CLK_TCK)")
}

# warm OUT URL BODY CONNECTIONS MAX: wrk runs until the server is warm: one run of WARMUP seconds,
# then 5-second runs while the last one was more than 10% faster than the one before it (the JIT is
# still at work), at most MAX seconds in all. Writes "warmed S" into OUT.
warm() {
    local out=$1 url=$2 body=$3 connections=$4 max=$5 warmed=$WARMUP previous=0 rps
    BODY=$body wrk -t1 -c"$connections" -d"${WARMUP}s" -s "$LUA" "$url" >"$out.warm"
    rps=$(get rps "$out.warm")
    while (( warmed + 5 <= max )) && awk "BEGIN { exit !($rps > 1.1 * $previous) }"; do
        previous=$rps
        BODY=$body wrk -t1 -c"$connections" -d5s -s "$LUA" "$url" >"$out.warm"
        rps=$(get rps "$out.warm")
        warmed=$((warmed + 5))
    done
    echo "warmed $warmed" >"$out"
}

# turn OUT PID URL BODY CONNECTIONS SECONDS: one measured wrk run, appended to OUT as "turn" lines.
turn() {
    local out=$1 pid=$2 url=$3 body=$4 connections=$5 seconds=$6 ticks result
    ticks=$(cpu_ticks "$pid")
    result=$(BODY=$body wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$LUA" "$url")
    echo "turn $(echo "$result" | awk '$1 == "requests" || $1 == "p50_us" || $1 == "p99_us" { printf "%s ", $2 }
        $1 == "status_5xx" || $1 == "status_other" || $1 == "socket_errors" || $1 == "timeouts" { bad += $2 }
        END { printf "%d ", bad }')$(( $(cpu_ticks "$pid") - ticks ))" >>"$out"
}

# Sums a figure's turns into rps, p50_us / p99_us (the mean of the turns'), cpu_us (per request).
finish() {
    local out=$1 seconds=$2
    awk -v s="$seconds" -v tck="$(getconf CLK_TCK)" '$1 == "turn" { n++; req += $2; p50 += $3; p99 += $4; bad += $5; cpu += $6 }
        END { printf "requests %d\nrps %.1f\np50_us %.0f\np99_us %.0f\nbad %d\ncpu_us %.3f\n", req, req / s,
            p50 / n, p99 / n, bad, cpu * 1e6 / tck / req }' "$out" >>"$out"
    if (( $(get bad "$out") > 0 )); then
        echo "note: $out had $(get bad "$out") answers that were not 2xx/429"
    fi
}

# pair A PID_A URL_A BODY_A B PID_B URL_B BODY_B CONNECTIONS WARM_MAX: warms both servers, then
# measures them in turns A B B A of BENCH_SECONDS/2 each, into $WORK/A.txt and $WORK/B.txt.
pair() {
    local a=$1 pa=$2 ua=$3 ba=$4 b=$5 pb=$6 ub=$7 bb=$8 c=$9 max=${10} half
    half=$(( (SECONDS_RUN + 1) / 2 ))
    warm "$WORK/$a.txt" "$ua" "$ba" "$c" "$max"
    warm "$WORK/$b.txt" "$ub" "$bb" "$c" "$max"
    turn "$WORK/$a.txt" "$pa" "$ua" "$ba" "$c" "$half"
    turn "$WORK/$b.txt" "$pb" "$ub" "$bb" "$c" "$half"
    turn "$WORK/$b.txt" "$pb" "$ub" "$bb" "$c" "$half"
    turn "$WORK/$a.txt" "$pa" "$ua" "$ba" "$c" "$half"
    finish "$WORK/$a.txt" $(( 2 * half ))
    finish "$WORK/$b.txt" $(( 2 * half ))
}

# single OUT PID URL BODY CONNECTIONS: one figure of one server (warm-up, then BENCH_SECONDS).
single() {
    warm "$1" "$3" "$4" "$5" "$WARMUP_MAX"
    turn "$1" "$2" "$3" "$4" "$5" "$SECONDS_RUN"
    finish "$1" "$SECONDS_RUN"
}

echo "jDEEPaaS serving bench $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "context: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at start $(load)"
echo "context: $(java -version 2>&1 | head -1), server JVM flags: $JVM_OPTS, $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "context: each figure: ${WARMUP}-${WARMUP_MAX} s warm-up (until no longer 10% faster) + ${SECONDS_RUN} s measured" \
    "(paired figures: turns A B B A), wrk 1 thread, loopback; engine cache $CACHE"

# 1. a plain runtime: only demo, a fresh data folder and a fresh (empty) engine cache, started alone.
mkdir -p "$WORK/engines-plain"
ENGINES=$WORK/engines-plain start_runtime plain --model-name demo
PLAIN=$PID PLAIN_PORT=$PORT PLAIN_READY=$READY_S PLAIN_READY_CPU=$READY_CPU_S
IDLE_RSS=$(rss_mb "$PLAIN")
DEMO_URL="http://127.0.0.1:$PLAIN_PORT/v2/models/demo/predict/"
DEMO_BYTES=$(curl -s -X POST -H 'Content-Type: application/json' -d "$DEMO_BODY" "$DEMO_URL" | wc -c)

# 2. beside it the bare Javalin handler answering as many bytes, same JVM flags; demo predict and
# bare at 1, 8 and 32 connections, in turns.
# shellcheck disable=SC2086
java $CP_JVM_OPTS -cp "$CP" io.jdeepaas.bench.BareJavalin 0 "$DEMO_BYTES" >"$WORK/bare.log" 2>&1 &
BARE=$!
PIDS+=("$BARE")
BARE_URL="http://127.0.0.1:$(wait_port "$WORK/bare.log" /ready "$BARE")/predict"
LOAD_START=$(date +%s)
# both first take BENCH_PREWARM seconds (default 30) of load at 8 connections: the JIT takes far longer
# over the runtime's request path than over the bare handler (on 2 shared cores C2 was still
# compiling 50 s after start), and a 1-connection figure taken before that measures the compiler.
for url in "$DEMO_URL" "$BARE_URL"; do
    BODY=$DEMO_BODY wrk -t1 -c8 -d"${BENCH_PREWARM:-30}s" -s "$LUA" "$url" >/dev/null
done
for c in 1 8 32; do
    pair "demo-c$c" "$PLAIN" "$DEMO_URL" "$DEMO_BODY" "bare-c$c" "$BARE" "$BARE_URL" "$DEMO_BODY" "$c" "$WARMUP_MAX"
    echo "demo predict: $c connections, answer $DEMO_BYTES bytes, $(summary "$WORK/demo-c$c.txt")"
    echo "bare Javalin: $c connections, answer $DEMO_BYTES bytes, $(summary "$WORK/bare-c$c.txt")"
done
PLAIN_RSS=$(rss_mb "$PLAIN")
echo "plain runtime (demo only): ready $PLAIN_READY s after launch ($PLAIN_READY_CPU s of CPU), $IDLE_RSS MiB" \
    "resident idle, $PLAIN_RSS MiB after $(( $(date +%s) - LOAD_START )) s of load," \
    "files in its fresh engine cache: $(find "$WORK/engines-plain" -type f | wc -l)"
stop "$PLAIN"
stop "$BARE"

# 3. iris: predict over HTTP at 1 connection, predict and infer of the same row at 8 (in turns), the
# overload run.
start_runtime iris --model-name iris --workers "$WORKERS" --model-setting "iris.queue-size=$OVERLOAD_QUEUE"
IRIS=$PID
BASE="http://127.0.0.1:$PORT"
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d "$FLOWER" "$BASE/v2/models/iris/predict/"
IRIS_RSS=$(rss_mb "$IRIS")
echo "iris runtime: ready $READY_S s after launch ($READY_CPU_S s of CPU, engine cache warm), $IRIS_RSS MiB resident with iris loaded, idle"
single "$WORK/iris-http.txt" "$IRIS" "$BASE/v2/models/iris/predict/" "$FLOWER" 1
echo "iris predict over HTTP: 1 connection, $(summary "$WORK/iris-http.txt")"
pair iris-infer-c8 "$IRIS" "$BASE/v2/models/iris/infer" "$TENSOR" iris-predict-c8 "$IRIS" "$BASE/v2/models/iris/predict/" \
    "$FLOWER" 8 "$WARMUP_MAX"
echo "iris predict: 8 connections, $(summary "$WORK/iris-predict-c8.txt")"
echo "iris infer (the same row): 8 connections, $(summary "$WORK/iris-infer-c8.txt")"
OVERLOAD_CONNECTIONS=$((8 * WORKERS))
java -Xmx256m -cp "$CP" io.jdeepaas.bench.OverloadClient "$BASE/v2/models/iris/predict/" "$FLOWER" \
    "$OVERLOAD_CONNECTIONS" 10 "$SECONDS_RUN" >"$WORK/overload.txt"
echo "iris overload: $OVERLOAD_CONNECTIONS connections on $WORKERS workers + queue $OVERLOAD_QUEUE," \
    "answers $(get statuses "$WORK/overload.txt"), socket errors $(get socket_errors "$WORK/overload.txt")," \
    "timeouts $(get timeouts "$WORK/overload.txt"), accepted $(get accepted_per_s "$WORK/overload.txt")/s," \
    "accepted p50 $(get accepted_p50_ms "$WORK/overload.txt") ms, p99 over all answers" \
    "$(get all_p99_ms "$WORK/overload.txt") ms, load average $(load)"
stop "$IRIS"

# 4. the same iris prediction in-process, in its own JVM (no server running).
# shellcheck disable=SC2086
java $CP_JVM_OPTS -Dlogback.configurationFile=bench/engines/logback.xml -cp "$CP" io.jdeepaas.bench.IrisInProcess \
    "$CACHE" "$SECONDS_RUN" >"$WORK/iris-local.txt" 2>"$WORK/iris-local.log"
echo "iris predict in-process: $(get calls "$WORK/iris-local.txt") calls, p50 $(get p50_us "$WORK/iris-local.txt") us," \
    "p99 $(get p99_us "$WORK/iris-local.txt") us, load average $(load)"

# the mlp engine call in-process at batch sizes 1, 8 and 32: the most batching can gain on it here.
# shellcheck disable=SC2086
java $CP_JVM_OPTS -Dlogback.configurationFile=bench/engines/logback.xml -cp "$CP" io.jdeepaas.bench.MlpInProcess \
    "$CACHE" 3 >"$WORK/mlp-local.txt" 2>"$WORK/mlp-local.log"
echo "mlp in-process, ms per row: batch 1 $(get batch_1_ms_per_row "$WORK/mlp-local.txt"), batch 8" \
    "$(get batch_8_ms_per_row "$WORK/mlp-local.txt"), batch 32 $(get batch_32_ms_per_row "$WORK/mlp-local.txt"), load average $(load)"

# 5. batching: two runtimes of one model side by side, batching on (max 32 rows, 2 ms delay) and
# off, measured in turns: the compute-bound mlp (one row per request) at 1, 8 and 32 connections,
# then iris and tf-iris (cheap calls: context) at 32.
batching() {
    local model=$1 body=$2 on off
    shift 2
    start_runtime "$model-on" --model-name "$model" --model-setting "$model.max-batch-size=32" \
        --max-batch-delay "$BATCH_DELAY_MS"
    on=$PID
    local on_url="http://127.0.0.1:$PORT/v2/models/$model/infer"
    start_runtime "$model-off" --model-name "$model"
    off=$PID
    local off_url="http://127.0.0.1:$PORT/v2/models/$model/infer"
    for c in "$@"; do
        pair "$model-on-c$c" "$on" "$on_url" "$body" "$model-off-c$c" "$off" "$off_url" "$body" "$c" 10
        echo "$model infer, batching on (max 32 rows, ${BATCH_DELAY_MS} ms delay): $c connections, $(summary "$WORK/$model-on-c$c.txt")"
        echo "$model infer, batching off: $c connections, $(summary "$WORK/$model-off-c$c.txt")"
    done
    stop "$on"
    stop "$off"
}
batching mlp "$MLP_TENSOR" 1 8 32
batching iris "$TENSOR" 32
batching tf-iris "$TENSOR" 32

rps() { get rps "$WORK/$1.txt"; }
echo "RATIO demo_vs_bare $(calc "$(rps demo-c8) / $(rps bare-c8)")"
echo "RATIO demo_vs_bare_c1 $(calc "$(rps demo-c1) / $(rps bare-c1)")"
echo "RATIO demo_vs_bare_c32 $(calc "$(rps demo-c32) / $(rps bare-c32)")"
echo "RATIO demo_vs_bare_cpu $(calc "$(get cpu_us "$WORK/bare-c8.txt") / $(get cpu_us "$WORK/demo-c8.txt")")"
echo "VALUE iris_http_overhead_ms $(calc "($(get p50_us "$WORK/iris-http.txt") - $(get p50_us "$WORK/iris-local.txt")) / 1000") ms"
echo "RATIO batching_gain_c1 $(calc "$(rps mlp-on-c1) / $(rps mlp-off-c1)")"
echo "RATIO batching_gain_c8 $(calc "$(rps mlp-on-c8) / $(rps mlp-off-c8)")"
echo "RATIO batching_gain $(calc "$(rps mlp-on-c32) / $(rps mlp-off-c32)")"
echo "RATIO mlp_batch32_ceiling $(calc "$(get batch_1_ms_per_row "$WORK/mlp-local.txt") / $(get batch_32_ms_per_row "$WORK/mlp-local.txt")")"
echo "RATIO batching_gain_iris $(calc "$(rps iris-on-c32) / $(rps iris-off-c32)")"
echo "RATIO batching_gain_tf_iris $(calc "$(rps tf-iris-on-c32) / $(rps tf-iris-off-c32)")"
echo "RATIO infer_vs_predict $(calc "$(rps iris-infer-c8) / $(rps iris-predict-c8)")"
echo "VALUE plain_runtime_rss_mb $PLAIN_RSS MiB"
echo "VALUE plain_idle_rss_mb $IDLE_RSS MiB"
echo "VALUE iris_runtime_rss_mb $IRIS_RSS MiB"
echo "VALUE plain_ready_s $PLAIN_READY s"
echo "VALUE plain_ready_cpu_s $PLAIN_READY_CPU s"
echo "RATIO overload_accepted_or_429 $(get accepted_or_429_share "$WORK/overload.txt")"
echo "VALUE overload_p99_accepted_ms $(get accepted_p99_ms "$WORK/overload.txt") ms"
echo "context: load average at end $(load), $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s in all"
