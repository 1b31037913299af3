#!/usr/bin/env bash
# The hostile-client figures of issue 8 (body limits, uploads): starts the packaged runtime, sends
# what a hostile or careless client would from a separate process over loopback, and prints VALUE
# lines with the answers and the server's memory. Too slow for `mvn verify`; the behaviour itself is
# tested in runtime/src/test/java/io/jdeepaas/runtime/hostile.
#
# Usage: bench/hostile/run.sh        (after `mvn -DskipTests package`; runs from anywhere)
# Knobs (environment): HOSTILE_CHUNKED_GB (size of the chunked body offered, default 2.3),
# HOSTILE_UPLOADS (concurrent multipart uploads, default 60), HOSTILE_UPLOAD_MB (size of each, 90),
# HOSTILE_JVM_OPTS (server JVM, default "-Xmx2g").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=runtime/target/deepaas-runtime.jar
MODULES=modules-example/target/modules-example.jar
for f in "$JAR" "$MODULES"; do
    [[ -e $f ]] || { echo "missing $f: build first with mvn -DskipTests package" >&2; exit 1; }
done
CACHE=$ROOT/runtime/target/test-engines
[[ -d $CACHE/pytorch ]] || CACHE=$ROOT/runtime/target/bench-engines
JVM_OPTS=${HOSTILE_JVM_OPTS:--Xmx2g}
WORK=$(mktemp -d /tmp/jdeepaas-hostile.XXXXXX)
SERVER_PID=
cleanup() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# start NAME FLAGS...: starts the runtime (demo and iris), waits until ready, sets PORT and SERVER_PID.
start() {
    local name=$1
    shift
    # shellcheck disable=SC2086
    java $JVM_OPTS -jar "$JAR" --module-path "$MODULES" --listen-port 0 --data-dir "$WORK/data-$name" \
        --engine-cache "$CACHE" --device cpu --model-name demo,iris "$@" >"$WORK/$name.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 600); do
        PORT=$(grep -oE 'listening on (http://[0-9.]+:)?[0-9]+' "$WORK/$name.log" | grep -oE '[0-9]+$' | head -1 || true)
        if [[ -n $PORT ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/v2/health/ready") == 200 ]]; then
            return
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/$name.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "not ready" >&2
    exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
# Resident memory of the server now and at its peak (VmHWM), in MB.
rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
peak() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
# Used heap after a full GC, in MB.
heap() {
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); printf "%.0f", v / 1024; exit } }'
}

echo "jDEEPaaS hostile-client bench $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')," \
    "$(nproc) cores, server JVM $JVM_OPTS"

# 1. The largest chunked body refused, and what it cost.
GB=${HOSTILE_CHUNKED_GB:-2.3}
start chunked --max-upload-size 100MB
before=$(heap)
python3 bench/hostile/client.py chunked "$PORT" /v2/models/iris/infer "$GB" >"$WORK/chunked.out"
echo "VALUE chunked_infer offered=${GB}GB $(cat "$WORK/chunked.out") heap_before=${before}MB" \
    "heap_after_gc=$(heap)MB rss_peak=$(peak)MB"
python3 bench/hostile/client.py chunked "$PORT" /v2/models/demo/predict/ "$GB" >"$WORK/chunked2.out"
echo "VALUE chunked_predict offered=${GB}GB $(cat "$WORK/chunked2.out") rss_peak=$(peak)MB"
python3 bench/hostile/client.py parallel-chunked "$PORT" /v2/models/iris/infer 1.1 6 >"$WORK/six.out"
echo "VALUE six_chunked_1.1GB_at_once $(cat "$WORK/six.out") rss_peak=$(peak)MB"
echo "VALUE after_chunked iris_infer_status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[6.7,3.0,5.2,2.3]}]}' \
    "http://127.0.0.1:$PORT/v2/models/iris/infer")"
stop

# 2. --max-upload-size holds for every encoding.
start limits --max-upload-size 10MB
python3 bench/hostile/client.py encodings "$PORT" 10 | sed 's/^/VALUE limit_10MB /'
stop

# 3. Concurrent multipart uploads, each under the default limit.
N=${HOSTILE_UPLOADS:-60}
MB=${HOSTILE_UPLOAD_MB:-90}
start uploads
python3 bench/hostile/client.py uploads "$PORT" "$N" "$MB" "$SERVER_PID" "$WORK/data-uploads" >"$WORK/uploads.out"
echo "VALUE uploads_${N}x${MB}MB $(cat "$WORK/uploads.out") rss_peak=$(peak)MB heap_after_gc=$(heap)MB" \
    "leftover_files=$(find "$WORK/data-uploads/tmp/uploads" -type f ! -name .owner | wc -l)"
stop
