package org.labscale.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.platform.FakeApps;
import org.labscale.launcher.platform.LabscaleApps;
import org.labscale.launcher.platform.PlatformConfig;
import org.labscale.launcher.platform.PlatformContext;
import org.labscale.launcher.platform.Secrets;
import picocli.CommandLine;

class UpCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<String> freePortArgs(String... except) {
        List<String> args = new ArrayList<>();
        for (String option : List.of("--ui-port", "--api-port", "--worker-port", "--s3-port", "--pg-port")) {
            if (!List.of(except).contains(option)) {
                args.add(option);
                args.add(Integer.toString(Ports.findFreePort()));
            }
        }
        return args;
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void shouldRefuseATakenPortAndStartNothing() throws Exception {
        Set<Long> before = descendants();
        try (ServerSocket taken = new ServerSocket(0)) {
            List<String> args = new ArrayList<>(List.of("up", "--home", tmp.toString(),
                    "--data-dir", tmp.resolve("data").toString()));
            args.addAll(freePortArgs("--api-port"));
            args.addAll(List.of("--api-port", Integer.toString(taken.getLocalPort())));
            int exit = run(LabscaleCommand.commandLine(new FakeApps()), args.toArray(String[]::new));

            assertEquals(2, exit);
            assertTrue(err.toString().contains("Port " + taken.getLocalPort() + " (platform API) is already in use. "
                    + "Choose another with --api-port or LABSCALE_API_PORT."), err.toString());
            assertTrue(err.toString().contains("Nothing was started."), err.toString());
        }
        assertFalse(Files.exists(tmp.resolve("data")), "no data folder, no secrets");
        assertEquals(before, descendants(), "no process started");
        assertEquals("", out.toString());
    }

    @Test
    void shouldRefuseToStartWhenAppsAreNotBuilt() {
        List<String> args = new ArrayList<>(List.of("up", "--home", tmp.toString()));
        args.addAll(freePortArgs());
        int exit = run(LabscaleCommand.commandLine(new LabscaleApps()), args.toArray(String[]::new));
        assertEquals(2, exit);
        assertTrue(err.toString().contains("platform-api is not built: " + tmp.resolve(
                "platform-api/target/quarkus-app/quarkus-run.jar") + " is missing"), err.toString());
        assertFalse(Files.exists(tmp.resolve(".labscale")));
    }

    @Test
    void shouldPrintWhereTheAdministratorPasswordIsButNotThePassword() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("admin-password.txt"), "Sup3r-secret-pw\n");
        PlatformConfig cfg = new PlatformConfig(tmp, data, 8080, 8180, 8280, 8380, 5480, "labscale",
                "admin@labscale.local", Duration.ofSeconds(60), Duration.ofSeconds(45), "127.0.0.1", 9180);
        PlatformContext ctx = new PlatformContext(cfg, Secrets.loadOrCreate(data.resolve("secrets.properties")),
                "jdbc:postgresql://127.0.0.1:5480/labscale", "postgres");
        UpCommand.printSummary(new PrintWriter(out, true), cfg, ctx);

        String summary = out.toString();
        assertFalse(summary.contains("Sup3r-secret-pw"), summary);
        assertTrue(summary.contains("Administrator admin@labscale.local  (password in " + data.resolve(
                "admin-password.txt") + ")"), summary);
        assertTrue(summary.contains("API metrics   http://127.0.0.1:9180/q/metrics  (this machine only)"), summary);
        assertTrue(summary.contains("Listening on  127.0.0.1 (this machine only; --bind for more)"), summary);
    }

    @Test
    void shouldPassTheBindAddressAndMetricsPortFromOptionsAndEnvironmentDefaults() {
        PlatformOptions defaults = new PlatformOptions();
        new CommandLine(defaults).parseArgs();
        PlatformConfig cfg = defaults.toConfig();
        assertEquals("127.0.0.1", cfg.bindAddress(), "loopback by default");
        assertEquals(9180, cfg.metricsPort());
        assertEquals(Duration.ofSeconds(45), cfg.stopGrace());
        assertEquals(Duration.ofSeconds(30), cfg.workerShutdownGrace(), "the worker's own default grace fits");

        PlatformOptions wide = new PlatformOptions();
        new CommandLine(wide).parseArgs("--bind", "0.0.0.0", "--metrics-port", "9999");
        assertEquals("0.0.0.0", wide.toConfig().bindAddress());
        assertEquals(9999, wide.toConfig().metricsPort());
        assertEquals("http://127.0.0.1:8180", wide.toConfig().apiUrl(), "apps still talk over loopback");
    }

    @Test
    void shouldDocumentEveryOptionInHelp() {
        int exit = run(LabscaleCommand.commandLine(new FakeApps()), "up", "--help");
        assertEquals(0, exit);
        for (String s : List.of("--data-dir", "--ui-port", "LABSCALE_UI_PORT", "--api-port", "LABSCALE_API_PORT",
                "--worker-port", "--s3-port", "--pg-port", "LABSCALE_PG_PORT", "Default: 8080", "LABSCALE_DATA_DIR",
                "--bind", "LABSCALE_BIND", "Default: 127.0.0.1", "--metrics-port", "LABSCALE_METRICS_PORT",
                "--stop-timeout", "hands them back")) {
            assertTrue(out.toString().contains(s), s + " in\n" + out);
        }
    }
}
