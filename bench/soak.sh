#!/usr/bin/env bash
# Soak test (issue 8): starts the runtime with the example modules on a loopback port and sends it
# mixed traffic for SOAK_SECONDS (default 600): predicts with uploads (a digits PNG, a demo
# attachment), iris infer (curl, plus a short wrk burst every sample), demo and iris trainings
# (each followed by an SSE client, then purged), and repository unloads/loads of tf-iris.
# Every SOAK_SAMPLE seconds (default 30) it prints one line: resident memory, heap after a full GC
# (jcmd GC.run + GC.heap_info), open file descriptors, threads, files under the data folder (the
# runtime's: database, trainings, uploads; the modules' private folders under data/models are
# counted apart as module_files and not judged, since iris keeps the weights of every training as a
# version it can serve), and the requests answered so far by kind.
#
# At the end it fails (exit 1) when a figure keeps growing: the samples after the warm-up (the
# first fifth of the run, at least one sample) are cut in thirds, and a figure fails when the
# smallest value of the last third is above the largest of the first third by more than its margin
# (rss 10% + 32 MB, heap 20% + 16 MB, fds +16, threads +8, files +16). It also fails when a
# request kind got answers outside what it expects (5xx, or no answer at all).
#
# Usage: bench/soak.sh   (after `mvn -DskipTests package`); knobs: SOAK_SECONDS, SOAK_SAMPLE,
# SOAK_JVM_OPTS (default "-Xmx1g"), BENCH_ENGINE_CACHE (default runtime/target/test-engines if the
# tests made it, else runtime/target/bench-engines).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DURATION=${SOAK_SECONDS:-600}
SAMPLE=${SOAK_SAMPLE:-30}
JVM_OPTS=${SOAK_JVM_OPTS:--Xmx1g}
if [[ -n "${BENCH_ENGINE_CACHE:-}" ]]; then
    CACHE=$BENCH_ENGINE_CACHE
elif [[ -d runtime/target/test-engines/pytorch ]]; then
    CACHE=$ROOT/runtime/target/test-engines
else
    CACHE=$ROOT/runtime/target/bench-engines
fi
JAR=runtime/target/deepaas-runtime.jar
MODULES=modules-example/target/modules-example.jar
for f in "$JAR" "$MODULES"; do
    [[ -e $f ]] || { echo "missing $f: build first with mvn -DskipTests package" >&2; exit 1; }
done
need() { command -v "$1" >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need jq jq
need curl curl

WORK=$(mktemp -d -t jdeepaas-soak.XXXXXX)
DATA=$WORK/data
COUNTS=$WORK/counts
mkdir -p "$COUNTS"
SERVER_PID=
LOOPS=()
cleanup() {
    for pid in "${LOOPS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${LOOPS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- inputs: a digit PNG (rendered with the JDK) and a small attachment
cat >"$WORK/Digit.java" <<'JAVA'
import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.File;
public class Digit {
    public static void main(String[] a) throws Exception {
        BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE); g.fillRect(0, 0, 96, 96);
        g.setColor(Color.BLACK); g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 72));
        g.drawString("7", 26, 76); g.dispose();
        javax.imageio.ImageIO.write(image, "png", new File(a[0]));
    }
}
JAVA
java -Djava.awt.headless=true "$WORK/Digit.java" "$WORK/digit.png"
head -c 20000 /dev/urandom | base64 >"$WORK/attachment.txt"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
# shellcheck disable=SC2086
java $JVM_OPTS -jar "$JAR" --module-path "$MODULES" --listen-ip 127.0.0.1 --listen-port "$PORT" \
    --data-dir "$DATA" --engine-cache "$CACHE" --device cpu --train-workers 2 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1500); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/v2/health/ready" || true) == 200 ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the runtime exited:"; tail -30 "$WORK/server.log"; exit 1; }
    sleep 0.2
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/v2/health/ready") == 200 ]] \
    || { echo "the runtime was not ready within 300 s"; tail -30 "$WORK/server.log"; exit 1; }

# count KIND CODE: one line per answer, summed at each sample
count() { echo "$2" >>"$COUNTS/$1"; }
curl_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$@" || echo 000; }
END=$(( $(date +%s) + DURATION ))
running() { [[ $(date +%s) -lt $END ]]; }

FLOWER='{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[6.7,3.0,5.2,2.3]}]}'
loop_predict_uploads() {
    while running; do
        count digits "$(curl_code -X POST "$BASE/v2/models/digits/predict/" -F image=@"$WORK/digit.png" -F top_k=3)"
        count demo_upload "$(curl_code -X POST "$BASE/v2/models/demo/predict/" -F text=soak -F attachment=@"$WORK/attachment.txt")"
        count demo_zip "$(curl_code -X POST "$BASE/v2/models/demo/predict/?accept=application/zip" -F text=zip -F attachment=@"$WORK/attachment.txt")"
        sleep 0.05
    done
}
loop_infer() {
    while running; do
        count iris_infer "$(curl_code "$BASE/v2/models/iris/infer" -H 'Content-Type: application/json' -d "$FLOWER")"
        sleep 0.02
    done
}
# train MODEL JSON: starts a training, follows its events to the end with an SSE client, purges it
train_follow_purge() {
    local model=$1 body=$2 uuid code
    uuid=$(curl -s --max-time 30 -X POST "$BASE/v2/models/$model/train/" -H 'Content-Type: application/json' -d "$body" | jq -r '.uuid // empty' || true)
    if [[ -z $uuid ]]; then count "${model}_train" 000; return; fi
    count "${model}_train" 200
    # the follower: the stream ends with the final status
    code=$(curl -s -N --max-time 300 -o "$WORK/events-$model" -w '%{http_code}' "$BASE/v2/models/$model/train/$uuid/events" || echo 000)
    if [[ $code == 200 ]] && grep -q '"status":"\(done\|error\|cancelled\|interrupted\)"' "$WORK/events-$model"; then
        count sse_follow 200
    else
        count sse_follow "$code"
    fi
    count purge "$(curl_code -X DELETE "$BASE/v2/models/$model/train/$uuid?purge=true")"
}
loop_demo_trainings() {
    while running; do
        train_follow_purge demo '{"epochs": 5, "sleep": 0.2}'
        # a second follower on a training that is cancelled while it runs
        uuid=$(curl -s --max-time 30 -X POST "$BASE/v2/models/demo/train/" -H 'Content-Type: application/json' -d '{"epochs": 50, "sleep": 0.1}' | jq -r '.uuid // empty' || true)
        if [[ -n $uuid ]]; then
            curl -s -N --max-time 60 "$BASE/v2/models/demo/train/$uuid/events" >/dev/null &
            sleep 1
            count cancel "$(curl_code -X DELETE "$BASE/v2/models/demo/train/$uuid")"
            wait $! 2>/dev/null || true
            count purge "$(curl_code -X DELETE "$BASE/v2/models/demo/train/$uuid?purge=true")"
        fi
        sleep 2
    done
}
loop_iris_trainings() {
    while running; do
        train_follow_purge iris '{"epochs": 5}'
        sleep 20
    done
}
loop_repository() {
    while running; do
        sleep 15
        count unload "$(curl_code -X POST "$BASE/v2/repository/models/tf-iris/unload")"
        sleep 2
        count load "$(curl_code -X POST "$BASE/v2/repository/models/tf-iris/load")"
        count index "$(curl_code -X POST "$BASE/v2/repository/index")"
    done
}
for loop in loop_predict_uploads loop_infer loop_demo_trainings loop_iris_trainings loop_repository; do
    $loop &
    LOOPS+=($!)
done

mb() { awk '{ printf "%.0f", $1 / 1024 }'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
threads() { awk '/Threads/ { print $2 }' "/proc/$SERVER_PID/status"; }
fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 | wc -l; }
heap_after_gc_mb() {
    jcmd "$SERVER_PID" GC.run >/dev/null 2>&1 || true
    jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | grep -m1 -o 'used [0-9]*K' | grep -o '[0-9]*' | mb
}
data_files() { find "$DATA" -path "$DATA/models" -prune -o -type f -print | wc -l; }
module_files() { find "$DATA/models" -type f 2>/dev/null | wc -l; }
answers() {
    local kind summary=""
    for f in "$COUNTS"/*; do
        [[ -e $f ]] || continue
        kind=$(basename "$f")
        summary+=" $kind=$(sort "$f" | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? "," : ""), $2, $1 }')"
    done
    echo "${summary# }"
}

echo "soak: ${DURATION}s of mixed traffic against $BASE (pid $SERVER_PID, $JVM_OPTS), a sample every ${SAMPLE}s; $(java -version 2>&1 | head -1)"
SAMPLES=$WORK/samples
START=$(date +%s)
while running; do
    sleep "$SAMPLE"
    WRK_LINE=$(BODY=$FLOWER timeout 30 wrk -t1 -c4 -d3s -s bench/wrk/post.lua "$BASE/v2/models/iris/infer" 2>/dev/null \
        | awk '/^rps/ { rps = $2 } /^status_5xx/ { e = $2 } END { printf "wrk_infer_rps=%s wrk_5xx=%s", rps, e }' || echo "wrk_infer_rps=?")
    t=$(( $(date +%s) - START ))
    line="$t $(rss_mb) $(heap_after_gc_mb) $(fds) $(threads) $(data_files)"
    echo "$line" >>"$SAMPLES"
    read -r _ rss heap fd th files <<<"$line"
    echo "t=${t}s rss_mb=$rss heap_after_gc_mb=$heap fds=$fd threads=$th data_files=$files module_files=$(module_files) $WRK_LINE | $(answers)"
done
for pid in "${LOOPS[@]}"; do wait "$pid" 2>/dev/null || true; done
LOOPS=()

# --- verdict
verdict=$(awk '
    { t[NR] = $1; v[NR, 1] = $2; v[NR, 2] = $3; v[NR, 3] = $4; v[NR, 4] = $5; v[NR, 5] = $6 }
    END {
        split("rss_mb heap_after_gc_mb fds threads data_files", name, " ")
        split("0.10 0.20 0 0 0", rel, " "); split("32 16 16 8 16", abs, " ")
        skip = int(NR / 5); if (skip < 1) skip = 1
        n = NR - skip
        if (n < 3) { print "FAIL: only " NR " samples; run at least " 4 " sample periods"; exit }
        third = int(n / 3)
        bad = ""
        for (k = 1; k <= 5; k++) {
            firstMax = -1; lastMin = -1
            for (i = skip + 1; i <= skip + third; i++) if (v[i, k] > firstMax) firstMax = v[i, k]
            for (i = NR - third + 1; i <= NR; i++) if (lastMin < 0 || v[i, k] < lastMin) lastMin = v[i, k]
            limit = firstMax * (1 + rel[k]) + abs[k]
            if (lastMin > limit) bad = bad " " name[k] " (last third at least " lastMin ", first third at most " firstMax ")"
        }
        if (bad != "") print "FAIL: kept growing:" bad
        else print "ok"
    }' "$SAMPLES")
failures=$(for f in "$COUNTS"/*; do
    kind=$(basename "$f")
    bad=$(grep -cv '^\(200\|429\)$' "$f" || true)
    [[ $bad -gt 0 ]] && echo -n " $kind: $bad answers not 200/429 ($(grep -v '^\(200\|429\)$' "$f" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }'))"
done || true)
if grep -q ' ERROR ' "$WORK/server.log"; then
    failures+=" server log has $(grep -c ' ERROR ' "$WORK/server.log") ERROR lines (first: $(grep -m1 ' ERROR ' "$WORK/server.log" | cut -c1-200))"
fi
if [[ $verdict == ok && -z $failures ]]; then
    echo "PASS: over ${DURATION}s nothing kept growing (rss, heap after GC, fds, threads, data files) and every answer was expected"
    exit 0
fi
echo "FAIL:${failures} ${verdict#ok}"
exit 1
