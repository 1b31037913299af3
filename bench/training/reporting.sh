#!/usr/bin/env bash
# How much a module's progress and metrics reports cost it (issue 8, item 8). Starts the runtime
# with the test fixture `chatty` (runtime/target/test-classes), which reports progress and one
# metric for every step of a loop that does nothing else, and trains it with STEPS steps, in thread
# and in process isolation. Prints, per mode, VALUE lines: the module's time inside its loop (the
# reporting cost, `reporting_ms`), per report pair (`per_step_us`), the whole training
# (`training_s`), and checks that every value was recorded.
#
# Usage: bench/training/reporting.sh   (after `mvn -DskipTests package` and `mvn test-compile`)
# Knobs: REPORT_STEPS (default "5000 50000"), BENCH_ENGINE_CACHE.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
STEPS_LIST=${REPORT_STEPS:-5000 50000}
JAR=runtime/target/deepaas-runtime.jar
CP="runtime/target/test-classes:runtime/target/classes:$JAR:runtime/target/lib/*"
CACHE=${BENCH_ENGINE_CACHE:-$ROOT/runtime/target/test-engines}
for f in "$JAR" runtime/target/test-classes/io/jdeepaas/runtime/fixtures/ChattyModel.class; do
    [[ -e $f ]] || { echo "missing $f: build first with mvn -DskipTests package test-compile" >&2; exit 1; }
done
command -v jq >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq jq >/dev/null; }

WORK=$(mktemp -d -t jdeepaas-reporting.XXXXXX)
PID=
stop() { [[ -n $PID ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; }; }
trap 'stop; rm -rf "$WORK"' EXIT

for mode in thread process; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java -Xmx512m -Dai.djl.offline=true -cp "$CP" io.jdeepaas.runtime.cli.Main --listen-port "$port" \
        --model-name chatty --device cpu --data-dir "$WORK/data-$mode" --engine-cache "$CACHE" \
        --train-isolation "$mode" >"$WORK/$mode.log" 2>&1 &
    PID=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 600); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/v2/health/ready") == 200 ]] && break
        sleep 0.2
    done
    for steps in $STEPS_LIST; do
        uuid=$(curl -sf -X POST "$base/v2/models/chatty/train/" -H 'Content-Type: application/json' \
            -d "{\"steps\": $steps}" | jq -r .uuid)
        while :; do
            record=$(curl -sf "$base/v2/models/chatty/train/$uuid")
            status=$(jq -r .status <<<"$record")
            [[ $status == queued || $status == running ]] || break
            sleep 0.2
        done
        points=$(curl -sf "$base/v2/models/chatty/train/$uuid/metrics" | jq '.series.loss | length')
        jq -r --arg mode "$mode" --arg steps "$steps" --arg points "$points" '
            "VALUE \($mode)_\($steps)_status \(.status) (step \(.progress.step)/\(.progress.total), \($points) loss values stored)",
            "VALUE \($mode)_\($steps)_reporting_ms \(.result.reporting_ms)",
            "VALUE \($mode)_\($steps)_per_step_us \((.result.reporting_ms * 1000 / ($steps | tonumber)) | floor)",
            "VALUE \($mode)_\($steps)_training_s \(.duration)"' <<<"$record"
    done
    stop
done
