package org.labscale.worker.lease;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.SelfTestPayload;
import org.labscale.worker.testing.StubPlatform;
import org.labscale.worker.testing.StubPlatform.Call;

/**
 * The worker's lease loop against a local stand-in for the platform API ({@link StubPlatform}): one slot, short
 * waits, heartbeats every second. Each test gives the running worker its own jobs and follows what it tells the API.
 */
@QuarkusTest
@TestProfile(LeaseLoopTest.Stub.class)
class LeaseLoopTest {

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
                        Map.entry("labscale.worker.slots", "1"),
                        Map.entry("labscale.worker.lease-wait", "PT1S"),
                        Map.entry("labscale.worker.backoff-initial", "PT0.1S"),
                        Map.entry("labscale.worker.backoff-max", "PT0.4S"),
                        Map.entry("labscale.worker.progress-interval", "PT0.05S"),
                        Map.entry("labscale.worker.ping-interval", "PT1H"),
                        Map.entry("labscale.worker.cache-dir", Files.createTempDirectory("worker-cache").toString()),
                        Map.entry("labscale.worker.work-dir", Files.createTempDirectory("worker-jobs").toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @Test
    void shouldRegisterWithTheKindsItHasHandlersFor() {
        Call registration = api.await(c -> c.action().equals("register"), SOON, "registration");
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) registration.body().get("capabilities");
        assertEquals("CPU", capabilities.get("device"));
        assertEquals(0, capabilities.get("gpuMemoryMb"));
        assertEquals(List.of("TRAINING", "SEGMENTATION", "TRACKING", "TRACKING_FRAMES", "SELF_TEST"),
                capabilities.get("kinds"));
        assertEquals(1, capabilities.get("slots"));
        assertNotNull(registration.body().get("host"));
    }

    @Test
    void shouldRunASelfTestFromLeaseThroughHeartbeatsToCompletion() throws Exception {
        UUID job = api.enqueueSelfTest(Map.of("steps", 3, "stepMillis", 300, "seed", "abc"));
        Call complete = api.await(job, "complete", SOON);
        String lease = api.lease(job).leaseId().toString();

        assertEquals(List.of("step 1 of 3", "step 2 of 3", "step 3 of 3"), api.progressMessages(job),
                "a heartbeat with progress after every step");
        api.calls(job, "heartbeat").forEach(h -> assertEquals(lease, h.body().get("leaseId"), "fencing token"));
        Map<String, Object> expected = Map.of("checksum", SelfTestPayload.checksum("abc", 3), "steps", 3);
        assertEquals(lease, complete.body().get("leaseId"));
        assertEquals(expected, complete.body().get("result"));
        assertEquals(List.of("result"), complete.body().get("outputs"));
        byte[] stored = api.object(job, "result");
        assertNotNull(stored, "the result object was PUT to the lease's presigned URL");
        assertEquals(expected, json.readValue(stored, new TypeReference<Map<String, Object>>() { }));
        Call put = api.calls(job, "put").get(0);
        assertTrue(put.at().isBefore(complete.at()) || put.at().equals(complete.at()), "uploaded before completing");
        assertTrue(api.calls(job, "fail").isEmpty());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("labscale_worker_jobs_total{kind=\"SELF_TEST\",outcome=\"succeeded\"}"))
                .body(containsString("labscale_worker_job_duration_seconds_count{kind=\"SELF_TEST\",outcome=\"succeeded\"}"))
                .body(containsString("labscale_worker_lease_wait_seconds_count{outcome=\"leased\"}"))
                .body(containsString("labscale_worker_slots 1.0"));
    }

    @Test
    void shouldAskForTheNextJobWithEachCompletionAndRunWhatItBrings() {
        UUID first = api.enqueueSelfTest(Map.of("steps", 2, "stepMillis", 100));
        UUID second = api.enqueueSelfTest(Map.of("steps", 1, "stepMillis", 0));
        api.await(second, "complete", SOON);

        Map<?, ?> next = (Map<?, ?>) api.calls(first, "complete").get(0).body().get("next");
        assertNotNull(next, "the completion asked for the next job");
        assertEquals(0, next.get("waitSeconds"), "without waiting: the loop long-polls when nothing was ready");
        assertTrue(((List<?>) next.get("kinds")).contains("SELF_TEST"), "the kinds the slot leases");
        assertEquals(1, api.calls(second, "lease-on-complete").size(), "the second job came with the completion");
        assertTrue(api.calls(second, "lease").isEmpty(), "no lease call of its own");
        assertEquals(api.lease(second).leaseId().toString(), api.calls(second, "complete").get(0).body().get("leaseId"),
                "it ran under the lease the completion brought");
    }

    @Test
    void shouldSendTheLastProgressBeforeTheResultEvenWhenStepsOutpaceTheProgressInterval() {
        UUID job = api.enqueueSelfTest(Map.of("steps", 3, "stepMillis", 1, "seed", "fast"));
        Call complete = api.await(job, "complete", SOON);

        List<String> messages = api.progressMessages(job);
        assertEquals("step 3 of 3", messages.get(messages.size() - 1), "the final step's progress: " + messages);
        Call last = api.calls(job, "heartbeat").stream().filter(h -> h.body().get("progress") != null)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(!last.at().isAfter(complete.at()), "the last progress reaches the API before the result");
    }

    @Test
    void shouldHeartbeatOnScheduleWhileAStepTakesLong() {
        UUID job = api.enqueueSelfTest(Map.of("steps", 1, "stepMillis", 2600));
        api.await(job, "complete", SOON);
        long withoutProgress = api.calls(job, "heartbeat").stream().filter(c -> c.body().get("progress") == null).count();
        assertTrue(withoutProgress >= 2, "the lease asks for a heartbeat every second: " + api.calls(job, "heartbeat"));
    }

    @Test
    void shouldReportARequestedFailureAsRetryable() {
        UUID job = api.enqueueSelfTest(Map.of("steps", 3, "stepMillis", 0, "failAtStep", 2));
        Call fail = api.await(job, "fail", SOON);
        assertEquals("self-test.requested-failure", fail.body().get("code"));
        assertEquals(true, fail.body().get("retryable"));
        assertTrue(((String) fail.body().get("message")).contains("step 2 of 3"));
        assertTrue(api.calls(job, "complete").isEmpty());
        assertNull(api.object(job, "result"), "a failed attempt uploads nothing");
    }

    @Test
    void shouldStopTheHandlerAndReportCancelledWhenAHeartbeatSaysSo() {
        UUID job = api.enqueueSelfTest(Map.of("steps", 1000, "stepMillis", 200));
        api.await(job, "heartbeat", SOON);
        long cancelledAt = System.nanoTime();
        api.cancel(job);
        Call fail = api.await(job, "fail", SOON);
        long tookMs = (System.nanoTime() - cancelledAt) / 1_000_000;

        assertEquals("job.cancelled", fail.body().get("code"));
        assertEquals(false, fail.body().get("retryable"));
        assertTrue(tookMs < 3000, "cancelled within " + tookMs + " ms");
        assertTrue(api.calls(job, "complete").isEmpty());
        assertNull(api.object(job, "result"));
        awaitIdle();
    }

    @Test
    void shouldStopTheHandlerAndFailTheJobWhenItRunsPastItsTimeLimit() {
        UUID job = api.enqueueSelfTest(Map.of("steps", 1000, "stepMillis", 200), 1);
        long leasedAt = System.nanoTime();
        Call fail = api.await(job, "fail", SOON);
        long tookMs = (System.nanoTime() - leasedAt) / 1_000_000;

        assertEquals("job.time-limit", fail.body().get("code"));
        assertEquals(false, fail.body().get("retryable"), "the same payload would run as long again");
        assertTrue(((String) fail.body().get("message")).contains("ran for 1 s, the longest a SELF_TEST job may run"),
                (String) fail.body().get("message"));
        assertTrue(tookMs >= 1000 && tookMs < 4000, "stopped after " + tookMs + " ms");
        assertTrue(api.calls(job, "complete").isEmpty());
        assertNull(api.object(job, "result"));
        awaitIdle();
    }

    @Test
    void shouldAbandonAJobAtOnceWhenItsLeaseIsLost() throws Exception {
        UUID job = api.enqueueSelfTest(Map.of("steps", 1000, "stepMillis", 200));
        api.await(job, "heartbeat", SOON);
        api.loseLease(job);
        Call refused = api.await(c -> job.equals(c.jobId()) && c.action().equals("heartbeat")
                && c.at().isAfter(java.time.Instant.now().minusMillis(100)), SOON, "a heartbeat after the loss");
        Thread.sleep(1500);

        int heartbeatsThen = api.calls(job, "heartbeat").size();
        Thread.sleep(1500);
        assertEquals(heartbeatsThen, api.calls(job, "heartbeat").size(), "no more heartbeats for a lost lease");
        assertTrue(api.calls(job, "complete").isEmpty(), "never completes a job it lost");
        assertTrue(api.calls(job, "fail").isEmpty(), "nor fails it: the job is someone else's now");
        assertTrue(api.calls(job, "release").isEmpty());
        assertNull(api.object(job, "result"), "its outputs are discarded");
        assertNotNull(refused);

        UUID next = api.enqueueSelfTest(Map.of("steps", 1, "stepMillis", 0));
        api.await(next, "complete", SOON); // the slot is free again
    }

    @Test
    void shouldBackOffWhileTheApiIsDownThenRegisterAgainAndGoOn() throws Exception {
        awaitIdle();
        int registrations = api.registrations().size();
        api.stop();
        Thread.sleep(2000); // several failed lease requests
        given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("worker-registration"));
        api.restart();

        UUID job = api.enqueueSelfTest(Map.of("steps", 2, "stepMillis", 0));
        api.await(job, "complete", SOON);
        assertTrue(api.registrations().size() > registrations, "registers again after the outage");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().body(containsString("labscale_worker_api_errors_total{call=\"lease\"}"));
    }

    @Test
    void shouldBeReadyAndAliveWhileRegistered() {
        api.await(c -> c.action().equals("register"), SOON, "registration");
        given().get("/q/health/ready").then().statusCode(200).body(containsString("worker-registration"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("lease-loops"));
    }

    /** Waits until the slot has nothing running (earlier tests' jobs ended). */
    private static void awaitIdle() {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (System.nanoTime() < deadline) {
            if (given().get("/q/metrics").asString().contains("labscale_worker_slots_busy 0.0")) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the slot stayed busy");
    }
}
