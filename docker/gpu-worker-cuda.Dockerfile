# syntax=docker/dockerfile:1
#
# Labscale gpu-worker, CUDA build: trains with DJL/PyTorch (pytorch-native-cu124) and infers with ONNX Runtime's
# CUDA execution provider (onnxruntime_gpu). Its HTTP port serves only /q/health and /q/metrics.
#
# Build from the repository root. gpu-worker/target/quarkus-app must hold the CUDA build, so package with -Pcuda
# right before building this image (the CPU image needs a package without -Pcuda afterwards):
#   ./mvnw -DskipTests -Pcuda -pl gpu-worker -am package
#   docker build -f docker/gpu-worker-cuda.Dockerfile -t labscale/gpu-worker:cuda .
# Run it with the NVIDIA Container Toolkit (docker run --gpus all ..., or compose profile "cuda").
#
# Versions: PyTorch 2.5.1 cu124 needs CUDA 12.x and cuDNN 9; ONNX Runtime GPU 1.2x packages are built for CUDA 12.x
# and cuDNN 9 (compatible with any CUDA 12.x runtime). The host driver must support CUDA 12.4 (R550 or newer).

FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04

# The base image has no Java. Ubuntu's OpenJDK 17 JRE (headless) plus curl for HEALTHCHECK.
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# A fixed, non-root uid/gid so that volume ownership is predictable across rebuilds and hosts.
RUN groupadd --system --gid 10001 labscale \
    && useradd --system --uid 10001 --gid labscale --home-dir /deployments --no-create-home \
        --shell /usr/sbin/nologin labscale \
    && install -d -o labscale -g labscale -m 700 /var/cache/labscale-worker

# Quarkus fast-jar layout, most stable layers first. The files stay owned by root: the app only reads them.
WORKDIR /deployments
COPY gpu-worker/target/quarkus-app/lib/ /deployments/lib/
COPY gpu-worker/target/quarkus-app/*.jar /deployments/
COPY gpu-worker/target/quarkus-app/app/ /deployments/app/
COPY gpu-worker/target/quarkus-app/quarkus/ /deployments/quarkus/

# Refuse to produce a "CUDA" image around a CPU build (the usual mistake: packaging without -Pcuda).
# Quarkus names the jars in lib/main groupId.artifactId-version[-classifier].jar.
# Build with --build-arg REQUIRE_CUDA_LIBS=false to skip this guard.
ARG REQUIRE_CUDA_LIBS=true
RUN if [ "$REQUIRE_CUDA_LIBS" = "true" ]; then \
        ls /deployments/lib/main | grep -q 'onnxruntime_gpu' \
            || { echo "gpu-worker was packaged without -Pcuda: no onnxruntime_gpu jar in lib/main" >&2; exit 1; }; \
        ls /deployments/lib/main | grep -q 'pytorch-native-cu' \
            || { echo "gpu-worker was packaged without -Pcuda: no pytorch-native-cu* jar in lib/main" >&2; exit 1; }; \
    fi

# JAVA_OPTS: the defaults below; replace them as a whole. JAVA_OPTS_APPEND: add flags without repeating the defaults.
# DJL unpacks the native PyTorch libraries (several GB for CUDA) into ENGINE_CACHE_DIR on first use: keep the cache
# directory on a volume so that this happens once, not on every start. ai.djl.offline: the natives come from the
# classpath; never download anything at run time.
ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_PORT=8280 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dai.djl.offline=true" \
    JAVA_OPTS_APPEND="" \
    LABSCALE_WORKER_CACHE_DIR=/var/cache/labscale-worker \
    DJL_CACHE_DIR=/var/cache/labscale-worker/djl \
    ENGINE_CACHE_DIR=/var/cache/labscale-worker/djl \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

USER 10001:10001
EXPOSE 8280

HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${QUARKUS_HTTP_PORT}/q/health/ready" || exit 1

# sh -c so that JAVA_OPTS is word-split; exec so that java is PID 1 and receives SIGTERM (graceful shutdown).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
