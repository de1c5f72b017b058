package org.labscale.launcher.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three packaged Quarkus apps, run as {@code java -jar ID/target/quarkus-app/quarkus-run.jar}, and the
 * environment variables they are configured with (the contract with their modules).
 */
public final class LabscaleApps implements AppsFactory {

    private final String javaCommand;

    public LabscaleApps() {
        this(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public LabscaleApps(String javaCommand) {
        this.javaCommand = javaCommand;
    }

    /** The packaged app of module {@code id}. */
    public static Path jar(Path home, String id) {
        return home.resolve(id).resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public List<String> preflight(PlatformConfig config) {
        List<String> problems = new ArrayList<>();
        for (String id : List.of("platform-api", "gpu-worker", "web-ui")) {
            Path jar = jar(config.home(), id);
            if (!Files.isRegularFile(jar)) {
                problems.add(id + " is not built: " + jar + " is missing. Build it with ./mvnw -DskipTests install "
                        + "(./labscale up does it for you).");
            }
        }
        return problems;
    }

    @Override
    public List<AppSpec> apps(PlatformContext ctx) {
        PlatformConfig c = ctx.config();

        Map<String, String> api = new LinkedHashMap<>();
        api.put("QUARKUS_HTTP_PORT", Integer.toString(c.apiPort()));
        api.put("QUARKUS_HTTP_HOST", c.bindAddress());
        // Metrics list every lab: they stay on the management interface, on this machine only, whatever --bind says.
        api.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(c.metricsPort()));
        api.put("QUARKUS_MANAGEMENT_HOST", PlatformConfig.LOOPBACK);
        api.put("QUARKUS_DATASOURCE_JDBC_URL", ctx.jdbcUrl());
        api.put("QUARKUS_DATASOURCE_USERNAME", ctx.dbUsername());
        api.put("QUARKUS_DATASOURCE_PASSWORD", ctx.secrets().postgresPassword());
        api.put("LABSCALE_S3_ENDPOINT", c.s3Endpoint());
        api.put("LABSCALE_S3_ACCESS_KEY", ctx.secrets().s3AccessKey());
        api.put("LABSCALE_S3_SECRET_KEY", ctx.secrets().s3SecretKey());
        api.put("LABSCALE_S3_BUCKET", c.bucket());
        api.put("LABSCALE_S3_REGION", c.s3Region());
        api.put("LABSCALE_ADMIN_EMAIL", c.adminEmail());
        api.put("LABSCALE_ADMIN_PASSWORD_FILE", c.adminPasswordFile().toString());
        // The API keeps a shared worker with this token (created or updated at start), which the local worker uses.
        api.put("LABSCALE_BOOTSTRAP_WORKER_TOKEN", ctx.secrets().workerToken());

        Map<String, String> worker = new LinkedHashMap<>();
        worker.put("QUARKUS_HTTP_PORT", Integer.toString(c.workerPort()));
        worker.put("QUARKUS_HTTP_HOST", c.bindAddress());
        // Running jobs get the stop grace less the time to interrupt and release them, so that a stopped worker hands
        // them back (queued again, no attempt lost) before the launcher would kill it.
        worker.put("LABSCALE_WORKER_SHUTDOWN_GRACE", c.workerShutdownGrace().toString());
        worker.put("QUARKUS_SHUTDOWN_TIMEOUT", c.stopGrace().toString());
        worker.put("LABSCALE_API_URL", c.apiUrl());
        worker.put("LABSCALE_WORKER_CACHE_DIR", c.workerCacheDir().toString());
        worker.put("LABSCALE_WORKER_TOKEN", ctx.secrets().workerToken());

        Map<String, String> ui = new LinkedHashMap<>();
        ui.put("QUARKUS_HTTP_PORT", Integer.toString(c.uiPort()));
        ui.put("QUARKUS_HTTP_HOST", c.bindAddress());
        ui.put("LABSCALE_API_URL", c.apiUrl());

        return List.of(
                app(c, "platform-api", "platform API", c.apiPort(), api),
                app(c, "gpu-worker", "GPU worker", c.workerPort(), worker, workerJvmOptions(c)),
                app(c, "web-ui", "web UI", c.uiPort(), ui));
    }

    /**
     * PyTorch (DJL) without network: its CPU natives come in the worker's jar and are unpacked once into the data
     * folder, never downloaded.
     */
    private static List<String> workerJvmOptions(PlatformConfig c) {
        Path djl = c.workerCacheDir().resolveSibling("djl");
        return List.of("-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + djl, "-DENGINE_CACHE_DIR=" + djl);
    }

    private AppSpec app(PlatformConfig c, String id, String name, int port, Map<String, String> env,
                        List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar(c.home(), id).toString());
        return new AppSpec(id, name, port, command, env);
    }

    private AppSpec app(PlatformConfig c, String id, String name, int port, Map<String, String> env) {
        return app(c, id, name, port, env, List.of());
    }
}
