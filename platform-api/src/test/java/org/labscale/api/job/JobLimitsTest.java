package org.labscale.api.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobReaper;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/**
 * The limits on jobs (issue 16.6): the cost of a payload, the queued jobs of a lab, and the run time of an attempt
 * (the lease says it; the reaper ends an attempt that outlives it). Small limits keep the tests small.
 */
@QuarkusTest
@TestProfile(JobLimitsTest.SmallLimits.class)
class JobLimitsTest {

    /** Small limits, shared with {@link LongPollLimitsTest} (one profile, one restart). */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labscale.jobs.limits.max-queued-per-lab", "3",
                    "labscale.jobs.limits.max-run-time.self-test", "PT10M",
                    "labscale.jobs.limits.max-polls-per-lab", Integer.toString(LongPollLimitsTest.LAB_POLLS),
                    "quarkus.thread-pool.max-threads", Integer.toString(LongPollLimitsTest.THREADS));
        }
    }

    @Inject
    JobReaper reaper;

    @Test
    void shouldRefuseAPayloadWhoseSizesMultiplyBeyondTheLimit() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Costly Lab");
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 100_000, "stepMillis", 600_000)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(400)
                .body("code", equalTo("job.too-costly"))
                .body("details.fields", equalTo(List.of("payload.steps", "payload.stepMillis")))
                .body("message", containsString("16666h 40min, longer than the 10min a SELF_TEST job may run "
                        + "(labscale.jobs.limits.max-run-time.self-test)"));
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 11, "stepMillis", 60_000)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(400).body("code", equalTo("job.too-costly"));
        alice.as().body(Map.of("kind", "TRAINING", "payload", Map.of(
                        "trainingSets", List.of(Map.of("trainingSetId", UUID.randomUUID(), "version", 1)),
                        "patchesPerEpoch", 10_000_000, "epochs", 1000, "ensembleSize", 20)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(400)
                .body("code", equalTo("job.too-costly"))
                .body("details.fields", equalTo(List.of("payload.patchesPerEpoch", "payload.epochs",
                        "payload.ensembleSize")))
                .body("details.limit", equalTo(500_000_000))
                .body("message", containsString("10000000 x 1000 x 20 = 200000000000 patches"));
        alice.as().get("/api/v1/labs/{lab}/jobs", lab).then().body("total", equalTo(0));
        // exactly the limit is fine
        Workers.selfTest(alice, lab, Map.of("payload", Map.of("steps", 10, "stepMillis", 60_000)));
    }

    @Test
    void shouldCapTheQueuedJobsOfALab() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID lab = Api.newLab(alice, "Busy Lab");
        UUID other = Api.newLab(bob, "Other Lab");
        String first = Workers.selfTest(alice, lab, Map.of());
        Workers.selfTest(alice, lab, Map.of());
        Workers.selfTest(alice, lab, Map.of());
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 1))).post("/api/v1/labs/{lab}/jobs", lab)
                .then().statusCode(429).body("code", equalTo("job.queue-full"))
                .body("details.maxQueued", equalTo(3))
                .body("message", containsString("labscale.jobs.limits.max-queued-per-lab"));
        Workers.selfTest(bob, other, Map.of()); // another lab is not held back

        alice.as().post("/api/v1/jobs/{id}/cancel", first).then().statusCode(200);
        String fourth = Workers.selfTest(alice, lab, Map.of()); // a place came free
        alice.as().post("/api/v1/jobs/{id}/retry", first).then().statusCode(429).body("code", equalTo("job.queue-full"));
        alice.as().post("/api/v1/jobs/{id}/cancel", fourth).then().statusCode(200);
        alice.as().post("/api/v1/jobs/{id}/retry", first).then().statusCode(200).body("state", equalTo("QUEUED"));
        alice.as().get("/api/v1/labs/{lab}/jobs?state=QUEUED", lab).then().body("total", equalTo(3));
    }

    @Test
    void shouldTellTheWorkerTheRunTimeLimitAndEndAnAttemptThatOutlivesIt() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Slow Lab");
        Worker worker = Workers.forLab(alice, lab, "slow box").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of());
        Map<String, Object> lease = worker.leaseOne();
        Object leaseId = lease.get("leaseId");
        assertEquals(600, ((Number) lease.get("maxRunSeconds")).intValue());
        // its URLs live as long as the job may run, plus one lease TTL: not the 6 h of url-ttl
        assertEquals(clock.instant().plus(Duration.ofMinutes(10).plusSeconds(60)),
                Instant.parse((String) lease.get("urlsExpireAt")));

        clock.advance(Duration.ofMinutes(6));
        assertEquals(200, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).statusCode());
        reaper.reapOverdue();
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("RUNNING"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // past the limit and the lease TTL after it, still beating
        assertEquals(200, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).statusCode());
        assertTrue(reaper.reapOverdue() >= 1);
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("FAILED"))
                .body("error.code", equalTo("job.time-limit"))
                .body("error.message", equalTo("Attempt 1 ran longer than the 10min a SELF_TEST job may run "
                        + "(labscale.jobs.limits.max-run-time.self-test); it is not retried."));
        assertEquals(409, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).statusCode());
    }
}
