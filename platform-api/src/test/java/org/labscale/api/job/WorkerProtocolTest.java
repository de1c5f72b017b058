package org.labscale.api.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobReaper;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;
import org.labscale.shared.job.SelfTestPayload;

/** The worker protocol: credentials, registration, leases, heartbeats, completion, fencing, reaping, retries. */
@QuarkusTest
class WorkerProtocolTest {

    @Inject
    JobReaper reaper;

    @Inject
    ObjectStore store;

    @Test
    void shouldKeepUserAndWorkerTokensApart() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box");
        alice.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(403)
                .body("code", equalTo("auth.worker-endpoint"));
        alice.as().body(Map.of()).post("/api/v1/worker/jobs/{id}/heartbeat", UUID.randomUUID()).then().statusCode(403);
        worker.as().get("/api/v1/labs/{lab}/jobs", lab).then().statusCode(403).body("code", equalTo("auth.worker-token"));
        worker.as().get("/api/v1/me").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/worker/lease").then().statusCode(401);
        given().auth().oauth2("lsw_" + "x".repeat(43)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/worker/lease").then().statusCode(401).body("code", equalTo("auth.invalid-token"));
        worker.as().get("/api/v1/info").then().statusCode(200);
        // The lease needs a registration first.
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(409)
                .body("code", equalTo("worker.not-registered"));
        worker.register("CPU", 0);
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(204);
        alice.as().get("/api/v1/labs/{lab}/workers", lab).then().statusCode(200)
                .body("items[0].capabilities.device", equalTo("CPU")).body("items[0].token", nullValue())
                .body("items[0].host", equalTo("test-node"));
        alice.as().delete("/api/v1/labs/{lab}/workers/{w}", lab, worker.id()).then().statusCode(204);
        worker.as().body(Map.of("waitSeconds", 0)).post("/api/v1/worker/lease").then().statusCode(401);
        // Only owners make workers; only the administrator makes shared ones.
        User mia = Api.newUser("Mia");
        Api.join(alice, lab, mia, "MEMBER");
        mia.as().body(Map.of("name", "mine")).post("/api/v1/labs/{lab}/workers", lab).then().statusCode(403);
        alice.as().body(Map.of("name", "shared")).post("/api/v1/admin/workers").then().statusCode(403);
    }

    @Test
    void shouldRefuseBadRegistrations() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box");
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "kinds", List.of()))).post("/api/v1/worker/register")
                .then().statusCode(400).body("details.field", equalTo("capabilities.kinds"));
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 8000, "kinds", List.of("SELF_TEST"))))
                .post("/api/v1/worker/register").then().statusCode(400)
                .body("details.field", equalTo("capabilities.gpuMemoryMb"));
        worker.as().body(Map.of("capabilities", Map.of("device", "TPU", "kinds", List.of("SELF_TEST"))))
                .post("/api/v1/worker/register").then().statusCode(400);
        worker.as().body(Map.of("capabilities", Map.of("device", "CUDA", "gpuMemoryMb", 24000, "kinds",
                List.of("SELF_TEST"), "slots", 65))).post("/api/v1/worker/register").then().statusCode(400)
                .body("details.field", equalTo("capabilities.slots"));
    }

    @Test
    void shouldRunASelfTestEndToEnd() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String id = alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 2, "seed", "s")))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
        Map<String, Object> lease = worker.leaseOne();
        assertEquals(id, lease.get("jobId"));
        assertEquals(1, lease.get("attempt"));
        assertEquals("SELF_TEST", lease.get("kind"));
        assertEquals(20, lease.get("heartbeatEverySeconds"));
        assertEquals(Map.of("steps", 2, "stepMillis", 100, "seed", "s"), withoutNulls(lease.get("payload")));
        Object leaseId = lease.get("leaseId");
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("RUNNING")).body("attempts", equalTo(1))
                .body("workerId", equalTo(worker.id().toString()));

        assertEquals(200, worker.post(id, "heartbeat", Map.of("leaseId", leaseId, "progress", Map.of("fraction", 0.5,
                "message", "step 1 of 2", "metrics", Map.of("step", 1)))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("progress.fraction", equalTo(0.5f))
                .body("progress.metrics.step", equalTo(1.0f));
        assertEquals(400, worker.post(id, "heartbeat", Map.of("leaseId", leaseId, "progress",
                Map.of("fraction", 1.5))).statusCode());

        String checksum = SelfTestPayload.checksum("s", 2);
        String result = "{\"checksum\":\"" + checksum + "\",\"steps\":2}";
        // Completing with an output that was never uploaded is refused and changes nothing.
        worker.post(id, "complete", Map.of("leaseId", leaseId, "result", Map.of("checksum", checksum),
                "outputs", List.of("result"))).statusCode();
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("RUNNING"));
        @SuppressWarnings("unchecked")
        String url = ((Map<String, String>) lease.get("outputs")).get("result");
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(result)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        worker.post(id, "complete", Map.of("leaseId", leaseId, "result", Map.of("checksum", checksum, "steps", 2),
                "outputs", List.of("nope"))).statusCode();
        assertEquals(400, worker.post(id, "complete", Map.of("leaseId", leaseId, "outputs", List.of("nope")))
                .statusCode());
        assertEquals(204, worker.post(id, "complete", Map.of("leaseId", leaseId, "result",
                Map.of("checksum", checksum, "steps", 2), "outputs", List.of("result"))).statusCode());
        // A repeat of the accepted completion (a retry after a lost answer) is answered the same.
        assertEquals(204, worker.post(id, "complete", Map.of("leaseId", leaseId, "result", Map.of())).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("SUCCEEDED"))
                .body("result.checksum", equalTo(checksum)).body("outputs", equalTo(List.of("result")))
                .body("progress.fraction", equalTo(1.0f)).body("finishedAt", org.hamcrest.Matchers.notNullValue());
        String key = "labs/" + lab + "/jobs/" + id + "/" + leaseId + "/result.json";
        assertEquals(result.length(), store.size(key));
        assertEquals(409, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).statusCode());
    }

    @Test
    void shouldFenceOffALostWorkerAfterItsJobWasReapedAndLeasedAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker stale = Workers.forLab(alice, lab, "stale").register("CPU", 0);
        Worker fresh = Workers.forLab(alice, lab, "fresh").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of());
        Map<String, Object> first = stale.leaseOne();
        Object staleLease = first.get("leaseId");
        @SuppressWarnings("unchecked")
        String staleUrl = ((Map<String, String>) first.get("outputs")).get("result");

        clock.advance(Duration.ofSeconds(61)); // the lease (60 s) expires without a heartbeat
        assertTrue(reaper.reap() >= 1); // (other tests' leftover leases may expire too: the database is shared)
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED"))
                .body("error.code", equalTo("worker.lost"))
                .body("error.message", containsString("Attempt 1 of 3 lost its worker"))
                .body("nextAttemptAt", equalTo(clock.instant().plusSeconds(10).toString()));
        assertEquals(409, stale.post(id, "heartbeat", Map.of("leaseId", staleLease)).statusCode());
        assertEquals(204, fresh.lease().statusCode(), "backoff: not before 10 s");
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> second = fresh.leaseOne();
        assertEquals(2, second.get("attempt"));
        assertNotEquals(staleLease, second.get("leaseId"));

        // The lost worker comes back: it may still upload to its own (old) keys, but can change nothing.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(staleUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"stale\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        var refused = stale.post(id, "complete", Map.of("leaseId", staleLease, "result", Map.of("stale", true),
                "outputs", List.of("result")));
        assertEquals(409, refused.statusCode());
        assertEquals("lease.lost", refused.path("code"));
        assertEquals(409, stale.post(id, "fail", Map.of("leaseId", staleLease, "code", "x", "retryable", false))
                .statusCode());
        assertEquals(409, stale.post(id, "heartbeat", Map.of("leaseId", staleLease)).statusCode());
        // Even with the right lease id, another worker's call is refused.
        assertEquals(409, stale.post(id, "heartbeat", Map.of("leaseId", second.get("leaseId"))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("RUNNING")).body("attempts", equalTo(2));

        assertEquals(204, fresh.post(id, "complete", Map.of("leaseId", second.get("leaseId"),
                "result", Map.of("winner", true))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("SUCCEEDED"))
                .body("result.winner", equalTo(true)).body("error", nullValue());
        assertEquals(List.of(), store.list("labs/" + lab + "/jobs/" + id + "/"), "the lost attempt's objects are gone");
    }

    @Test
    void shouldRetryLostAttemptsWithExponentialBackoffThenFail() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of("maxAttempts", 3));
        String lastUrl = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Map<String, Object> lease = worker.leaseOne();
            assertEquals(attempt, lease.get("attempt"));
            @SuppressWarnings("unchecked")
            String url = ((Map<String, String>) lease.get("outputs")).get("result");
            lastUrl = url;
            // heartbeats keep it alive past the first lease time
            clock.advance(Duration.ofSeconds(50));
            worker.post(id, "heartbeat", Map.of("leaseId", lease.get("leaseId"))).statusCode();
            clock.advance(Duration.ofSeconds(50));
            reaper.reap();
            alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("RUNNING")); // heart-beating: kept
            clock.advance(Duration.ofSeconds(11));
            assertTrue(reaper.reap() >= 1);
            if (attempt < 3) {
                long backoff = 10L << (attempt - 1); // 10 s, then 20 s
                alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED"))
                        .body("nextAttemptAt", equalTo(clock.instant().plusSeconds(backoff).toString()));
                clock.advance(Duration.ofSeconds(backoff - 1));
                assertEquals(204, worker.lease().statusCode());
                clock.advance(Duration.ofSeconds(1));
            }
        }
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("FAILED")).body("attempts", equalTo(3))
                .body("error.code", equalTo("worker.lost"))
                .body("error.message", containsString("Attempt 3 of 3 lost its worker"))
                .body("error.message", containsString("no attempts left"))
                .body("finishedAt", equalTo(clock.instant().toString()));
        assertEquals(204, worker.lease().statusCode());

        // The last attempt uploaded before its worker was lost; a retry starts afresh and leaves nothing of it.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lastUrl))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"lost\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(1, store.list("labs/" + lab + "/jobs/" + id + "/").size());
        alice.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(200);
        assertEquals(List.of(), store.list("labs/" + lab + "/jobs/" + id + "/"), "the lost attempt's object is gone");
    }

    @Test
    void shouldRetryRetryableFailuresAndStopOnOthers() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of());
        Object lease = worker.leaseOne().get("leaseId");
        assertEquals(204, worker.post(id, "fail", Map.of("leaseId", lease, "code", "gpu.out-of-memory",
                "message", "CUDA out of memory", "retryable", true)).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED"))
                .body("error.code", equalTo("gpu.out-of-memory"))
                .body("nextAttemptAt", equalTo(clock.instant().plusSeconds(10).toString()));
        assertEquals(409, worker.post(id, "fail", Map.of("leaseId", lease, "code", "again", "retryable", true))
                .statusCode(), "the lease ended with the failure");
        clock.advance(Duration.ofSeconds(10));
        lease = worker.leaseOne().get("leaseId");
        assertEquals(204, worker.post(id, "fail", Map.of("leaseId", lease, "code", "self-test.bad-input",
                "message", "cannot work with this", "retryable", false)).statusCode());
        assertEquals(204, worker.post(id, "fail", Map.of("leaseId", lease, "code", "self-test.bad-input",
                "retryable", false)).statusCode(), "a repeat is answered the same");
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("FAILED")).body("attempts", equalTo(2))
                .body("error.code", equalTo("self-test.bad-input")).body("error.message", equalTo("cannot work with this"));
    }

    @Test
    void shouldQueueAReleasedJobAtOnceWithoutSpendingAnAttempt() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of("maxAttempts", 1));
        Object lease = worker.leaseOne().get("leaseId");
        assertEquals(204, worker.post(id, "release", Map.of("leaseId", lease, "reason", "SIGTERM")).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED")).body("attempts", equalTo(0));
        assertEquals(409, worker.post(id, "release", Map.of("leaseId", lease)).statusCode());
        Map<String, Object> again = worker.leaseOne();
        assertEquals(1, again.get("attempt"));
        assertEquals(400, worker.post(id, "heartbeat", Map.of()).statusCode());
    }

    @Test
    void shouldLeaseTheNextJobInTheSameCallAsACompletionWhenAsked() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Worker Lab");
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        String first = Workers.selfTest(alice, lab, Map.of());
        Object firstLease = worker.leaseOne().get("leaseId");
        // A bad next is refused before anything is recorded.
        assertEquals(400, worker.post(first, "complete", Map.of("leaseId", firstLease, "next",
                Map.of("waitSeconds", 3600))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", first).then().body("state", equalTo("RUNNING"));
        String second = Workers.selfTest(alice, lab, Map.of());

        var chained = worker.post(first, "complete", Map.of("leaseId", firstLease, "next", Map.of("waitSeconds", 0)));
        assertEquals(200, chained.statusCode());
        assertEquals(second, chained.jsonPath().getString("jobId"), "the next job, leased in the same round trip");
        alice.as().get("/api/v1/jobs/{id}", first).then().body("state", equalTo("SUCCEEDED"));
        alice.as().get("/api/v1/jobs/{id}", second).then().body("state", equalTo("RUNNING"))
                .body("workerId", equalTo(worker.id().toString()));
        // A stale lease asking for more is fenced off and leases nothing.
        String third = Workers.selfTest(alice, lab, Map.of());
        assertEquals(409, worker.post(first, "complete", Map.of("leaseId", UUID.randomUUID(), "next",
                Map.of("waitSeconds", 0))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", third).then().body("state", equalTo("QUEUED"));

        Object secondLease = chained.jsonPath().getString("leaseId");
        var thirdLease = worker.post(second, "complete", Map.of("leaseId", secondLease, "next", Map.of("waitSeconds", 0)));
        assertEquals(third, thirdLease.jsonPath().getString("jobId"));
        // Nothing left: 204, and the completion stands.
        assertEquals(204, worker.post(third, "complete", Map.of("leaseId", thirdLease.jsonPath().getString("leaseId"),
                "next", Map.of("waitSeconds", 0))).statusCode());
        alice.as().get("/api/v1/jobs/{id}", third).then().body("state", equalTo("SUCCEEDED"));
    }

    private static Map<String, Object> withoutNulls(Object map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new java.util.HashMap<>((Map<String, Object>) map);
        m.values().removeIf(v -> v == null);
        return m;
    }
}
