package org.labscale.launcher.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.process.Signals;

/** The platform restarts what crashes, gives up only on PostgreSQL or S3, and lets the worker hand its jobs back. */
class SupervisionTest {

    /** Quick restarts; a row of crashes never ends within a test. */
    private static final RestartPolicy QUICK = new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofMinutes(10), 2);

    @TempDir
    Path tmp;

    @Test
    void shouldRestartAnAppKilledWithSigkillAndLeaveTheRestRunning() throws Exception {
        StringWriter log = new StringWriter();
        Platform platform = new Platform(PlatformTest.config(tmp, tmp.resolve("data")), new FakeApps(),
                new PrintWriter(log, true), QUICK);
        try {
            platform.start();
            long worker = platform.pidOf("gpu-worker").orElseThrow();
            long api = platform.pidOf("platform-api").orElseThrow();
            long pg = platform.pidOf(Platform.POSTGRES).orElseThrow();

            for (int round = 1; round <= 2; round++) {
                long before = worker;
                assertTrue(Signals.send(before, "KILL"));
                await(() -> platform.pidOf("gpu-worker").filter(p -> p != before).isPresent(),
                        Duration.ofSeconds(30), log);
                worker = platform.pidOf("gpu-worker").orElseThrow();
                String out = log.toString();
                assertTrue(out.contains("GPU worker exited unexpectedly (exit code 137); restarting it in "
                        + (round == 1 ? "0.5 s (restart 1)" : "1 s (restart 2)")), out);
            }
            assertEquals(Optional.of(api), platform.pidOf("platform-api"), "the API was not touched");
            assertEquals(Optional.of(pg), platform.pidOf(Platform.POSTGRES), "PostgreSQL was not touched");
            assertTrue(platform.failure().isEmpty(), platform.failure().toString());
            assertEquals(5, platform.runningPids().size());
        } finally {
            platform.stop();
        }
        assertTrue(Files.readString(tmp.resolve("data/logs/gpu-worker.log")).contains("fake app listening"));
    }

    @Test
    void shouldRestartS3AndStopEverythingWhenItCannotComeBack() throws Exception {
        Set<Long> before = PlatformTest.descendants();
        PlatformConfig cfg = PlatformTest.config(tmp, tmp.resolve("data"));
        StringWriter log = new StringWriter();
        Platform platform = new Platform(cfg, new FakeApps(), new PrintWriter(log, true), QUICK);
        try {
            platform.start();
            long s3 = platform.pidOf(Platform.S3PROXY).orElseThrow();
            assertTrue(Signals.send(s3, "KILL"));
            await(() -> platform.pidOf(Platform.S3PROXY).filter(p -> p != s3).isPresent(), Duration.ofSeconds(60),
                    log);
            assertTrue(log.toString().contains("S3Proxy exited unexpectedly (exit code 137); restarting it in 0.5 s "
                    + "(restart 1 of 2)"), log.toString());
            assertTrue(platform.failure().isEmpty());

            // Now its port is taken as soon as it dies: every restart fails, and the platform gives up.
            long again = platform.pidOf(Platform.S3PROXY).orElseThrow();
            ProcessHandle handle = ProcessHandle.of(again).orElseThrow();
            assertTrue(Signals.send(again, "KILL"));
            handle.onExit().get(10, TimeUnit.SECONDS);
            try (ServerSocket squatter = new ServerSocket(cfg.s3Port(), 50, InetAddress.getLoopbackAddress())) {
                Optional<String> failure = awaitTermination(platform, Duration.ofSeconds(30));
                assertTrue(failure.isPresent(), log.toString());
                assertTrue(failure.get().startsWith("S3Proxy did not start again")
                        && failure.get().contains("did not come back after 2 restarts"), failure.get());
                assertTrue(failure.get().contains(cfg.logFile("s3proxy").toString()), failure.get());
            }
        } finally {
            platform.stop();
        }
        Set<Long> left = PlatformTest.descendants();
        left.removeAll(before);
        assertEquals(Set.of(), left, "everything stopped");
        assertFalse(Ports.isInUse(cfg.pgPort()));
    }

    @Test
    void shouldGiveTheWorkerTimeToHandBackItsRunningJobBeforeKillingIt() throws Exception {
        Path data = tmp.resolve("data");
        PlatformConfig base = PlatformTest.config(tmp, data);
        // 18 s to stop: the worker is told to hand its jobs back after 3 s
        PlatformConfig cfg = new PlatformConfig(base.home(), data, base.uiPort(), base.apiPort(), base.workerPort(),
                base.s3Port(), base.pgPort(), base.bucket(), base.adminEmail(), base.startTimeout(),
                Duration.ofSeconds(18), base.bindAddress(), base.metricsPort());
        assertEquals(Duration.ofSeconds(3), cfg.workerShutdownGrace());
        Platform platform = new Platform(cfg, new FakeApps().with("gpu-worker", "FAKE_RUNNING_JOB", "1"),
                new PrintWriter(new StringWriter()), QUICK);
        try {
            platform.start();
        } finally {
            platform.stop();
        }
        String worker = Files.readString(data.resolve("logs/gpu-worker.log"));
        assertTrue(worker.contains("fake worker: shutdown grace PT3S"), worker);
        assertTrue(worker.contains("fake worker: job handed back"), "stopped before it could hand back:\n" + worker);
    }

    /** The platform's failure once it has one (empty if none came within the timeout). */
    private static Optional<String> awaitTermination(Platform platform, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (platform.failure().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return platform.failure();
    }

    private static void await(BooleanSupplier condition, Duration timeout, StringWriter log) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ":\n" + log);
            }
            Thread.sleep(100);
        }
    }
}
