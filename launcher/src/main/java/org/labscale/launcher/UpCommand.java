package org.labscale.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.labscale.launcher.platform.AppsFactory;
import org.labscale.launcher.platform.Platform;
import org.labscale.launcher.platform.PlatformConfig;
import org.labscale.launcher.platform.PlatformContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code labscale up}: starts the platform and keeps it running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts, in order: embedded PostgreSQL 17, S3Proxy, the platform API, the GPU worker and the web UI, "
                    + "each a separate process with its log in DATA/logs/NAME.log, waiting for each app's "
                    + "/q/health/ready. A process that exits on its own is restarted after 1, 2, 4 ... 60 s; "
                    + "Ctrl-C stops everything in reverse order.",
            "Secrets (PostgreSQL password, S3 keys) are generated on first start into DATA/secrets.properties "
                    + "and reused. All ports are checked before anything starts."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:stopped on request (Ctrl-C/SIGTERM)",
            "1:a process failed to start, or PostgreSQL or S3 did not come back after 3 restarts; the message names "
                    + "its log",
            "2:nothing was started: a port is taken or an app is not built"})
final class UpCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions options;

    @Spec
    CommandSpec spec;

    private final AppsFactory apps;

    UpCommand(AppsFactory apps) {
        this.apps = apps;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PlatformConfig config;
        try {
            config = options.toConfig();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Platform platform = new Platform(config, apps, out);
        List<String> problems = platform.preflight();
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("Nothing was started.");
            err.flush();
            return 2;
        }

        Thread hook = new Thread(() -> {
            if (platform.failure().isEmpty()) {
                out.println();
                out.println("Stopping Labscale ...");
            }
            platform.stop();
            out.println("Labscale stopped.");
            out.flush();
        }, "labscale-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                platform.start();
            } catch (RuntimeException e) {
                err.println("Labscale did not start: " + e.getMessage());
                err.flush();
                platform.stop();
                return 1;
            }
            printSummary(out, config, platform.context().orElseThrow());
            Optional<String> failure = platform.awaitTermination();
            if (failure.isPresent()) {
                err.println(failure.get());
                err.println("Stopping the rest of Labscale ...");
                err.flush();
                platform.stop();
                return 1;
            }
            platform.stop();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and stops everything
            }
        }
    }

    static void printSummary(PrintWriter out, PlatformConfig c, PlatformContext ctx) {
        out.println();
        out.println("Labscale is up.");
        String host = c.bindsAll() || c.bindAddress().equals(PlatformConfig.LOOPBACK) ? "localhost" : c.localHost();
        out.printf("  Web UI        http://%s:%d%n", host, c.uiPort());
        out.printf("  API           http://%s:%d  (Swagger UI: http://%s:%d/q/swagger-ui)%n",
                host, c.apiPort(), host, c.apiPort());
        out.printf("  API metrics   %s  (this machine only)%n", c.metricsUrl());
        out.printf("  GPU worker    http://%s:%d%n", host, c.workerPort());
        out.printf("  Listening on  %s%s%n", c.bindAddress(), c.bindsAll()
                ? " (every interface: anyone on the network reaches the platform over plain HTTP)"
                : c.bindAddress().equals(PlatformConfig.LOOPBACK) ? " (this machine only; --bind for more)" : "");
        out.printf("  S3 endpoint   %s  (bucket %s, region %s; keys in %s)%n", c.s3Endpoint(), c.bucket(),
                c.s3Region(), c.secretsFile());
        out.printf("  PostgreSQL    %s  (user %s; password in %s)%n", ctx.jdbcUrl(), ctx.dbUsername(),
                c.secretsFile());
        if (Files.isRegularFile(c.adminPasswordFile())) {
            // Not printed: terminals are logged and shared; the file is readable by this user only.
            out.printf("  Administrator %s  (password in %s)%n", c.adminEmail(), c.adminPasswordFile());
        } else {
            out.printf("  Administrator %s (password file %s not found: the API writes it on its first start)%n",
                    c.adminEmail(), c.adminPasswordFile());
        }
        out.printf("  Data and logs %s  (logs in %s)%n", c.dataDir(), c.logsDir());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
