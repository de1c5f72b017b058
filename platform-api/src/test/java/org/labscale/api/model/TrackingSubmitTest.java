package org.labscale.api.model;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Workers;

/**
 * Submitting TRACKING jobs: defaults filled in, impossible settings and a series of one frame refused (400), another
 * lab's image or model read as missing (404), nothing queued for a refused job; and the lease of an accepted one
 * names the series, the model's members and one CTC mask per frame.
 */
@QuarkusTest
class TrackingSubmitTest {

    private static final String URL = "/api/v1/labs/{lab}/jobs";

    @Test
    void shouldQueueASeriesWithDefaultsAndLeaseItWithOneMaskPerFrame() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        String series = series(f, 3);
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model))).post(URL, f.lab()).then()
                .statusCode(201).body("kind", equalTo("TRACKING"))
                .body("payload.tracker.preset", equalTo("nuclei"))
                .body("payload.tracker.maxDistance", equalTo(30.0f))
                .body("payload.tracker.gapFrames", equalTo(1))
                .body("payload.tracker.divisions", equalTo(true))
                .body("payload.frameIntervalMinutes", equalTo(1.0f))
                .body("payload.postProcessing.method", equalTo("THRESHOLD"));

        Workers.Worker worker = Workers.forLab(f.alice(), f.lab(), "tracker-" + UUID.randomUUID());
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0,
                        "kinds", List.of("TRACKING"), "slots", 1), "host", "test-node"))
                .post("/api/v1/worker/register").then().statusCode(200);
        Map<String, Object> lease = worker.leaseOne();
        assertEquals("TRACKING", lease.get("kind"));
        Map<?, ?> outputs = (Map<?, ?>) lease.get("outputs");
        assertEquals(Set.of("ctc/mask000.tif", "ctc/mask001.tif", "ctc/mask002.tif", "ctc/res_track.txt",
                "tracks.csv", "growth.csv", "merges.csv", "report.json",
                "figures/growth-rate-histogram.png", "figures/growth-rate-histogram.svg",
                "figures/growth-rate-histogram.csv", "figures/growth-rate-map.png", "figures/growth-rate-map.svg",
                "figures/growth-rate-map.csv", "figures/lineage-tree.png", "figures/lineage-tree.svg",
                "figures/lineage-tree.csv"), Set.copyOf(outputs.keySet()));
        Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
        assertTrue(inputs.containsKey("image/" + series), inputs.keySet().toString());
        assertTrue(inputs.keySet().stream().anyMatch(k -> k.toString().endsWith("/member-1.onnx")),
                inputs.keySet().toString());
        Map<?, ?> context = (Map<?, ?>) lease.get("context");
        assertEquals(3, context.get("frames"));
        assertEquals(series, ((Map<?, ?>) context.get("image")).get("id"));
    }

    @Test
    void shouldRefuseOneFrameImpossibleSettingsAndAnotherLabsImageOrModelAndQueueNothing() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        String series = series(f, 2);
        ModelFixture bob = ModelFixture.create();
        String bobsSeries = series(bob, 2);
        String bobsModel = bob.train("Bob's nuclei", ModelFixture.goodOutputs(2));

        f.alice().as().body(tracking(Map.of("imageId", f.imageA(), "modelId", model))).post(URL, f.lab()).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.imageId"))
                .body("message", containsString("has 1 frame(s); tracking needs a time series of 2 or more"));
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model,
                        "tracker", Map.of("maxDistance", 0, "gapFrames", -1))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.tracker"))
                .body("message", containsString("tracker.maxDistance must be between 1 and 10000"))
                .body("message", containsString("tracker.gapFrames must be between 0"));
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model, "frameIntervalMinutes", -5)))
                .post(URL, f.lab()).then().statusCode(400)
                .body("details.field", equalTo("payload.frameIntervalMinutes"));
        f.alice().as().body(tracking(Map.of("modelId", model))).post(URL, f.lab()).then().statusCode(400)
                .body("details.field", equalTo("payload.imageId"));
        for (String id : List.of(bobsSeries, UUID.randomUUID().toString())) {
            f.alice().as().body(tracking(Map.of("imageId", id, "modelId", model))).post(URL, f.lab()).then()
                    .statusCode(404).body("code", equalTo("not-found"))
                    .body("message", equalTo("No image with id " + id + " exists, or you cannot see it."))
                    .body("details.resource", equalTo("image"));
        }
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", bobsModel))).post(URL, f.lab()).then()
                .statusCode(404).body("details.resource", equalTo("model"))
                .body("details.field", equalTo("payload.modelId"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=TRACKING", f.lab()).then().body("total", equalTo(0));
    }

    /** A series of {@code frames} pages uploaded with page mode FRAMES; its id. */
    private static String series(ModelFixture f, int frames) {
        byte[] tiff = TestFiles.tiff(null, TestFiles.pages(frames, ModelFixture.SIDE, ModelFixture.SIDE,
                DataBuffer.TYPE_BYTE).toArray(new BufferedImage[0]));
        return Uploads.image(f.alice(), f.project(), "series.tif", tiff, Map.of("pageMode", "FRAMES"))
                .statusCode(201).body("frames", equalTo(frames)).extract().path("id");
    }

    private static Map<String, Object> tracking(Map<String, Object> payload) {
        return Map.of("kind", "TRACKING", "payload", payload);
    }
}
