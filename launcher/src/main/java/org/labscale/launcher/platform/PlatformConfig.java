package org.labscale.launcher.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a local platform run ({@code labscale up}).
 *
 * @param home         the repository root: apps are found under it and run in it
 * @param dataDir      everything the platform keeps: {@code postgres/}, {@code s3/}, {@code logs/}, secrets
 * @param startTimeout how long each app may take to report ready
 * @param stopGrace    how long each app may take to stop after SIGTERM before it is killed
 */
public record PlatformConfig(Path home, Path dataDir, int uiPort, int apiPort, int workerPort, int s3Port,
                             int pgPort, String bucket, String adminEmail, Duration startTimeout,
                             Duration stopGrace) {

    public PlatformConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        home = home.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        for (PortSpec p : portsOf(uiPort, apiPort, workerPort, s3Port, pgPort)) {
            if (p.port() < 1 || p.port() > 65535) {
                throw new IllegalArgumentException(p.service() + " port " + p.port()
                        + " is not between 1 and 65535 (" + p.option() + ")");
            }
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("S3 bucket name '" + bucket
                    + "' is not valid: 3-63 lower-case letters, digits, '.' or '-'");
        }
    }

    /** A port the platform needs, with the option and environment variable that change it. */
    public record PortSpec(String service, int port, String option, String env) {
    }

    /** Every port, in start order. */
    public List<PortSpec> ports() {
        return portsOf(uiPort, apiPort, workerPort, s3Port, pgPort);
    }

    private static List<PortSpec> portsOf(int ui, int api, int worker, int s3, int pg) {
        return List.of(
                new PortSpec("PostgreSQL", pg, "--pg-port", "LABSCALE_PG_PORT"),
                new PortSpec("S3", s3, "--s3-port", "LABSCALE_S3_PORT"),
                new PortSpec("platform API", api, "--api-port", "LABSCALE_API_PORT"),
                new PortSpec("GPU worker", worker, "--worker-port", "LABSCALE_WORKER_PORT"),
                new PortSpec("web UI", ui, "--ui-port", "LABSCALE_UI_PORT"));
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path s3Dir() {
        return dataDir.resolve("s3");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path secretsFile() {
        return dataDir.resolve("secrets.properties");
    }

    /** Written by the platform API on its first start: the first administrator's generated password. */
    public Path adminPasswordFile() {
        return dataDir.resolve("admin-password.txt");
    }

    public Path workerCacheDir() {
        return dataDir.resolve("worker-cache");
    }

    public Path logFile(String id) {
        return logsDir().resolve(id + ".log");
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** The region S3Proxy signs for. */
    public String s3Region() {
        return "us-east-1";
    }
}
