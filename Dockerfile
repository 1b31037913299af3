# Build stage: compile the reactor with Maven.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests package

# Run stage: a JRE with the runtime, its libraries and the example modules.
FROM eclipse-temurin:17-jre
WORKDIR /opt/jdeepaas
COPY --from=build /src/runtime/target/deepaas-runtime.jar ./deepaas-runtime.jar
COPY --from=build /src/runtime/target/lib ./lib
COPY --from=build /src/modules-example/target/modules-example.jar ./modules/modules-example.jar
ENV DEEPAAS_LISTEN_IP=0.0.0.0 \
    DEEPAAS_LISTEN_PORT=5000 \
    DEEPAAS_DATA_DIR=/var/lib/jdeepaas \
    DEEPAAS_MODULE_PATH=/opt/jdeepaas/modules/modules-example.jar
VOLUME /var/lib/jdeepaas
EXPOSE 5000
ENTRYPOINT ["java", "-jar", "/opt/jdeepaas/deepaas-runtime.jar"]
