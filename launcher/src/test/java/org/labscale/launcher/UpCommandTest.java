package org.labscale.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.platform.FakeApps;
import org.labscale.launcher.platform.LabscaleApps;
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
    void shouldShutEverythingDownWhenAChildDies() throws Exception {
        Set<Long> before = descendants();
        Path data = tmp.resolve("data");
        List<String> args = new ArrayList<>(List.of("up", "--home", tmp.toString(), "--data-dir", data.toString()));
        args.addAll(freePortArgs());
        // the worker crashes 3 s after it is ready, once the whole platform is up
        FakeApps apps = new FakeApps().with("gpu-worker", "FAKE_EXIT_AFTER_MS", "3000");
        int exit = run(LabscaleCommand.commandLine(apps), args.toArray(String[]::new));

        assertEquals(1, exit, out + "\n" + err);
        assertTrue(out.toString().contains("Labscale is up."), out.toString());
        assertTrue(out.toString().contains("Administrator admin@labscale.local / fake-admin-"), out.toString());
        assertTrue(err.toString().contains("GPU worker exited unexpectedly (exit code 3). Its log: "
                + data.resolve("logs/gpu-worker.log")), err.toString());
        assertTrue(out.toString().contains("Stopping PostgreSQL"), out.toString());
        Set<Long> left = descendants();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no child process left");
        assertTrue(Files.readString(data.resolve("logs/gpu-worker.log")).contains("fake app crashing"));
    }

    @Test
    void shouldDocumentEveryOptionInHelp() {
        int exit = run(LabscaleCommand.commandLine(new FakeApps()), "up", "--help");
        assertEquals(0, exit);
        for (String s : List.of("--data-dir", "--ui-port", "LABSCALE_UI_PORT", "--api-port", "LABSCALE_API_PORT",
                "--worker-port", "--s3-port", "--pg-port", "LABSCALE_PG_PORT", "Default: 8080", "LABSCALE_DATA_DIR")) {
            assertTrue(out.toString().contains(s), s + " in\n" + out);
        }
    }
}
