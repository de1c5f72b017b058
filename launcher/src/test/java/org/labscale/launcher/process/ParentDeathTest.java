package org.labscale.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentDeathTest {

    @TempDir
    Path tmp;

    @Test
    void shouldStopPostgresAndS3ProxyWhenTheirJvmIsKilledWithSigkill() throws Exception {
        assumeTrue(ParentDeathSignal.isSupported(), "needs setpriv --pdeathsig");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanProbeMain.class.getName(), tmp.toString())
                .redirectError(tmp.resolve("probe.err").toFile())
                .start();
        try {
            String pids = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("PIDS ")) {
                        pids = line;
                        break;
                    }
                }
                assertNotNull(pids, () -> "probe failed: " + LogTail.lastLines(tmp.resolve("probe.err"), 30));
                String[] p = pids.split(" ");
                ProcessHandle pg = ProcessHandle.of(Long.parseLong(p[1])).orElseThrow();
                ProcessHandle s3 = ProcessHandle.of(Long.parseLong(p[2])).orElseThrow();
                assertTrue(pg.isAlive() && s3.isAlive(), "both survive the end of the thread that started them");

                jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));

                assertTrue(pg.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() != null
                        || !pg.isAlive(), "PostgreSQL is gone");
                assertFalse(pg.isAlive(), "PostgreSQL is gone");
                assertTrue(s3.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join() != null
                        || !s3.isAlive(), "S3Proxy is gone");
                assertFalse(s3.isAlive(), "S3Proxy is gone");
                // SIGINT from the kernel is a fast shutdown: the cluster is left clean
                assertFalse(Files.exists(tmp.resolve("pg/postmaster.pid")));
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void shouldStopAChildGracefullyThenForcibly() throws Exception {
        Path log = tmp.resolve("sleep.log");
        // ignores SIGTERM: must be killed after the grace period
        ChildProcess stubborn = ChildProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; sleep 60"),
                Map.of(), null, log, "KILL");
        Thread.sleep(200);
        long t0 = System.nanoTime();
        assertFalse(stubborn.stop(Duration.ofMillis(500)), "not graceful");
        assertFalse(stubborn.isAlive());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));

        ChildProcess polite = ChildProcess.start("polite", List.of("sleep", "60"), Map.of(), null, log, "KILL");
        assertTrue(polite.stop(Duration.ofSeconds(5)), "sleep dies of SIGTERM at once");
        assertEquals(143, polite.exitCode().orElseThrow());
    }
}
