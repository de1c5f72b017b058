package org.labscale.launcher;

import java.nio.file.Path;
import java.time.Duration;
import org.labscale.launcher.platform.PlatformConfig;
import picocli.CommandLine.Option;

/** Options shared by {@code up} and {@code status}: where the platform lives and its ports. */
final class PlatformOptions {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:LABSCALE_HOME:-.}",
            description = "Repository root holding the built apps (env LABSCALE_HOME; the labscale script sets it). "
                    + "Default: the current folder.")
    Path home;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:LABSCALE_DATA_DIR}",
            description = "Folder for all platform data: postgres/, s3/, logs/, secrets.properties, "
                    + "admin-password.txt (env LABSCALE_DATA_DIR). Default: .labscale in the repository root.")
    Path dataDir;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_UI_PORT:-8080}",
            description = "Web UI port (env LABSCALE_UI_PORT). Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_API_PORT:-8180}",
            description = "Platform API port (env LABSCALE_API_PORT). Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--worker-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_WORKER_PORT:-8280}",
            description = "GPU worker port (env LABSCALE_WORKER_PORT). Default: ${DEFAULT-VALUE}.")
    int workerPort;

    @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_S3_PORT:-8380}",
            description = "S3 (S3Proxy) port (env LABSCALE_S3_PORT). Default: ${DEFAULT-VALUE}.")
    int s3Port;

    @Option(names = "--pg-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_PG_PORT:-5480}",
            description = "PostgreSQL port (env LABSCALE_PG_PORT). Default: ${DEFAULT-VALUE}.")
    int pgPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:LABSCALE_METRICS_PORT:-9180}",
            description = "The API's management port: Prometheus metrics at /q/metrics, on 127.0.0.1 only whatever "
                    + "--bind says (env LABSCALE_METRICS_PORT). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:LABSCALE_BIND:-127.0.0.1}",
            description = "Address the API, the worker and the web UI listen on; 0.0.0.0 for every interface (plain "
                    + "HTTP: put TLS in front). PostgreSQL, S3 and metrics stay on 127.0.0.1 (env LABSCALE_BIND). "
                    + "Default: ${DEFAULT-VALUE} (this machine only).")
    String bindAddress;

    @Option(names = "--bucket", paramLabel = "NAME", defaultValue = "${env:LABSCALE_S3_BUCKET:-labscale}",
            description = "S3 bucket of the platform, created if missing (env LABSCALE_S3_BUCKET). "
                    + "Default: ${DEFAULT-VALUE}.")
    String bucket;

    @Option(names = "--admin-email", paramLabel = "EMAIL",
            defaultValue = "${env:LABSCALE_ADMIN_EMAIL:-admin@labscale.local}",
            description = "E-mail of the first administrator, created by the API on its first start "
                    + "(env LABSCALE_ADMIN_EMAIL). Default: ${DEFAULT-VALUE}.")
    String adminEmail;

    @Option(names = "--start-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:LABSCALE_START_TIMEOUT:-180}",
            description = "How long each app may take to report ready on /q/health/ready "
                    + "(env LABSCALE_START_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    int startTimeoutSeconds;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "${env:LABSCALE_STOP_TIMEOUT:-45}",
            description = "How long each app may take to stop after SIGTERM before it is killed; the worker lets "
                    + "running jobs finish for this less 15 s, then hands them back to the queue "
                    + "(env LABSCALE_STOP_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    int stopTimeoutSeconds;

    PlatformConfig toConfig() {
        Path root = home.toAbsolutePath().normalize();
        Path data = dataDir != null ? dataDir : root.resolve(".labscale");
        return new PlatformConfig(root, data, uiPort, apiPort, workerPort, s3Port, pgPort, bucket, adminEmail,
                Duration.ofSeconds(startTimeoutSeconds), Duration.ofSeconds(stopTimeoutSeconds), bindAddress,
                metricsPort);
    }
}
