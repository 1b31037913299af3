#!/usr/bin/env bash
# Builds the CPU image with podman from a clean `git archive` of HEAD, offline against the local
# Maven repository, on base images made here from Debian packages, then runs it as a user would
# and checks what a user would notice. Prints `N passed, M failed`; exits 1 on any failure.
#
#   sudo deploy/container-smoke.sh          (as root; installs podman, debootstrap, runc, curl)
#
# Only committed work is tested (HEAD, not the work tree). Base images are made once per recipe
# and kept, by a key hashed from the recipe, in podman's store and in $JDEEPAAS_CI_CACHE.
# Environment: JDEEPAAS_CI_CACHE (default /var/cache/jdeepaas-ci), MAVEN_REPO (default ~/.m2),
# SMOKE_KEEP=1 keeps the containers and the volume for a look afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${JDEEPAAS_CI_CACHE:-/var/cache/jdeepaas-ci}"
MAVEN_HOME_DIR="${MAVEN_REPO:-$HOME/.m2}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
JRE_PACKAGES="openjdk-17-jre-headless"
BUILD_PACKAGES="openjdk-17-jdk-headless maven"
IMAGE=localhost/jdeepaas:smoke
NAME="jdeepaas-smoke-$$"
VOLUME="jdeepaas-smoke-data-$$"
WORK="$(mktemp -d /tmp/jdeepaas-smoke.XXXXXX)"

passed=0
failed=0
started=$SECONDS

say() { printf '[smoke %3ds] %s\n' "$((SECONDS - started))" "$*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
summary() {
    echo "container smoke: ${passed} passed, ${failed} failed"
    echo "${passed} passed, ${failed} failed"
}
finish() {
    local code=$?
    if [ "${SMOKE_KEEP:-0}" != 1 ]; then
        podman rm -f -t 0 "$NAME" "$NAME-2" >/dev/null 2>&1 || true
        podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
        rm -rf "$WORK"
    fi
    if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then
        fail "the smoke test stopped early (exit code $code)"
        summary
        exit 1
    fi
}
trap finish EXIT

# ---- tools, from Debian ----
need=()
for tool in podman:podman debootstrap:debootstrap runc:runc curl:curl; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
if [ "${#need[@]}" -gt 0 ]; then
    say "installing ${need[*]} from Debian"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" \
        containernetworking-plugins iptables uidmap >/dev/null
fi

# podman on this kind of machine: runc (crun refuses hybrid cgroups) and limits it can set.
mkdir -p "$CACHE"
cat > "$CACHE/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF="$CACHE/containers.conf"

# ---- base images: a Debian minbase with Debian's JRE, and one with its JDK and Maven ----
make_bases() {
    local key="$1" jre="$2" build="$3" tarball="$CACHE/jre-base-$1.tar"
    if ! podman image exists "$jre"; then
        if [ ! -s "$tarball" ]; then
            say "making the JRE base with debootstrap ($SUITE, $JRE_PACKAGES)"
            local rootfs="$WORK/rootfs"
            debootstrap --variant=minbase --include="${JRE_PACKAGES// /,}" "$SUITE" "$rootfs" "$MIRROR" \
                > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; return 1; }
            rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*_* "$rootfs"/usr/share/doc/*
            tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
            rm -rf "$rootfs"
        fi
        podman import --change 'CMD ["/bin/bash"]' "$tarball" "$jre" >/dev/null
    fi
    if ! podman image exists "$build"; then
        say "making the build base ($BUILD_PACKAGES)"
        mkdir -p "$WORK/build-base"
        cat > "$WORK/build-base/Containerfile" <<EOF
FROM $jre
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $BUILD_PACKAGES \
 && rm -rf /var/lib/apt/lists/*_* /var/cache/apt/archives/*.deb
EOF
        podman build -q --network host -t "$build" "$WORK/build-base" >/dev/null
    fi
}
KEY="$(printf '%s\n' "$SUITE" "$MIRROR" "$JRE_PACKAGES" "$BUILD_PACKAGES" "$(declare -f make_bases)" \
    | sha256sum | cut -c1-16)"
JRE_BASE="localhost/jdeepaas-ci/jre-base:$KEY"
BUILD_BASE="localhost/jdeepaas-ci/build-base:$KEY"
t0=$SECONDS
make_bases "$KEY" "$JRE_BASE" "$BUILD_BASE"
say "base images ready in $((SECONDS - t0)) s: $JRE_BASE, $BUILD_BASE"

# ---- build from a clean archive of HEAD, offline ----
mkdir -p "$WORK/src" "$MAVEN_HOME_DIR/repository"
git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$WORK/src"
revision="$(git -C "$ROOT" rev-parse --short HEAD)"
t0=$SECONDS
if podman build --format docker --network none \
        -v "$MAVEN_HOME_DIR:/root/.m2:O" \
        --build-arg BUILD_IMAGE="$BUILD_BASE" --build-arg RUNTIME_IMAGE="$JRE_BASE" \
        --build-arg REVISION="$revision" \
        -t "$IMAGE" "$WORK/src" > "$WORK/build.log" 2>&1; then
    build_s=$((SECONDS - t0))
    size="$(podman image inspect -f '{{.Size}}' "$IMAGE")"
    pass "image built offline from HEAD $revision in ${build_s} s; size $((size / 1000000)) MB"
else
    tail -40 "$WORK/build.log"
    fail "image build (log above)"
    summary
    exit 1
fi
# Old smoke images only: the newer untagged images are the build cache of the next run.
podman image prune -f --filter until=72h >/dev/null 2>&1 || true

# The baked engine folder is complete and accepted read-only: `prepare-engines` loads every engine
# from it, on a read-only root file system, without network.
engines="$(podman run --rm --read-only --network none "$IMAGE" prepare-engines 2>"$WORK/prepare.err")" \
    && [ "$(grep -c '"loaded" : true' <<<"$engines")" -ge 2 ] && grep -q '"name" : "TensorFlow"' <<<"$engines" \
    && pass "prepare-engines loads PyTorch and TensorFlow from the read-only image" \
    || { echo "$engines"; tail -20 "$WORK/prepare.err"; fail "prepare-engines in the image"; }

# Secure by default: without authentication, a container (listening on 0.0.0.0) refuses to start
refused="$(podman run --rm --read-only --network none "$IMAGE" 2>&1)" && code=0 || code=$?
if [ "$code" = 2 ] && grep -q 'refusing to listen on 0.0.0.0 without authentication' <<<"$refused"; then
    pass "without authentication or DEEPAAS_INSECURE the container refuses to start, saying why"
else
    echo "$refused" | tail -5
    fail "a container without authentication started (exit $code)"
fi

# ---- run it ----
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-40000 -n 1)"
base="http://127.0.0.1:$port"
run() {  # run NAME: a container on the volume, root file system read-only, port on loopback only
    # --health-interval disable: no systemd timer (podman still says it lacks systemd; that goes to
    # podman.err); `podman healthcheck run` still works
    # DEEPAAS_INSECURE: this test publishes the port on loopback only and sends no credentials
    podman run -d --name "$1" --read-only --health-interval disable -p "127.0.0.1:$port:5000" \
        -e DEEPAAS_INSECURE=true -v "$VOLUME:/var/lib/jdeepaas" "$IMAGE" >/dev/null 2>"$WORK/podman.err" || { cat "$WORK/podman.err"; return 1; }
}
wait_ready() {  # wait_ready NAME: seconds until /v2/health/ready answers 200, or fails after 240 s
    local t=$SECONDS
    while [ $((SECONDS - t)) -lt 240 ]; do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/v2/health/ready")" = 200 ]; then
            echo $((SECONDS - t))
            return 0
        fi
        [ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ] || break
        sleep 0.5
    done
    podman logs --tail 30 "$1" >&2
    return 1
}
stop_checked() {  # stop_checked NAME: SIGTERM, as `docker stop` sends it; clean and prompt?
    local t=$SECONDS code
    podman stop -t 30 "$1" >/dev/null 2>"$WORK/podman.err" || cat "$WORK/podman.err"
    code="$(podman inspect -f '{{.State.ExitCode}}' "$1")"
    if { [ "$code" = 0 ] || [ "$code" = 143 ]; } && [ $((SECONDS - t)) -le 10 ]; then
        pass "SIGTERM stopped $1 in $((SECONDS - t)) s with exit code $code"
    else
        podman logs --tail 30 "$1"
        fail "SIGTERM: exit code $code after $((SECONDS - t)) s (want 0 or 143 within 10 s)"
    fi
}
post() { curl -s -X POST "$base$1" -H 'Content-Type: application/json' -d "$2"; }

t0=$SECONDS
run "$NAME"
if ready_s="$(wait_ready "$NAME")"; then
    pass "ready ${ready_s} s after podman run (first start: empty volume)"
else
    fail "not ready within 240 s"
    summary
    exit 1
fi

uid="$(podman exec "$NAME" id -u)"
[ "$uid" = 10001 ] && pass "runs as uid $uid, not root" || fail "runs as uid $uid, want 10001"

if podman healthcheck run "$NAME" >/dev/null 2>&1; then pass "HEALTHCHECK reports healthy"; else fail "HEALTHCHECK"; fi

debug="$(curl -s "$base/v2/debug")"
if grep -q '"library_path" *: *"/opt/jdeepaas/engines/' <<<"$debug" \
        && podman exec "$NAME" sh -c '! ls -A /var/lib/jdeepaas | grep -q engines'; then
    pass "engines from the image's read-only /opt/jdeepaas/engines, none in the data volume"
else
    echo "$debug"; fail "engine folders"
fi

out="$(post /v2/models/demo/predict/ '{"text": "hello from a container", "number": 7}')"
grep -q 'hello from a container' <<<"$out" && pass "demo predict" || { echo "$out"; fail "demo predict"; }

infer='{"inputs": [{"name": "input", "shape": [2, 4], "datatype": "FP32", "data": [5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]}], "outputs": [{"name": "class"}]}'
out="$(post /v2/models/iris/infer "$infer")"
grep -q '"setosa","virginica"' <<<"$out" && pass "iris infer (PyTorch)" || { echo "$out"; fail "iris infer"; }
out="$(post /v2/models/tf-iris/infer "$infer")"
grep -q '"setosa"' <<<"$out" && pass "tf-iris infer (TensorFlow)" || { echo "$out"; fail "tf-iris infer"; }

uuid="$(post /v2/models/demo/train/ '{"epochs": 2, "sleep": 0.2}' | sed -n 's/.*"uuid" *: *"\([0-9a-f]\{32\}\)".*/\1/p')"
status=""
for _ in $(seq 1 60); do
    status="$(curl -s "$base/v2/models/demo/train/$uuid" | sed -n 's/.*"status" *: *"\([a-z]*\)".*/\1/p')"
    [ "$status" = done ] || [ "$status" = error ] && break
    sleep 0.5
done
[ -n "$uuid" ] && [ "$status" = done ] && pass "demo training $uuid done" || fail "demo training: '$uuid' is '$status'"

# A training still running when the container stops is recorded as interrupted.
running="$(post /v2/models/demo/train/ '{"epochs": 1000, "sleep": 1}' | sed -n 's/.*"uuid" *: *"\([0-9a-f]\{32\}\)".*/\1/p')"
sleep 1
stop_checked "$NAME"

# ---- a new container on the same volume keeps the training record ----
podman rm "$NAME" >/dev/null 2>&1
run "$NAME-2"
if ready_s="$(wait_ready "$NAME-2")"; then
    pass "ready again ${ready_s} s after podman run on the same volume"
    record="$(curl -s "$base/v2/models/demo/train/$uuid")"
    grep -q '"status" *: *"done"' <<<"$record" && pass "training record kept across containers" \
        || { echo "$record"; fail "training record after restart"; }
    record="$(curl -s "$base/v2/models/demo/train/$running")"
    grep -q '"status" *: *"interrupted"' <<<"$record" && pass "the training running at SIGTERM is recorded as interrupted" \
        || { echo "$record"; fail "the training running at SIGTERM: want interrupted"; }
else
    fail "not ready again on the same volume"
fi
stop_checked "$NAME-2"

summary
[ "$failed" -eq 0 ]
