package org.labscale.it.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.labscale.launcher.net.Ports;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.launcher.platform.AppSpec;
import org.labscale.launcher.platform.AppsFactory;
import org.labscale.launcher.platform.LabscaleApps;
import org.labscale.launcher.platform.Platform;
import org.labscale.launcher.platform.PlatformConfig;
import org.labscale.launcher.platform.PlatformContext;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.launcher.process.LogTail;

/**
 * The whole platform as users run it: embedded PostgreSQL 17, S3Proxy, and the packaged API, worker and UI as
 * separate processes, on free ports with throw-away data. Started once per test JVM, stopped when it exits.
 */
public final class LocalPlatform {

    private static LocalPlatform instance;

    private final Platform platform;
    private final Path dataDir;
    private ChildProcess jobWorker;
    private String jobWorkerUrl;

    private LocalPlatform(Platform platform, Path dataDir) {
        this.platform = platform;
        this.dataDir = dataDir;
    }

    /** The running platform, started on first use. */
    public static synchronized LocalPlatform get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static LocalPlatform start() {
        Path home = Path.of(System.getProperty("labscale.home", "..")).toAbsolutePath().normalize();
        try {
            Path data = Files.createTempDirectory("labscale-it");
            int[] ports = Ports.findFreePorts(6);
            PlatformConfig config = new PlatformConfig(home, data, ports[0], ports[1], ports[2], ports[3], ports[4],
                    "labscale-it", "admin@labscale.local", Duration.ofMinutes(4), Duration.ofSeconds(20),
                    PlatformConfig.LOOPBACK, ports[5]);
            Platform platform = new Platform(config, withApiOverrides(new LabscaleApps()),
                    new PrintWriter(System.out, true));
            var problems = platform.preflight();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Cannot start the platform: " + problems);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "it-platform-stop"));
            platform.start();
            return new LocalPlatform(platform, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lets a run tune the API process: system property {@code labscale.it.api-java-opts} (e.g. {@code -Xmx128m}) adds
     * JVM options, and every {@code labscale.it.api-env.NAME=value} sets environment variable NAME (e.g.
     * {@code labscale.it.api-env.LABSCALE_UPLOAD_MAX_BYTES}).
     */
    private static AppsFactory withApiOverrides(AppsFactory apps) {
        String options = System.getProperty("labscale.it.api-java-opts", "").trim();
        Map<String, String> env = new HashMap<>();
        String prefix = "labscale.it.api-env.";
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> env.put(k.substring(prefix.length()), System.getProperty(k)));
        return new AppsFactory() {
            @Override
            public List<String> preflight(PlatformConfig config) {
                return apps.preflight(config);
            }

            @Override
            public List<AppSpec> apps(PlatformContext ctx) {
                return apps.apps(ctx).stream().map(app -> {
                    if (!app.id().equals("platform-api")) {
                        return app;
                    }
                    List<String> command = new ArrayList<>(app.command());
                    if (!options.isEmpty()) {
                        command.addAll(1, List.of(options.split("\\s+")));
                    }
                    Map<String, String> environment = new HashMap<>(app.environment());
                    environment.putAll(env);
                    return new AppSpec(app.id(), app.name(), app.port(), command, environment);
                }).toList();
            }
        };
    }

    /**
     * Makes sure a worker that runs jobs is up: the packaged gpu-worker as one more process, with a shared worker
     * credential made by the administrator ({@code POST /admin/workers}), so it leases every lab's TRAINING,
     * SEGMENTATION and SELF_TEST jobs on the CPU, beside the launcher's own worker (bootstrap token). PyTorch runs
     * offline from the natives in the worker's jar, on one thread: on a loaded 2-core machine two OpenMP threads wait
     * on each other. Started once, stopped when the test JVM exits.
     */
    public synchronized void ensureJobWorker() {
        if (jobWorker != null && jobWorker.isAlive()) {
            return;
        }
        String token = Lab.admin(this).as().body(Map.of("name", "it-job-worker")).post("/api/v1/admin/workers")
                .then().statusCode(201).extract().path("token");
        Path home = platform.config().home();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-jar",
                LabscaleApps.jar(home, "gpu-worker").toString());
        Map<String, String> env = new HashMap<>();
        int port = Ports.findFreePort();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("LABSCALE_API_URL", apiUrl());
        env.put("LABSCALE_WORKER_TOKEN", token);
        env.put("LABSCALE_WORKER_CACHE_DIR", dataDir.resolve("job-worker/cache").toString());
        env.put("LABSCALE_WORKER_HOST", "it-job-worker");
        ChildProcess worker = ChildProcess.start("job worker", command, env, null,
                dataDir.resolve("logs/job-worker.log"), "TERM");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.stop(Duration.ofSeconds(20)), "it-worker-stop"));
        jobWorker = worker;
        jobWorkerUrl = "http://127.0.0.1:" + port;
    }

    /** The launcher's worker, and the job worker of {@link #ensureJobWorker()} when it runs: either may take a job. */
    public synchronized List<String> workerUrls() {
        return jobWorker != null && jobWorker.isAlive() ? List.of(workerUrl(), jobWorkerUrl) : List.of(workerUrl());
    }

    public String apiUrl() {
        return platform.config().apiUrl();
    }

    /** The launcher's settings of this platform (stop timeout, the worker's grace on stop, ports). */
    public PlatformConfig config() {
        return platform.config();
    }

    /** The API's Prometheus metrics: its management interface, not the public port. */
    public String apiMetricsUrl() {
        return platform.config().metricsUrl();
    }

    public String uiUrl() {
        return "http://127.0.0.1:" + platform.config().uiPort();
    }

    public String workerUrl() {
        return "http://127.0.0.1:" + platform.config().workerPort();
    }

    public String s3Endpoint() {
        return platform.config().s3Endpoint();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The first administrator's password, generated by the API on its first start. */
    public String adminPassword() {
        try {
            return Files.readString(platform.config().adminPasswordFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects the S3 server holds under {@code prefix} (S3Proxy keeps each object as a file). */
    public List<String> objects(String prefix) {
        Path bucket = platform.config().s3Dir().resolve(platform.config().bucket());
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (var files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(f -> bucket.relativize(f).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of one object the S3 server holds. */
    public byte[] object(String key) {
        try {
            return Files.readAllBytes(platform.config().s3Dir().resolve(platform.config().bucket()).resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts an object straight into the S3 server's folder, as a client upload would have left it (for tests that need
     * an object a dead process uploaded).
     */
    public void putObject(String key, byte[] bytes) {
        try {
            Path file = platform.config().s3Dir().resolve(platform.config().bucket()).resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String adminEmail() {
        return platform.config().adminEmail();
    }

    /**
     * Stops one component ({@link Platform#POSTGRES}, {@link Platform#S3PROXY}, "platform-api", "gpu-worker",
     * "web-ui") as the launcher would, keeping its data; {@link #start(String)} starts it again on the same port.
     */
    public void stop(String component) {
        platform.stopComponent(component);
    }

    /** Starts a component stopped with {@link #stop(String)} and waits until it is ready. */
    public void start(String component) {
        platform.startComponent(component);
    }

    /** A connection to the platform's database, as the API's superuser (for tests that inspect rows). */
    public Connection sql() throws SQLException {
        PlatformContext ctx = platform.context().orElseThrow();
        return DriverManager.getConnection(ctx.jdbcUrl(), ctx.dbUsername(), ctx.secrets().postgresPassword());
    }

    /**
     * Starts one more packaged gpu-worker process with this worker token and extra environment (e.g.
     * {@code LABSCALE_WORKER_DEVICE}), its log in the platform's logs folder, and waits until it is ready (registered
     * with the API). It must be started from a thread that lives as long as it (the test's main thread): the process
     * gets its parent-death signal when that thread ends.
     */
    public ChildProcess startWorker(String name, String token, Map<String, String> env) {
        PlatformConfig c = platform.config();
        int port = Ports.findFreePort();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("LABSCALE_API_URL", c.apiUrl());
        environment.put("LABSCALE_WORKER_TOKEN", token);
        environment.put("LABSCALE_WORKER_CACHE_DIR", c.workerCacheDir().toString());
        environment.put("LABSCALE_WORKER_HOST", name);
        Path log = c.logFile(name);
        ChildProcess p = ChildProcess.start(name, List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-jar", LabscaleApps.jar(c.home(), "gpu-worker").toString()), environment,
                c.home(), log, "KILL");
        awaitReady(p, "http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(90));
        return p;
    }

    /**
     * Starts one more packaged web UI on a free port against this platform's API, with extra environment (e.g.
     * {@code LABSCALE_UI_VIEWER_OVERLAY_MAX_PIXELS}), and waits until it is ready; answers its process and URL. Same
     * thread rule as {@link #startWorker}; stop it with {@link ChildProcess#stop(Duration)}.
     */
    public WebUi startWebUi(String name, Map<String, String> env) {
        PlatformConfig c = platform.config();
        int port = Ports.findFreePort();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_HTTP_HOST", PlatformConfig.LOOPBACK);
        environment.put("LABSCALE_API_URL", c.apiUrl());
        ChildProcess p = ChildProcess.start(name, List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", LabscaleApps.jar(c.home(), "web-ui").toString()), environment,
                c.home(), c.logFile(name), "TERM");
        String url = "http://127.0.0.1:" + port;
        awaitReady(p, url + "/q/health/ready", Duration.ofSeconds(90));
        return new WebUi(p, url);
    }

    /** A web UI started by {@link #startWebUi}: its process and its root URL. */
    public record WebUi(ChildProcess process, String url) {
    }

    private static void awaitReady(ChildProcess p, String url, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p + " exited during start-up:\n" + LogTail.lastLines(p.logFile(), 20));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(p + " was not ready within " + timeout + ":\n"
                + LogTail.lastLines(p.logFile(), 20));
    }
}
