#!/usr/bin/env bash
# Start-up and weight of a plain runtime (only the demo module, a fresh data folder and engine cache),
# measured N times (default 3): launch to ready in seconds, the CPU seconds used until then (which the
# machine's other load barely changes, unlike the wall time), resident MiB when ready, and with
# BENCH_LOAD_SECONDS > 0 resident MiB 5 s later and after that many seconds of wrk load on demo
# predict (a third each at 1, 8 and 32 connections). BENCH_MODEL=iris serves iris instead (no load;
# BENCH_ENGINE_CACHE then names a warm engine cache, e.g. runtime/target/test-engines).
# BENCH_NMT=PREFIX writes PREFIX-N.txt, `jcmd PID VM.native_memory summary` after the load (add
# -XX:NativeMemoryTracking=summary to BENCH_JVM_OPTS).
# Usage: bench/startup.sh [N]   (after `mvn -DskipTests package`; JVM flags from BENCH_JVM_OPTS,
# default the README's server flags, as in bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-0}
MODEL=${BENCH_MODEL:-demo}
JVM_OPTS=${BENCH_JVM_OPTS:--XX:SharedArchiveFile=runtime/target/deepaas-runtime.jsa -XX:+UseG1GC -XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Xms32m -Xmx1g -XX:MaxNewSize=64m -XX:+ExitOnOutOfMemoryError}
JAR=${BENCH_JAR:-runtime/target/deepaas-runtime.jar}
MODULES=modules-example/target/modules-example.jar
[[ -e $JAR && -e $MODULES ]] || { echo "missing $JAR or $MODULES: build first with mvn -DskipTests package" >&2; exit 1; }
WORK=$(mktemp -d -t jdeepaas-startup.XXXXXX)
PID=
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
TCK=$(getconf CLK_TCK)
echo "server JVM flags: $JVM_OPTS; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
    data=$WORK/data-$run
    started=$(date +%s.%N)
    # shellcheck disable=SC2086
    java $JVM_OPTS -jar "$JAR" --module-path "$MODULES" --model-name "$MODEL" --listen-port 0 --data-dir "$data" \
        --engine-cache "${BENCH_ENGINE_CACHE:-$WORK/engines-$run}" --device cpu >"$WORK/run-$run.log" 2>&1 &
    PID=$!
    port=
    until [[ -n $port ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/health/ready") == 200 ]]; do
        kill -0 "$PID" 2>/dev/null || { echo "runtime died:" >&2; tail -20 "$WORK/run-$run.log" >&2; exit 1; }
        port=$(grep -oE 'listening on http://[0-9.]+:[0-9]+' "$WORK/run-$run.log" 2>/dev/null | grep -oE '[0-9]+$' | head -1 || true)
        sleep 0.02
    done
    ready=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
    cpu=$(awk -v t="$TCK" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$PID/stat")
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
    line="run $run: ready $ready s, $cpu s of CPU, $rss MiB resident when ready"
    if (( LOAD_SECONDS > 0 )) || [[ $MODEL != demo ]]; then
        sleep 5
        idle=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
        line="$line, $idle MiB 5 s later"
    fi
    if (( LOAD_SECONDS > 0 )) && [[ $MODEL == demo ]]; then
        ticks=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
        requests=0
        for c in 1 8 32; do
            n=$(BODY='{"text":"hello","number":7}' wrk -t1 -c$c -d"$((LOAD_SECONDS / 3))s" -s bench/wrk/post.lua \
                "http://127.0.0.1:$port/v2/models/demo/predict/" | awk '$1 == "requests" { print $2 }')
            requests=$((requests + n))
        done
        loaded=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
        per=$(awk -v t="$TCK" -v n="$requests" -v before="$ticks" '{ printf "%.0f", (($14 + $15) - before) / t * 1e6 / n }' "/proc/$PID/stat")
        line="$line, $loaded MiB after $LOAD_SECONDS s of load at 1, 8 and 32 connections"
        line="$line ($requests requests, server CPU $per us/request)"
        if [[ -n ${BENCH_NMT:-} ]]; then jcmd "$PID" VM.native_memory summary > "${BENCH_NMT}-$run.txt"; fi
    fi
    echo "$line"
    kill "$PID"; wait "$PID" 2>/dev/null || true
    PID=
done
