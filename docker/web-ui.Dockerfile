# syntax=docker/dockerfile:1
#
# Labscale web-ui: the Vaadin web UI (talks only to platform-api over HTTP).
#
# Build from the repository root, after packaging the Quarkus fast-jar:
#   ./mvnw -DskipTests package
#   docker build -f docker/web-ui.Dockerfile -t labscale/web-ui .
# The build context is cut down to web-ui/target/quarkus-app by docker/web-ui.Dockerfile.dockerignore.

FROM eclipse-temurin:17-jre-noble

# curl for HEALTHCHECK: eclipse-temurin images do not promise it (newer tags dropped it), so install it ourselves.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# A fixed, non-root uid/gid so that volume ownership is predictable across rebuilds and hosts.
RUN groupadd --system --gid 10001 labscale \
    && useradd --system --uid 10001 --gid labscale --home-dir /deployments --no-create-home \
        --shell /usr/sbin/nologin labscale

# Quarkus fast-jar layout, most stable layers first (dependencies change less often than our code).
# The files stay owned by root: the app only reads them.
WORKDIR /deployments
COPY web-ui/target/quarkus-app/lib/ /deployments/lib/
COPY web-ui/target/quarkus-app/*.jar /deployments/
COPY web-ui/target/quarkus-app/app/ /deployments/app/
COPY web-ui/target/quarkus-app/quarkus/ /deployments/quarkus/

# JAVA_OPTS: the defaults below; replace them as a whole. JAVA_OPTS_APPEND: add flags without repeating the defaults
# (e.g. -Xmx2g, -Dquarkus.log.level=DEBUG). The JVM sizes its heap from the container's memory limit.
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND=""

USER 10001:10001
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT}/q/health/ready" || exit 1

# sh -c so that JAVA_OPTS is word-split; exec so that java is PID 1 and receives SIGTERM (graceful shutdown).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
