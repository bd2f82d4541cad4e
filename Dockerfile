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
 && java -Djarmode=tools -jar target/ordercloud-hub-*.jar extract --layers --destination target/extracted \
 && mv target/extracted/application/ordercloud-hub-*.jar target/extracted/application/ordercloud-hub.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system hub && useradd --system --gid hub --home-dir /app --shell /usr/sbin/nologin hub \
 && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# least-changing layers first, so a code change rebuilds only the last ones: /app/lib/*.jar and
# /app/ordercloud-hub.jar, whose manifest names them (Boot's extracted layout, which CDS needs: a plain class path)
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
# what integrators edit lives next to the jar, read from the working directory
COPY application.yaml ./
COPY routes routes
COPY mappings mappings
COPY templates templates
# Class-data sharing (README "Start-up"): a training run refreshes the context once and exits
# (-Dspring.context.exit=onRefresh), and the classes it loaded are archived in /app/hub.jsa, which every start maps
# instead of loading and verifying them again. It runs here, in the image that runs the hub, because an archive is
# only used by the very JVM build that wrote it. Its settings are throw-away values for this run only (no real
# secret, an H2 database in /tmp that is deleted): nothing of it is left in the image but the archive.
RUN OC_HASH_KEYS=cds-training HUB_OPS_USERNAME=cds HUB_OPS_PASSWORD=cds-training-only \
    HUB_ENCRYPTION_KEY=Y2RzLXRyYWluaW5nLW9ubHktbm90LWEtc2VjcmV0LTMyYg== \
    SPRING_DATASOURCE_URL="jdbc:h2:file:/tmp/cds/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    HUB_MAIL_OUTBOXDIR=/tmp/cds/outbox \
    java -XX:MaxRAMPercentage=75 -XX:ArchiveClassesAtExit=hub.jsa -Dspring.context.exit=onRefresh -jar ordercloud-hub.jar \
    >/tmp/cds-training.log 2>&1 || true; \
    test -s hub.jsa || { cat /tmp/cds-training.log; exit 1; }; rm -rf /tmp/cds /tmp/cds-training.log ./data
RUN mkdir -p /app/data && chown -R hub:hub /app/data
USER hub
EXPOSE 8080 8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
# -XX:SharedArchiveFile: the CDS archive above (a JVM that cannot use it says so once and starts without it)
ENTRYPOINT ["java", "-XX:SharedArchiveFile=hub.jsa", "-jar", "ordercloud-hub.jar"]
