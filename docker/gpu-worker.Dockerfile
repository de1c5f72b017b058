# syntax=docker/dockerfile:1
#
# Labscale gpu-worker: training/inference worker, CPU build (its HTTP port serves only /q/health and /q/metrics).
#
# Build from the repository root, after packaging the Quarkus fast-jar:
#   ./mvnw -DskipTests package
#   docker build -f docker/gpu-worker.Dockerfile -t labscale/gpu-worker .
# The build context is cut down to gpu-worker/target/quarkus-app by docker/gpu-worker.Dockerfile.dockerignore.

FROM eclipse-temurin:17-jre-noble

# curl for HEALTHCHECK: eclipse-temurin images do not promise it (newer tags dropped it), so install it ourselves;
# a font for the text of the TRACKING figures (headless AWT).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# A fixed, non-root uid/gid so that volume ownership is predictable across rebuilds and hosts.
RUN groupadd --system --gid 10001 labscale \
    && useradd --system --uid 10001 --gid labscale --home-dir /deployments --no-create-home \
        --shell /usr/sbin/nologin labscale \
    && install -d -o labscale -g labscale -m 700 /var/cache/labscale-worker

# Quarkus fast-jar layout, most stable layers first (dependencies change less often than our code).
# The files stay owned by root: the app only reads them.
WORKDIR /deployments
COPY gpu-worker/target/quarkus-app/lib/ /deployments/lib/
COPY gpu-worker/target/quarkus-app/*.jar /deployments/
COPY gpu-worker/target/quarkus-app/app/ /deployments/app/
COPY gpu-worker/target/quarkus-app/quarkus/ /deployments/quarkus/

# JAVA_OPTS: the defaults below; replace them as a whole. JAVA_OPTS_APPEND: add flags without repeating the defaults
# (e.g. -Xmx2g, -Dquarkus.log.level=DEBUG). The JVM sizes its heap from the container's memory limit.
# DJL unpacks the native PyTorch libraries (~430 MB) into ENGINE_CACHE_DIR on first use: keep the cache directory on a
# volume so that this happens once. ai.djl.offline: the natives come from the classpath; never download at run time.
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_PORT=8280 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dai.djl.offline=true" \
    JAVA_OPTS_APPEND="" \
    LABSCALE_WORKER_CACHE_DIR=/var/cache/labscale-worker \
    DJL_CACHE_DIR=/var/cache/labscale-worker/djl \
    ENGINE_CACHE_DIR=/var/cache/labscale-worker/djl

USER 10001:10001
EXPOSE 8280

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT}/q/health/ready" || exit 1

# sh -c so that JAVA_OPTS is word-split; exec so that java is PID 1 and receives SIGTERM (graceful shutdown).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
