# ordercloud-hub container image: build with the Maven wrapper, run the Boot jar's layers as a non-root user.
#   docker build -t ordercloud-hub .
#   docker run -p 8080:8080 -e OC_HASH_KEYS=… -e HUB_OPS_USERNAME=… -e HUB_OPS_PASSWORD=… \
#              -e HUB_ENCRYPTION_KEY=… -e SPRING_DATASOURCE_URL=jdbc:postgresql://… ordercloud-hub
# No secret is baked in: the hub refuses to start until they are given (see README).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dspotless.apply.skip=true -Dspotless.check.skip=true \
 && java -Djarmode=tools -jar target/ordercloud-hub-*.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /app --shell /usr/sbin/nologin hub \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# least-changing layers first, so a code change rebuilds only the last one
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
# what integrators edit lives next to the jar, read from the working directory
COPY application.yaml ./
COPY routes routes
COPY mappings mappings
COPY templates templates
RUN mkdir -p /app/data && chown -R hub:hub /app/data
USER hub
EXPOSE 8080 8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
