# jDEEPaaS CPU image: the runtime, its libraries, the example modules, and the engines' native
# libraries extracted at build time into a read-only folder of the image.
#
#   docker build -t jdeepaas .
#   docker run --rm -p 127.0.0.1:5000:5000 -v jdeepaas-data:/var/lib/jdeepaas jdeepaas
#
# Both base images can be replaced (a mirror, a pinned digest, a locally made image):
#   --build-arg BUILD_IMAGE=...    a JDK 17 with Maven 3.8+ (`mvn` on PATH)
#   --build-arg RUNTIME_IMAGE=...  a JRE 17 (`java` on PATH) with bash
# Any base works whose shell is bash or POSIX sh; nothing is installed into the run stage.

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# ---- dependencies: a layer that changes only with a pom ----
FROM ${BUILD_IMAGE} AS deps
WORKDIR /src
# The poms alone, built with no sources: Maven fetches exactly the plugins and libraries that
# `package` needs, and runtime/target/lib holds every library jar, the engines' natives included.
COPY pom.xml ./
COPY entrypoint-spi/pom.xml entrypoint-spi/
COPY modules-example/pom.xml modules-example/
COPY runtime/pom.xml runtime/
# the other reactor modules' poms, so Maven can read the reactor (they are not built: -pl below)
COPY module-testkit/pom.xml module-testkit/
COPY module-archetype/pom.xml module-archetype/
COPY modules-example-tests/pom.xml modules-example-tests/
COPY clients-it/pom.xml clients-it/
# (the class-data archive is skipped here: there are no sources to run yet; the plugin is still fetched)
RUN mvn -B -q -DskipTests -Dexec.skip=true -pl runtime,modules-example -am package

# ---- engines: the native libraries laid out from their jars (1.6 GB, rebuilt only with a pom) ----
FROM deps AS engines
COPY deploy/image/extract-engine-natives /usr/local/bin/
RUN sh /usr/local/bin/extract-engine-natives runtime/target/lib /opt/jdeepaas/engines

# ---- build: the sources (see .dockerignore: no target/, data/ or .git), offline ----
FROM deps AS build
COPY . .
# (-Dexec.skip: the archive is made below, for the image's own paths)
RUN rm -rf */target && mvn -B -q -o -DskipTests -Dexec.skip=true -pl runtime,modules-example -am package
# /opt/jdeepaas: deepaas-runtime.jar, lib/ (without the TensorFlow native jar, whose libraries are
# in engines/), modules/modules-example.jar
RUN set -eu; \
    app=/opt/jdeepaas; mkdir -p "$app/modules"; \
    cp runtime/target/deepaas-runtime.jar "$app/"; \
    cp -r runtime/target/lib "$app/lib"; \
    rm "$app"/lib/tensorflow-native-*.jar; \
    cp modules-example/target/modules-example.jar "$app/modules/"; \
    chmod -R a+rX,go-w "$app"

# ---- run stage ----
FROM ${RUNTIME_IMAGE}
# A fixed non-root user (uid 10001, group 0 so that an arbitrary uid of group 0 can write the
# data folder too, as OpenShift runs images). Written directly: no useradd needed in the base.
RUN set -eu; \
    echo 'jdeepaas:x:10001:0:jDEEPaaS:/var/lib/jdeepaas:/usr/sbin/nologin' >> /etc/passwd; \
    mkdir -p /var/lib/jdeepaas; chown 10001:0 /var/lib/jdeepaas; chmod 0770 /var/lib/jdeepaas
WORKDIR /opt/jdeepaas
# Largest and least changing first: engines, then libraries, then the runtime and modules.
COPY --from=engines /opt/jdeepaas/engines ./engines
COPY --from=build /opt/jdeepaas/lib ./lib
COPY --from=build /opt/jdeepaas/deepaas-runtime.jar ./
COPY --from=build /opt/jdeepaas/modules ./modules
COPY deploy/image/healthcheck /usr/local/bin/jdeepaas-healthcheck
# The class-data archive (README, "Performance and JVM flags") for the image's own paths: one start
# of the runtime with only demo, which exits once ready; without it the image only starts slower.
COPY runtime/src/build/class-data-archive.sh /usr/local/bin/jdeepaas-class-data-archive
RUN sh /usr/local/bin/jdeepaas-class-data-archive /opt/jdeepaas/deepaas-runtime.jar /opt/jdeepaas/deepaas-runtime.jsa \
        /opt/jdeepaas/modules/modules-example.jar
ENV DEEPAAS_LISTEN_IP=0.0.0.0 \
    DEEPAAS_LISTEN_PORT=5000 \
    DEEPAAS_DATA_DIR=/var/lib/jdeepaas \
    DEEPAAS_MODULE_PATH=/opt/jdeepaas/modules/modules-example.jar \
    DEEPAAS_ENGINE_CACHE=/opt/jdeepaas/engines \
    ENGINE_CACHE_DIR=/opt/jdeepaas/engines \
    TENSORFLOW_LIBRARY_PATH=/opt/jdeepaas/engines/tensorflow/current \
    JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=/opt/jdeepaas/deepaas-runtime.jsa -XX:+UseG1GC -XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Xms32m -XX:MaxRAMPercentage=50 -XX:MaxNewSize=64m -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/jdeepaas
EXPOSE 5000
USER 10001:0
# The JVM ends on SIGTERM after closing the server (running trainings are recorded as
# interrupted); give it the orchestrator's default grace period (10 s for docker, 30 s for Kubernetes).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 CMD ["/usr/local/bin/jdeepaas-healthcheck"]
# Last, so that a new revision does not rebuild the layers above.
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="jDEEPaaS" \
      org.opencontainers.image.description="Serves machine-learning models over the DEEPaaS v2 API and the Open Inference Protocol (KServe V2)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENTRYPOINT ["java", "-jar", "/opt/jdeepaas/deepaas-runtime.jar"]
