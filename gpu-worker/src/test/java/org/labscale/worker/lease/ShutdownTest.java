package org.labscale.worker.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.labscale.worker.testing.StubPlatform;
import org.labscale.worker.testing.StubPlatform.Call;

/**
 * Shutdown (what the ShutdownEvent observer runs on SIGTERM): no new leases; a job that ends within the grace period
 * completes normally; one still running after it is interrupted and released, so the API re-queues it at once.
 */
@QuarkusTest
@TestProfile(ShutdownTest.Stub.class)
class ShutdownTest {

    static StubPlatform api;
    static final Duration SOON = Duration.ofSeconds(10);

    public static class Stub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            api = StubPlatform.start();
            try {
                return Map.ofEntries(
                        Map.entry("labscale.api.url", api.url()),
                        Map.entry("labscale.worker.token", "lsw_test-token"),
                        Map.entry("labscale.worker.device", "CPU"),
                        Map.entry("labscale.worker.slots", "2"),
                        Map.entry("labscale.worker.lease-wait", "PT1S"),
                        Map.entry("labscale.worker.backoff-initial", "PT0.1S"),
                        Map.entry("labscale.worker.backoff-max", "PT0.4S"),
                        Map.entry("labscale.worker.progress-interval", "PT0.05S"),
                        Map.entry("labscale.worker.shutdown-grace", "PT2S"),
                        Map.entry("labscale.worker.ping-interval", "PT1H"),
                        Map.entry("labscale.worker.cache-dir", Files.createTempDirectory("worker-cache").toString()),
                        Map.entry("labscale.worker.work-dir", Files.createTempDirectory("worker-jobs").toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    WorkerRuntime runtime;

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @Test
    void shouldFinishWhatEndsWithinTheGracePeriodAndReleaseTheRest() {
        UUID quick = api.enqueueSelfTest(Map.of("steps", 3, "stepMillis", 400, "seed", "quick"));
        UUID slow = api.enqueueSelfTest(Map.of("steps", 1000, "stepMillis", 200));
        api.await(quick, "heartbeat", SOON);
        api.await(slow, "heartbeat", SOON);

        long t0 = System.nanoTime();
        runtime.shutdown();
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        Call complete = api.await(quick, "complete", Duration.ZERO.plusMillis(1));
        assertEquals(api.lease(quick).leaseId().toString(), complete.body().get("leaseId"));
        Call release = api.await(slow, "release", Duration.ofMillis(1));
        assertEquals(api.lease(slow).leaseId().toString(), release.body().get("leaseId"), "fencing token");
        assertTrue(((String) release.body().get("reason")).contains("shut down"));
        assertTrue(api.calls(slow, "complete").isEmpty());
        assertTrue(api.calls(slow, "fail").isEmpty(), "a released attempt is not a failure");
        assertNull(api.object(slow, "result"));
        assertTrue(tookMs >= 1900 && tookMs < 8000, "waited the 2 s grace, then released promptly: " + tookMs + " ms");

        int leases = api.calls().stream().filter(c -> c.action().equals("lease")).toList().size();
        UUID after = api.enqueueSelfTest(Map.of("steps", 1, "stepMillis", 0));
        sleep(2500);
        assertEquals(leases, api.calls().stream().filter(c -> c.action().equals("lease")).toList().size(),
                "no lease after shutdown began");
        assertTrue(api.calls(after, "complete").isEmpty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
