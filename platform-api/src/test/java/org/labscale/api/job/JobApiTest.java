package org.labscale.api.job;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/** The users' side of the queue: submit, idempotency, validation, list, cancel, retry, live events, tenancy. */
@QuarkusTest
class JobApiTest {

    static final Map<String, Object> SELF_TEST = Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 5, "seed", "x"));

    @Test
    void shouldAnswerTheSameJobForTheSameIdempotencyKey() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String id = alice.as().header("Idempotency-Key", "run-42").body(SELF_TEST)
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).header("ETag", "\"0\"")
                .body("state", equalTo("QUEUED")).body("attempts", equalTo(0)).body("maxAttempts", equalTo(3))
                .body("payload.steps", equalTo(5)).body("payload.stepMillis", equalTo(100))
                .body("payload.seed", equalTo("x")).body("idempotencyKey", equalTo("run-42"))
                .extract().path("id");
        alice.as().header("Idempotency-Key", "run-42").body(SELF_TEST).post("/api/v1/labs/{lab}/jobs", lab).then()
                .statusCode(200).body("id", equalTo(id));
        // The same request with its defaults spelled out is the same request.
        alice.as().header("Idempotency-Key", "run-42").body(Map.of("kind", "SELF_TEST", "priority", 0, "maxAttempts", 3,
                        "payload", Map.of("steps", 5, "seed", "x", "stepMillis", 100)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(200).body("id", equalTo(id));
        alice.as().header("Idempotency-Key", "run-42").body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 6)))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(422)
                .body("code", equalTo("job.idempotency-key-reused")).body("details.jobId", equalTo(id));
        // Keys are per lab: another lab may use the same key for its own job.
        UUID other = Api.newLab(alice, "Other Lab");
        String second = alice.as().header("Idempotency-Key", "run-42").body(SELF_TEST)
                .post("/api/v1/labs/{lab}/jobs", other).then().statusCode(201).extract().path("id");
        assertTrue(!second.equals(id));
        alice.as().get("/api/v1/labs/{lab}/jobs", lab).then().body("total", equalTo(1));
    }

    @Test
    void shouldRefuseJobsThatCanNeverRun() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String url = "/api/v1/labs/{lab}/jobs";
        alice.as().body(Map.of("payload", Map.of())).post(url, lab).then().statusCode(400)
                .body("details.field", equalTo("kind"));
        alice.as().body(Map.of("kind", "DANCE", "payload", Map.of())).post(url, lab).then().statusCode(400)
                .body("code", equalTo("request.malformed-json"));
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 0))).post(url, lab).then()
                .statusCode(400).body("details.field", equalTo("payload.steps"));
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 3, "failAtStep", 4))).post(url, lab)
                .then().statusCode(400).body("details.field", equalTo("payload.failAtStep"));
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("stepz", 3))).post(url, lab).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"));
        alice.as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", "many"))).post(url, lab).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"));
        alice.as().body(Map.of("kind", "SELF_TEST", "priority", 11)).post(url, lab).then().statusCode(400)
                .body("details.field", equalTo("priority"));
        alice.as().body(Map.of("kind", "SELF_TEST", "maxAttempts", 0)).post(url, lab).then().statusCode(400)
                .body("details.field", equalTo("maxAttempts"));
        alice.as().body(Map.of("kind", "SELF_TEST", "requiresGpu", false, "minGpuMemoryMb", 8000)).post(url, lab)
                .then().statusCode(400).body("details.field", equalTo("requiresGpu"));
        alice.as().header("Idempotency-Key", "has space").body(SELF_TEST).post(url, lab).then().statusCode(400)
                .body("code", equalTo("job.invalid-idempotency-key"));
        // Resources must exist in the job's own lab; another lab's read exactly as missing ones. The image source is
        // checked before the model (models: SegmentationSubmitTest).
        alice.as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(Map.of(
                "trainingSetId", UUID.randomUUID(), "version", 1))))).post(url, lab).then().statusCode(404)
                .body("details.resource", equalTo("training set version"));
        alice.as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(Map.of("version", 1)))))
                .post(url, lab).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("message", equalTo("trainingSets[0] needs a trainingSetId."));
        UUID otherLab = Api.newLab(alice, "Other Lab");
        UUID project = Api.newProject(alice, otherLab, "Elsewhere");
        String foreignImage = Uploads.accepted(alice, project, "x.png",
                TestFiles.png(TestFiles.gray(6, 5, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))).toString();
        String model = UUID.randomUUID().toString();
        alice.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "imageIds", List.of(foreignImage))))
                .post(url, lab).then().statusCode(404).body("details.resource", equalTo("image"))
                .body("details.item", equalTo(0));
        alice.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "imageIds", List.of(foreignImage, foreignImage))))
                .post(url, otherLab).then().statusCode(400).body("details.item", equalTo(1));
        alice.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model, "projectId", project)))
                .post(url, lab).then().statusCode(404).body("details.resource", equalTo("project"));
        alice.as().get("/api/v1/labs/{lab}/jobs", lab).then().body("total", equalTo(0));
    }

    @Test
    void shouldAcceptAJobNoWorkerCanRunYet() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        alice.as().body(Map.of("kind", "SELF_TEST", "minGpuMemoryMb", 80_000)).post("/api/v1/labs/{lab}/jobs", lab)
                .then().statusCode(201).body("state", equalTo("QUEUED")).body("requiresGpu", equalTo(true));
    }

    @Test
    void shouldListByStateAndKindAndPage() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String a = Workers.selfTest(alice, lab, Map.of());
        String b = Workers.selfTest(alice, lab, Map.of());
        String c = Workers.selfTest(alice, lab, Map.of());
        alice.as().post("/api/v1/jobs/{id}/cancel", b).then().statusCode(200);
        alice.as().get("/api/v1/labs/{lab}/jobs?state=QUEUED", lab).then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(c, a));
        alice.as().get("/api/v1/labs/{lab}/jobs?state=cancelled&kind=SELF_TEST", lab).then()
                .body("items.id", contains(b));
        alice.as().get("/api/v1/labs/{lab}/jobs?kind=TRAINING", lab).then().body("total", equalTo(0));
        alice.as().get("/api/v1/labs/{lab}/jobs?page=1&size=2", lab).then().body("total", equalTo(3))
                .body("items.id", contains(a));
        alice.as().get("/api/v1/labs/{lab}/jobs?state=DONE", lab).then().statusCode(400)
                .body("details.field", equalTo("state"));
        alice.as().get("/api/v1/jobs/{id}", a).then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void shouldCancelQueuedJobsAtOnceAndRetryThem() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String id = Workers.selfTest(alice, lab, Map.of());
        alice.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(409).body("code", equalTo("job.not-retryable"));
        alice.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200).body("state", equalTo("CANCELLED"))
                .body("error.code", equalTo("job.cancelled"));
        alice.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200).body("state", equalTo("CANCELLED"));
        alice.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(200).body("state", equalTo("QUEUED"))
                .body("error", nullValue()).body("finishedAt", nullValue());
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        Map<String, Object> lease = worker.leaseOne();
        assertEquals(id, lease.get("jobId"));
        worker.post(id, "complete", Map.of("leaseId", lease.get("leaseId"), "result", Map.of("ok", true)))
                .statusCode();
        alice.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(409).body("code", equalTo("job.already-finished"));
        alice.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(409);
    }

    @Test
    void shouldTellTheWorkerOfACancelOnItsNextHeartbeat() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String id = Workers.selfTest(alice, lab, Map.of());
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        Object leaseId = worker.leaseOne().get("leaseId");
        worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).statusCode();
        assertEquals(false, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).path("cancelRequested"));
        alice.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(200).body("state", equalTo("RUNNING"))
                .body("cancelRequested", equalTo(true));
        assertEquals(true, worker.post(id, "heartbeat", Map.of("leaseId", leaseId)).path("cancelRequested"));
        assertEquals(204, worker.post(id, "fail", Map.of("leaseId", leaseId, "code", "self-test.cancelled",
                "message", "stopped", "retryable", true)).statusCode());
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("CANCELLED"))
                .body("error.code", equalTo("job.cancelled"));
        alice.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(200).body("attempts", equalTo(0));
    }

    @Test
    void shouldLetViewersReadButNotSubmitOrCancel() {
        User alice = Api.newUser("Alice");
        User victor = Api.newUser("Victor");
        UUID lab = Api.newLab(alice, "Queue Lab");
        Api.join(alice, lab, victor, "VIEWER");
        String id = Workers.selfTest(alice, lab, Map.of());
        victor.as().get("/api/v1/jobs/{id}", id).then().statusCode(200);
        victor.as().get("/api/v1/labs/{lab}/jobs", lab).then().statusCode(200).body("total", equalTo(1));
        victor.as().body(SELF_TEST).post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(403);
        victor.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(403);
        victor.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(403);
        victor.as().body(Map.of("name", "mine")).post("/api/v1/labs/{lab}/workers", lab).then().statusCode(403);
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED"));
    }

    @Test
    void shouldAnswerStrangersAsIfTheJobDidNotExist() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String id = Workers.selfTest(alice, lab, Map.of());
        String worker = Workers.forLab(alice, lab, "box").id().toString();
        for (String path : List.of("/api/v1/jobs/{id}", "/api/v1/jobs/{id}/events")) {
            var real = eve.as().get(path, id).then().statusCode(404).extract();
            var missing = eve.as().get(path, UUID.randomUUID()).then().statusCode(404).extract();
            assertEquals(missing.path("code").toString(), real.path("code").toString());
        }
        eve.as().post("/api/v1/jobs/{id}/cancel", id).then().statusCode(404);
        eve.as().post("/api/v1/jobs/{id}/retry", id).then().statusCode(404);
        eve.as().body(SELF_TEST).post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(404);
        eve.as().get("/api/v1/labs/{lab}/jobs", lab).then().statusCode(404);
        eve.as().get("/api/v1/labs/{lab}/workers", lab).then().statusCode(404);
        eve.as().delete("/api/v1/labs/{lab}/workers/{w}", lab, worker).then().statusCode(404);
        alice.as().get("/api/v1/jobs/{id}", id).then().body("state", equalTo("QUEUED"));
        alice.as().get("/api/v1/labs/{lab}/workers", lab).then().body("items[0].revokedAt", nullValue());
    }

    @Test
    void shouldStreamProgressUntilTheJobEnds() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Queue Lab");
        String id = Workers.selfTest(alice, lab, Map.of());
        Worker worker = Workers.forLab(alice, lab, "box").register("CPU", 0);
        Object leaseId = worker.leaseOne().get("leaseId");
        worker.post(id, "heartbeat", Map.of("leaseId", leaseId, "progress",
                Map.of("fraction", 0.5, "message", "step 1 of 2", "metrics", Map.of("step", 1)))).statusCode();

        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/jobs/" + id + "/events")).header("Authorization", "Bearer " + alice.token())
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> events = new ArrayList<>();
        long opened = System.nanoTime();
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) { // ends when the server ends the stream
            String line = lines.next();
            if (!line.startsWith("data:")) {
                continue;
            }
            events.add(line);
            if (events.size() == 1) {
                assertTrue(line.contains("\"state\":\"RUNNING\"") && line.contains("\"fraction\":0.5")
                        && line.contains("step 1 of 2"), line);
                worker.post(id, "heartbeat", Map.of("leaseId", leaseId, "progress", Map.of("fraction", 1.0,
                        "message", "step 2 of 2", "metrics", Map.of("step", 2)))).statusCode();
            }
            if (line.contains("step 2 of 2") && line.contains("RUNNING")) {
                assertEquals(204, worker.post(id, "complete", Map.of("leaseId", leaseId,
                        "result", Map.of("checksum", "abc"))).statusCode());
            }
        }
        // Each change reaches the stream by notification, not at the stream's 10 s fallback look: two changes after
        // the first event would take 20 s without it.
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - opened);
        assertTrue(seconds < 8, "the stream took " + seconds + " s");
        assertTrue(events.size() >= 3, "events: " + events);
        assertTrue(events.get(events.size() - 1).contains("\"state\":\"SUCCEEDED\""), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("step 2 of 2") && e.contains("RUNNING")), events.toString());

        // A finished job's stream is its final state, and ends at once.
        HttpResponse<String> done = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(1, done.body().lines().filter(l -> l.startsWith("data:")).count(), done.body());
    }
}
