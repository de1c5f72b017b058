package org.labscale.it.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The whole platform as users run it: embedded PostgreSQL 17, S3Proxy, and the packaged API, worker and UI as
 * separate processes, on free ports with throw-away data. Started once per test JVM, stopped when it exits.
 */
public final class LocalPlatform {

    private static LocalPlatform instance;

    private final Platform platform;
    private final Path dataDir;
    private ChildProcess jobWorker;

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
            PlatformConfig config = new PlatformConfig(home, data, Ports.findFreePort(), Ports.findFreePort(), Ports.findFreePort(),
                    Ports.findFreePort(), Ports.findFreePort(), "labscale-it", "admin@labscale.local", Duration.ofMinutes(4),
                    Duration.ofSeconds(20));
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
        if (options.isEmpty() && env.isEmpty()) {
            return apps;
        }
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
     * SEGMENTATION and SELF_TEST jobs on the CPU. (The launcher's own worker starts without a credential and so
     * leases nothing.) PyTorch runs offline from the natives in the worker's jar, on one thread: on a loaded 2-core
     * machine two OpenMP threads wait on each other. Started once, stopped when the test JVM exits.
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
        env.put("QUARKUS_HTTP_PORT", Integer.toString(Ports.findFreePort()));
        env.put("LABSCALE_API_URL", apiUrl());
        env.put("LABSCALE_WORKER_TOKEN", token);
        env.put("LABSCALE_WORKER_CACHE_DIR", dataDir.resolve("job-worker/cache").toString());
        env.put("LABSCALE_WORKER_HOST", "it-job-worker");
        ChildProcess worker = ChildProcess.start("job worker", command, env, null,
                dataDir.resolve("logs/job-worker.log"), "TERM");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.stop(Duration.ofSeconds(20)), "it-worker-stop"));
        jobWorker = worker;
    }

    public String apiUrl() {
        return platform.config().apiUrl();
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

    public String adminEmail() {
        return platform.config().adminEmail();
    }
}
