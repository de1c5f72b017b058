# syntax=docker/dockerfile:1
#
# Labscale platform-api: REST API, first-admin bootstrap, Flyway migrations at start.
#
# Build from the repository root, after packaging the Quarkus fast-jar:
#   ./mvnw -DskipTests package
#   docker build -f docker/platform-api.Dockerfile -t labscale/platform-api .
# The build context is cut down to platform-api/target/quarkus-app by docker/platform-api.Dockerfile.dockerignore.

FROM eclipse-temurin:17-jre-noble

# curl for HEALTHCHECK: eclipse-temurin images do not promise it (newer tags dropped it), so install it ourselves.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed, non-root uid/gid so that volume ownership is predictable across rebuilds and hosts.
RUN groupadd --system --gid 10001 labscale \
    && useradd --system --uid 10001 --gid labscale --home-dir /deployments --no-create-home \
        --shell /usr/sbin/nologin labscale \
    && install -d -o labscale -g labscale -m 700 /var/lib/labscale

# Quarkus fast-jar layout, most stable layers first (dependencies change less often than our code).
# The files stay owned by root: the app only reads them.
WORKDIR /deployments
COPY platform-api/target/quarkus-app/lib/ /deployments/lib/
COPY platform-api/target/quarkus-app/*.jar /deployments/
COPY platform-api/target/quarkus-app/app/ /deployments/app/
COPY platform-api/target/quarkus-app/quarkus/ /deployments/quarkus/

# JAVA_OPTS: the defaults below; replace them as a whole. JAVA_OPTS_APPEND: add flags without repeating the defaults
# (e.g. -Xmx2g, -Dquarkus.log.level=DEBUG). The JVM sizes its heap from the container's memory limit.
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_PORT=8180 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND=""

USER 10001:10001
EXPOSE 8180

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT}/q/health/ready" || exit 1

# sh -c so that JAVA_OPTS is word-split; exec so that java is PID 1 and receives SIGTERM (graceful shutdown).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
