#!/bin/sh
# Makes the runtime's class-data archive (AppCDS, target/deepaas-runtime.jsa) at `mvn package`: one
# start of the packaged runtime, with only the demo module when modules-example is built, that stops
# once its models are warm; the JVM writes the classes it loaded into the archive as it exits, and
# later starts given -XX:SharedArchiveFile map them instead of loading and verifying them again.
# A failed run leaves no archive and does not fail the build (start-ups are only slower).
# Java 17 uses an archive only when the class path is spelled as it was at this run, so the run is
# made from the repository's root with runtime/target/deepaas-runtime.jar, as the README's command.
# Usage: sh runtime/src/build/class-data-archive.sh [JAR ARCHIVE DEMO_JAR]   (the image passes its own paths)
cd "$(dirname "$0")/../../.." || exit 1
# the image's own JVM options (which name the archive) and listen address do not apply to this run
unset JDK_JAVA_OPTIONS
jar=${1:-runtime/target/deepaas-runtime.jar}
archive=${2:-runtime/target/deepaas-runtime.jsa}
demo=${3:-modules-example/target/modules-example.jar}
work=$(mktemp -d)
rm -f "$archive"
mkdir -p "$work/modules"
if [ -f "$demo" ]; then
    set -- --module-path "$demo" --model-name demo
else
    set -- --module-path "$work/modules"
fi
if ! java -XX:ArchiveClassesAtExit="$archive" -Xms64m -Xmx1g -jar "$jar" "$@" \
        --listen-ip 127.0.0.1 --listen-port 0 --data-dir "$work/data" --engine-cache "$work/engines" --device cpu --exit-when-ready \
        >"$work/log" 2>&1 || [ ! -s "$archive" ]; then
    echo "no class-data archive made (start-ups will be slower); the run's log ends with:" >&2
    tail -20 "$work/log" >&2
    rm -f "$archive"
fi
rm -rf "$work"
