package org.labscale.api.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Http;
import org.labscale.api.testing.Workers;

/**
 * A TRACKING job is split into TRACKING_FRAMES parts that workers lease like other jobs: one part per frame up to 16
 * frames; the tracking step is leased only once every part succeeded, with their masks as inputs. A part that fails
 * fails the job with its reason and cancels the others; cancelling the job cancels its parts; parts count against the
 * lab's quota and only the lab's (or shared) workers see them; their masks are deleted when the job ends.
 */
@QuarkusTest
class TrackingPartsTest {

    private static final String URL = "/api/v1/labs/{lab}/jobs";

    @Test
    void shouldLeaseEveryPartBeforeTheTrackingStepWhichGetsTheirMasks() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        String series = TrackingSubmitTest.series(f, 3);
        String job = submit(f, Map.of("imageId", series, "modelId", model));
        f.alice().as().get(URL + "?kind=TRACKING", f.lab()).then().body("total", equalTo(1))
                .body("items[0].id", equalTo(job))
                .body("items[0].payload.modelVersion", equalTo(1)); // pinned: every part uses the same version
        f.alice().as().get(URL + "?kind=TRACKING_FRAMES", f.lab()).then().body("total", equalTo(0)); // not listed
        Workers.Worker worker = tracker(f);

        List<Map<String, Object>> parts = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Map<String, Object> lease = worker.leaseOne();
            assertEquals("TRACKING_FRAMES", lease.get("kind"), "the parts come first, in frame order");
            Map<?, ?> payload = (Map<?, ?>) lease.get("payload");
            assertEquals(t, payload.get("firstFrame"));
            assertEquals(1, payload.get("frameCount"));
            assertEquals(List.of("masks/" + t + ".tif"), List.copyOf(((Map<?, ?>) lease.get("outputs")).keySet()));
            Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
            assertTrue(inputs.containsKey("image/" + series) && inputs.keySet().stream()
                    .anyMatch(k -> k.toString().endsWith("/member-1.onnx")), inputs.keySet().toString());
            parts.add(lease);
        }
        assertEquals(204, worker.lease().statusCode(), "the tracking step waits for its running parts");
        for (Map<String, Object> part : parts) {
            complete(worker, part);
        }
        f.alice().as().get("/api/v1/jobs/{id}", job).then().body("state", equalTo("QUEUED"))
                .body("progress.message", equalTo("segmented 3 of 3 frames"))
                .body("progress.metrics.frames", equalTo(3.0f));

        Map<String, Object> tracking = worker.leaseOne();
        assertEquals("TRACKING", tracking.get("kind"));
        assertEquals(job, tracking.get("jobId"));
        Map<?, ?> inputs = (Map<?, ?>) tracking.get("inputs");
        Map<?, ?> hashes = (Map<?, ?>) tracking.get("inputHashes");
        for (int t = 0; t < 3; t++) {
            assertTrue(inputs.containsKey("segmented/" + t), inputs.keySet().toString());
            assertEquals(sha256(mask(t)), hashes.get("segmented/" + t));
            assertEquals(new String(mask(t), StandardCharsets.UTF_8), new String(Http.get(
                    (String) inputs.get("segmented/" + t)), StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("frames", 3, "devices", List.of("CPU")),
                ((Map<?, ?>) tracking.get("context")).get("segmented"));

        worker.post(job, "complete", Map.of("leaseId", tracking.get("leaseId"), "result", Map.of()))
                .response().then().statusCode(204);
        for (Map<String, Object> part : parts) {
            f.alice().as().get("/api/v1/jobs/{id}", part.get("jobId")).then().body("state", equalTo("SUCCEEDED"))
                    .body("outputs.size()", equalTo(0)); // the job's CTC masks hold them now
        }
    }

    @Test
    void shouldFailTheJobWithTheFramesReasonCancelTheOtherPartsAndRetryThemAll() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        String job = submit(f, Map.of("imageId", TrackingSubmitTest.series(f, 3), "modelId", model));
        Workers.Worker worker = tracker(f);
        Map<String, Object> first = worker.leaseOne();
        Map<String, Object> second = worker.leaseOne();
        complete(worker, first);

        String reason = "Frame 2 of 3 could not be segmented, so no track was made: it cannot be read";
        worker.post(second.get("jobId"), "fail", Map.of("leaseId", second.get("leaseId"), "code",
                "image.unreadable", "message", reason, "retryable", false)).response().then().statusCode(204);

        f.alice().as().get("/api/v1/jobs/{id}", job).then().body("state", equalTo("FAILED"))
                .body("error.code", equalTo("image.unreadable")).body("error.message", equalTo(reason));
        f.alice().as().get("/api/v1/jobs/{id}", first.get("jobId")).then().body("outputs.size()", equalTo(0));
        assertEquals(204, worker.lease().statusCode(), "the third part was cancelled, the job is not leased");

        f.alice().as().post("/api/v1/jobs/{id}/retry", job).then().statusCode(200);
        f.alice().as().post("/api/v1/jobs/{id}/retry", first.get("jobId")).then().statusCode(409)
                .body("code", equalTo("job.part-of-tracking"));
        Map<String, Object> again = worker.leaseOne();
        assertEquals("TRACKING_FRAMES", again.get("kind"));
        assertEquals(0, ((Map<?, ?>) again.get("payload")).get("firstFrame"), "a retry segments every frame again");
    }

    @Test
    void shouldCancelThePartsWithTheJob() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        String job = submit(f, Map.of("imageId", TrackingSubmitTest.series(f, 3), "modelId", model));
        Workers.Worker worker = tracker(f);
        Map<String, Object> running = worker.leaseOne();

        f.alice().as().post("/api/v1/jobs/{id}/cancel", job).then().statusCode(200)
                .body("state", equalTo("CANCELLED"));

        worker.post(running.get("jobId"), "heartbeat", Map.of("leaseId", running.get("leaseId"))).response()
                .then().statusCode(200).body("cancelRequested", equalTo(true));
        assertEquals(204, worker.lease().statusCode(), "the queued parts were cancelled with it");
    }

    @Test
    void shouldKeepPartsWithinTheLabsQuotaAndAwayFromOtherLabsWorkers() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        submit(f, Map.of("imageId", TrackingSubmitTest.series(f, 4), "modelId", model));
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("maxRunning", 2))
                .put("/api/v1/admin/labs/{lab}/job-quota", f.lab()).then().statusCode(200);

        ModelFixture bob = ModelFixture.create();
        assertEquals(204, tracker(bob).lease().statusCode(), "another lab's worker never sees the parts");
        assertEquals("TRACKING_FRAMES", tracker(f).leaseOne().get("kind"));
        assertEquals("TRACKING_FRAMES", tracker(f).leaseOne().get("kind"));
        assertEquals(204, tracker(f).lease().statusCode(), "two parts running: the lab is at its quota");
    }

    @Test
    void shouldRefuseAPartSubmittedByAUser() {
        ModelFixture f = ModelFixture.create();
        f.alice().as().body(Map.of("kind", "TRACKING_FRAMES", "payload", Map.of())).post(URL, f.lab()).then()
                .statusCode(400).body("details.field", equalTo("kind"));
    }

    /** A new worker of the lab for TRACKING and TRACKING_FRAMES, one slot. */
    static Workers.Worker tracker(ModelFixture f) {
        Workers.Worker worker = Workers.forLab(f.alice(), f.lab(), "tracker-" + UUID.randomUUID());
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0,
                        "kinds", List.of("TRACKING", "TRACKING_FRAMES"), "slots", 1), "host", "test-node"))
                .post("/api/v1/worker/register").then().statusCode(200);
        return worker;
    }

    /** Leases and completes every part of the lab's queued TRACKING job, as workers segmenting it would. */
    static void segmentParts(Workers.Worker worker, int parts) {
        for (int i = 0; i < parts; i++) {
            Map<String, Object> lease = worker.leaseOne();
            assertEquals("TRACKING_FRAMES", lease.get("kind"));
            complete(worker, lease);
        }
    }

    /** Completes a part: a fake mask per frame PUT to its URL, and the masks' hashes in the result. */
    private static void complete(Workers.Worker worker, Map<String, Object> part) {
        Map<?, ?> payload = (Map<?, ?>) part.get("payload");
        int first = (Integer) payload.get("firstFrame");
        Map<String, Object> masks = new java.util.LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        for (int t = first; t < first + (Integer) payload.get("frameCount"); t++) {
            Http.put((String) ((Map<?, ?>) part.get("outputs")).get("masks/" + t + ".tif"), mask(t));
            masks.put(Integer.toString(t), sha256(mask(t)));
            outputs.add("masks/" + t + ".tif");
        }
        worker.post(part.get("jobId"), "complete", Map.of("leaseId", part.get("leaseId"), "outputs", outputs,
                "result", Map.of("frames", outputs.size(), "device", "CPU", "masks", masks))).response().then()
                .statusCode(204);
    }

    private static byte[] mask(int t) {
        return ("mask of frame " + t).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String submit(ModelFixture f, Map<String, Object> payload) {
        return f.alice().as().body(Map.of("kind", "TRACKING", "payload", payload)).post(URL, f.lab()).then()
                .statusCode(201).extract().path("id");
    }
}
