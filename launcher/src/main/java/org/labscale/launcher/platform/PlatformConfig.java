package org.labscale.launcher.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.labscale.launcher.net.Ports;

/**
 * Settings of a local platform run ({@code labscale up}).
 *
 * @param home         the repository root: apps are found under it and run in it
 * @param dataDir      everything the platform keeps: {@code postgres/}, {@code s3/}, {@code logs/}, secrets
 * @param startTimeout how long each app may take to report ready
 * @param stopGrace    how long each app may take to stop after SIGTERM before it is killed; the worker is told to
 *                     hand its running jobs back before then (see {@link #workerShutdownGrace()})
 * @param bindAddress  the address the API, worker and UI listen on ({@code 127.0.0.1}: this machine only)
 * @param metricsPort  the API's management port (Prometheus {@code /q/metrics}), always on 127.0.0.1
 */
public record PlatformConfig(Path home, Path dataDir, int uiPort, int apiPort, int workerPort, int s3Port,
                             int pgPort, String bucket, String adminEmail, Duration startTimeout,
                             Duration stopGrace, String bindAddress, int metricsPort) {

    /** The default {@link #bindAddress}: only this machine reaches the apps. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * What the worker keeps of {@link #stopGrace} after its own grace period: interrupting a handler (up to 10 s), the
     * release call, and a lease poll that was in flight.
     */
    static final Duration WORKER_RELEASE_MARGIN = Duration.ofSeconds(15);

    public PlatformConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        home = home.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        if (bindAddress != null && bindAddress.startsWith("[") && bindAddress.endsWith("]")) {
            bindAddress = bindAddress.substring(1, bindAddress.length() - 1);
        }
        if (bindAddress == null || !bindAddress.matches("[0-9A-Za-z.:-]+")) {
            throw new IllegalArgumentException("Bind address '" + bindAddress
                    + "' is not an IP address or host name (--bind)");
        }
        for (PortSpec p : portsOf(uiPort, apiPort, workerPort, s3Port, pgPort, metricsPort)) {
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

    /** Settings on loopback with a free metrics port (tests and tools that predate {@link #bindAddress}). */
    public PlatformConfig(Path home, Path dataDir, int uiPort, int apiPort, int workerPort, int s3Port, int pgPort,
                          String bucket, String adminEmail, Duration startTimeout, Duration stopGrace) {
        this(home, dataDir, uiPort, apiPort, workerPort, s3Port, pgPort, bucket, adminEmail, startTimeout, stopGrace,
                LOOPBACK, Ports.findFreePortExcept(uiPort, apiPort, workerPort, s3Port, pgPort));
    }

    /** A port the platform needs, with the option and environment variable that change it. */
    public record PortSpec(String service, int port, String option, String env) {
    }

    /** Every port, in start order. */
    public List<PortSpec> ports() {
        return portsOf(uiPort, apiPort, workerPort, s3Port, pgPort, metricsPort);
    }

    private static List<PortSpec> portsOf(int ui, int api, int worker, int s3, int pg, int metrics) {
        return List.of(
                new PortSpec("PostgreSQL", pg, "--pg-port", "LABSCALE_PG_PORT"),
                new PortSpec("S3", s3, "--s3-port", "LABSCALE_S3_PORT"),
                new PortSpec("platform API", api, "--api-port", "LABSCALE_API_PORT"),
                new PortSpec("API metrics", metrics, "--metrics-port", "LABSCALE_METRICS_PORT"),
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

    /** Whether the apps listen on every interface ({@code 0.0.0.0} or {@code ::}). */
    public boolean bindsAll() {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
    }

    /** The host this machine reaches the apps on: the bind address, or loopback when they bind every interface. */
    public String localHost() {
        if (bindsAll()) {
            return LOOPBACK;
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    public String apiUrl() {
        return "http://" + localHost() + ":" + apiPort;
    }

    /** The API's Prometheus metrics (management interface, loopback only). */
    public String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/q/metrics";
    }

    /** The origins a browser shows the web UI under: the only ones S3 answers cross-origin requests from. */
    public List<String> uiOrigins() {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", LOOPBACK));
        if (!bindsAll()) {
            hosts.add(localHost());
        }
        return hosts.stream().map(h -> "http://" + h + ":" + uiPort).toList();
    }

    /**
     * The worker's own grace period for running jobs on stop ({@code labscale.worker.shutdown-grace}): what is left of
     * {@link #stopGrace} once it has had time to interrupt and release them, so that a stopped worker hands its jobs
     * back (queued again, no attempt lost) before the launcher would kill it. At least one second.
     */
    public Duration workerShutdownGrace() {
        Duration left = stopGrace.minus(WORKER_RELEASE_MARGIN);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** The region S3Proxy signs for. */
    public String s3Region() {
        return "us-east-1";
    }
}
