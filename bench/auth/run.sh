#!/usr/bin/env bash
# What authentication costs a request, in process: a repeated bearer token (the validated-token
# cache) and a token seen for the first time (RS256 signature and claims against a warm key set),
# with tokens from a real OpenID Connect provider (mock-oauth2-server) on loopback. Prints VALUE lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o -pl runtime -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-test.cp >/dev/null
java -cp "runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/bench-test.cp)" \
    io.jdeepaas.runtime.auth.AuthOverheadBench "${1:-1000}" 2>/dev/null
