#!/usr/bin/env bash
# What authentication costs a request, in process: a repeated bearer token (cache), a token seen for
# the first time (RS256 check against a warm key set). Needs `mvn -DskipTests package` (and
# test-compile) first. Prints VALUE lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o -pl runtime -am test-compile >/dev/null
mvn -q -o -pl runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/auth-bench.cp >/dev/null 2>&1 \
    || mvn -q -pl runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/auth-bench.cp >/dev/null
java -cp "runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/auth-bench.cp)" \
    io.jdeepaas.runtime.auth.AuthOverheadBench "${1:-1000}"
