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
 * names the series, the model's members and one CTC mask per frame (once its parts, {@link TrackingPartsTest}, are
 * done).
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
                .body("payload.tracker.mergedDaughterFrames", equalTo(5))
                .body("payload.frameIntervalMinutes", equalTo(1.0f))
                .body("payload.postProcessing.method", equalTo("THRESHOLD"));

        Workers.Worker worker = TrackingPartsTest.tracker(f);
        TrackingPartsTest.segmentParts(worker, 3);
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
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model,
                        "tracker", Map.of("mergedDaughterFrames", 11))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.tracker"))
                .body("message", containsString("tracker.mergedDaughterFrames must be between 0 (merged daughters not"
                        + " parted) and 10, not 11"));
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model,
                        "tracker", Map.of("mergedDaughterFrames", "many"))))
                .post(URL, f.lab()).then().statusCode(400)
                .body("details.field", equalTo("payload.tracker.mergedDaughterFrames"))
                .body("message", containsString("at field 'payload.tracker.mergedDaughterFrames'"));
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

    @Test
    void shouldQueueASeriesListedOneImagePerFrameWithAReporterAndLeaseEveryFrame() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        int side = ModelFixture.SIDE;
        List<String> frames = List.of(frame(f, "t0.tif", side, 2), frame(f, "t1.tif", side, 2),
                frame(f, "t2.tif", side, 2));
        f.alice().as().body(tracking(Map.of("imageIds", frames, "modelId", model, "frameIntervalMinutes", 6,
                        "ktr", Map.of("channel", "JNK-KTR")))).post(URL, f.lab()).then()
                .statusCode(201).body("payload.imageIds", equalTo(frames))
                .body("payload.ktr.channel", equalTo("JNK-KTR"))
                .body("payload.ktr.innerRing", equalTo(5)).body("payload.ktr.outerRing", equalTo(25));

        Workers.Worker worker = TrackingPartsTest.tracker(f);
        TrackingPartsTest.segmentParts(worker, 3);
        Map<String, Object> lease = worker.leaseOne();
        Map<?, ?> outputs = (Map<?, ?>) lease.get("outputs");
        assertTrue(outputs.keySet().containsAll(List.of("ctc/mask002.tif", "ktr.csv",
                "figures/ktr-cytoplasm-to-nuclear.png", "figures/ktr-cytoplasm-to-nuclear.csv")), outputs.keySet()
                .toString());
        Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
        for (String id : frames) {
            assertTrue(inputs.containsKey("image/" + id), inputs.keySet().toString());
        }
        Map<?, ?> context = (Map<?, ?>) lease.get("context");
        assertEquals(3, context.get("frames"));
        List<?> images = (List<?>) context.get("images");
        assertEquals(frames, images.stream().map(i -> ((Map<?, ?>) i).get("id")).toList(), "in frame order");
    }

    @Test
    void shouldLeaseTheCytoplasmModelOfAReporterReadOutAndRefuseOneTheSeriesCannotFeed() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String cytoplasm = f.trainReading("HeLa cytoplasm", "cytoplasm");
        ModelFixture bob = ModelFixture.create();
        String bobsCytoplasm = bob.trainReading("Bob's cytoplasm", "cytoplasm");
        int side = ModelFixture.SIDE;
        List<String> frames = List.of(frame(f, "t0.tif", side, 2), frame(f, "t1.tif", side, 2));

        refused(f, Map.of("imageIds", frames, "modelId", model, "ktr", Map.of("channel", "JNK-KTR",
                        "cytoplasmModelId", cytoplasm, "cytoplasmChannelMap", Map.of("cytoplasm", 2))),
                "payload.ktr.cytoplasmChannelMap", "its 'cytoplasm' role would read channel 2, but the series has 2"
                        + " channel(s)");
        refused(f, Map.of("imageIds", frames, "modelId", model, "ktr", Map.of("channel", "JNK-KTR",
                        "cytoplasmModelId", cytoplasm, "cytoplasmChannelMap", Map.of("phase", 0))),
                "payload.ktr.cytoplasmChannelMap", "ktr.cytoplasmChannelMap names the channel role \"phase\"");
        refused(f, Map.of("imageIds", frames, "modelId", model, "ktr", Map.of("channel", "JNK-KTR",
                "cytoplasmModelVersion", 1)), "payload.ktr", "need ktr.cytoplasmModelId");
        for (String other : List.of(bobsCytoplasm, UUID.randomUUID().toString())) {
            f.alice().as().body(tracking(Map.of("imageIds", frames, "modelId", model, "ktr",
                            Map.of("channel", "JNK-KTR", "cytoplasmModelId", other)))).post(URL, f.lab()).then()
                    .statusCode(404).body("code", equalTo("not-found")).body("details.resource", equalTo("model"))
                    .body("details.field", equalTo("payload.ktr.cytoplasmModelId"))
                    .body("message", equalTo("No cytoplasm model with id " + other + " exists, or you cannot see"
                            + " it."));
        }
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=TRACKING", f.lab()).then().body("total", equalTo(0));

        f.alice().as().body(tracking(Map.of("imageIds", frames, "modelId", model, "ktr", Map.of("channel",
                        "JNK-KTR", "cytoplasmModelId", cytoplasm, "cytoplasmChannelMap", Map.of("cytoplasm", 1)))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.ktr.cytoplasmModelId", equalTo(cytoplasm))
                .body("payload.ktr.cytoplasmChannelMap.cytoplasm", equalTo(1));
        Workers.Worker worker = Workers.forLab(f.alice(), f.lab(), "tracker-" + UUID.randomUUID());
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0,
                        "kinds", List.of("TRACKING", "TRACKING_FRAMES"), "slots", 1), "host", "test-node"))
                .post("/api/v1/worker/register").then().statusCode(200);
        TrackingPartsTest.segmentParts(worker, frames.size());
        Map<String, Object> lease = worker.leaseOne();
        assertEquals("TRACKING", lease.get("kind"), "the tracking step, after its parts");
        Map<?, ?> context = (Map<?, ?>) lease.get("context");
        Map<?, ?> cytoplasmModel = (Map<?, ?>) context.get("cytoplasmModel");
        assertEquals(cytoplasm, cytoplasmModel.get("modelId"));
        Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
        String versionId = String.valueOf(cytoplasmModel.get("id"));
        assertTrue(inputs.containsKey("model/" + versionId + "/member-1.onnx"), inputs.keySet().toString());
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), cytoplasm).then()
                .statusCode(409).body("code", equalTo("model.in-use"));
    }

    @Test
    void shouldRefuseListedFramesThatDoNotMakeASeriesAndImpossibleReporterSettings() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String t0 = frame(f, "t0.tif", ModelFixture.SIDE, 2);
        String t1 = frame(f, "t1.tif", ModelFixture.SIDE, 2);
        String small = frame(f, "small.tif", 32, 2);
        String oneChannel = frame(f, "one.tif", ModelFixture.SIDE, 1);
        String multiPage = series(f, 2);
        ModelFixture bob = ModelFixture.create();
        String bobsFrame = frame(bob, "bob.tif", ModelFixture.SIDE, 2);

        refused(f, Map.of("imageIds", List.of(t0), "modelId", model), "payload.imageIds",
                "imageIds must list 2 to 2000 frames, not 1");
        refused(f, Map.of("imageIds", List.of(t0, t1), "imageId", multiPage, "modelId", model), "payload.imageIds",
                "not both");
        refused(f, Map.of("imageIds", List.of(t0, t1, small), "modelId", model), "payload.imageIds",
                "imageIds[2] ('small.tif') is 32x32 pixels but the first frame ('t0.tif') is 64x64");
        refused(f, Map.of("imageIds", List.of(t0, oneChannel), "modelId", model), "payload.imageIds",
                "imageIds[1] ('one.tif') has 1 channel(s) but the first frame ('t0.tif') has 2");
        refused(f, Map.of("imageIds", List.of(t0, multiPage), "modelId", model), "payload.imageIds",
                "imageIds[1] ('series.tif') has 2 frames");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "ktr", Map.of("channelIndex", 2)),
                "payload.ktr.channelIndex", "ktr.channelIndex 2 is not a channel of the series: it has 2 channel(s)");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "ktr", Map.of("channel", "ERK-KTR")),
                "payload.ktr.channel", "ktr.channel 'ERK-KTR' is not a channel of the series; its channels are"
                        + " [nuclear, JNK-KTR]");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model,
                "ktr", Map.of("channel", "JNK-KTR", "innerRing", 25, "outerRing", 5)), "payload.ktr",
                "ktr.outerRing must be more than ktr.innerRing (25)");
        f.alice().as().body(tracking(Map.of("imageIds", List.of(t0, bobsFrame), "modelId", model)))
                .post(URL, f.lab()).then().statusCode(404).body("code", equalTo("not-found"))
                .body("message", equalTo("No image with id " + bobsFrame + " exists, or you cannot see it."))
                .body("details.field", equalTo("payload.imageIds")).body("details.item", equalTo(1));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=TRACKING", f.lab()).then().body("total", equalTo(0));
    }

    @Test
    void shouldLeaseTheGroundTruthOfASeriesThatScoresItselfAndRefuseOneThatCannotScore() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String t0 = frame(f, "t0.tif", ModelFixture.SIDE, 1);
        String t1 = frame(f, "t1.tif", ModelFixture.SIDE, 1);
        String unmarked = frame(f, "t2.tif", ModelFixture.SIDE, 1);
        String tra0 = marker(f, t0, "tra");
        String tra1 = marker(f, t1, "tra");
        marker(f, t0, "seg");
        Map<String, Object> truth = Map.of("markers", "tra", "segmentation", "seg", "tracks", "7 0 1 0\n");

        refused(f, Map.of("imageIds", List.of(t0, t1, unmarked), "modelId", model, "groundTruth", truth),
                "payload.groundTruth.markers", "Frame 2 (imageIds[2]) has no instance-mask annotation named 'tra'");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "groundTruth", Map.of("markers", "tra",
                "tracks", "7 0 1 0\n8 1 1 7\n")), "payload.groundTruth.tracks", "track 8 begins at frame 1 but its"
                + " parent 7 ends at frame 1");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "groundTruth", Map.of("markers", "tra",
                "tracks", "7 0 2 0\n")), "payload.groundTruth.tracks", "track 7 ends at frame 2 but the series has 2"
                + " frames");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "groundTruth", Map.of("markers", "tra",
                "tracks", "7 0 x 0\n")), "payload.groundTruth.tracks", "groundTruth.tracks line 1: not an integer");
        refused(f, Map.of("imageIds", List.of(t0, t1), "modelId", model, "groundTruth", Map.of("markers", "tra",
                "segmentation", "nuclei", "tracks", "7 0 1 0\n")), "payload.groundTruth.segmentation",
                "No frame of the series has an instance-mask annotation named 'nuclei'");
        refused(f, Map.of("imageId", series(f, 2), "modelId", model, "groundTruth", truth),
                "payload.groundTruth.markers", "Frame 0 has no instance-mask annotation named 'tra#0' on the series");
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=TRACKING", f.lab()).then().body("total", equalTo(0));

        f.alice().as().body(tracking(Map.of("imageIds", List.of(t0, t1), "modelId", model, "groundTruth", truth)))
                .post(URL, f.lab()).then().statusCode(201).body("payload.groundTruth.markers", equalTo("tra"));
        Workers.Worker worker = TrackingPartsTest.tracker(f);
        TrackingPartsTest.segmentParts(worker, 2);
        Map<String, Object> lease = worker.leaseOne();
        assertTrue(((Map<?, ?>) lease.get("outputs")).containsKey("scores.csv"));
        Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
        assertTrue(inputs.keySet().containsAll(List.of("markers/" + t0, "markers/" + t1, "segmentation/" + t0)),
                inputs.keySet().toString());
        assertTrue(!inputs.containsKey("segmentation/" + t1), "frame 1 has no SEG reference");
        Map<?, ?> hashes = (Map<?, ?>) lease.get("inputHashes");
        assertEquals(tra0, hashes.get("markers/" + t0));
        assertEquals(tra1, hashes.get("markers/" + t1));
        Map<?, ?> context = (Map<?, ?>) ((Map<?, ?>) lease.get("context")).get("groundTruth");
        assertEquals(Map.of("markers", List.of(true, true), "segmentation", List.of(true, false), "tracks",
                "7 0 1 0\n"), context);
    }

    /**
     * A multi-page series carries its CTC references as annotations of the series named per frame ({@code tra#0},
     * {@code tra#1}): checked at submit as for listed frames, leased as {@code markers/<id>#<t>}.
     */
    @Test
    void shouldLeaseTheGroundTruthOfAMultiPageSeriesFromTheAnnotationsOfItsFrames() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String pages = series(f, 2);
        String tra0 = marker(f, pages, "tra#0");
        marker(f, pages, "seg#1");
        Map<String, Object> truth = Map.of("markers", "tra", "segmentation", "seg", "tracks", "7 0 1 0\n");
        refused(f, Map.of("imageId", pages, "modelId", model, "groundTruth", truth), "payload.groundTruth.markers",
                "Frame 1 has no instance-mask annotation named 'tra#1' on the series");
        String tra1 = marker(f, pages, "tra#1");
        refused(f, Map.of("imageId", pages, "modelId", model, "groundTruth", Map.of("markers", "tra",
                "segmentation", "nuclei", "tracks", "7 0 1 0\n")), "payload.groundTruth.segmentation",
                "No frame of the series has an instance-mask annotation named 'nuclei#<t>'");

        f.alice().as().body(tracking(Map.of("imageId", pages, "modelId", model, "groundTruth", truth)))
                .post(URL, f.lab()).then().statusCode(201);
        Workers.Worker worker = TrackingPartsTest.tracker(f);
        TrackingPartsTest.segmentParts(worker, 2);
        Map<String, Object> lease = worker.leaseOne();

        assertTrue(((Map<?, ?>) lease.get("outputs")).containsKey("scores.csv"));
        Map<?, ?> inputs = (Map<?, ?>) lease.get("inputs");
        assertTrue(inputs.keySet().containsAll(List.of("markers/" + pages + "#0", "markers/" + pages + "#1",
                "segmentation/" + pages + "#1")), inputs.keySet().toString());
        assertTrue(!inputs.containsKey("segmentation/" + pages + "#0"), "frame 0 has no SEG reference");
        Map<?, ?> hashes = (Map<?, ?>) lease.get("inputHashes");
        assertEquals(tra0, hashes.get("markers/" + pages + "#0"));
        assertEquals(tra1, hashes.get("markers/" + pages + "#1"));
        assertEquals(Map.of("markers", List.of(true, true), "segmentation", List.of(false, true), "tracks",
                "7 0 1 0\n"), ((Map<?, ?>) lease.get("context")).get("groundTruth"));
    }

    /** An instance-mask annotation {@code name} on the image (one cell labelled 7); answers its SHA-256. */
    @Test
    void shouldRefuseASeriesThatCannotBeBroughtToTheModelsPixelSizeNamingTheFrameAndQueueNothing() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("Fine nuclei", ModelFixture.outputsAtPixelSize(2, 0.01));
        String series = series(f, 3);
        List<String> frames = List.of(frame(f, "t0.tif", ModelFixture.SIDE, 1), frame(f, "t1.tif", ModelFixture.SIDE,
                1));
        for (String image : List.of(series, frames.get(1))) {
            f.alice().as().body(Map.of("pixelSizeUm", 1.0)).patch("/api/v1/images/{id}", image).then()
                    .statusCode(200);
        }
        f.alice().as().body(tracking(Map.of("imageId", series, "modelId", model))).post(URL, f.lab()).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.kind", equalTo("TRACKING")).body("details.field", equalTo("payload.imageId"))
                .body("details.imageId", equalTo(series)).body("details.scaleFactor", equalTo(100.0f))
                .body("message", containsString("Image " + series + " (series.tif, 1.0 um per pixel) cannot be"
                        + " brought to the model's 0.01 um per pixel: the resampling factor 100.0 is outside 1/64 to"
                        + " 64; check the pixel sizes' units (micrometres). Track a smaller crop of the series."));
        f.alice().as().body(tracking(Map.of("imageIds", frames, "modelId", model))).post(URL, f.lab()).then()
                .statusCode(400).body("details.field", equalTo("payload.imageIds"))
                .body("details.imageId", equalTo(frames.get(1)))
                .body("message", containsString("Image " + frames.get(1) + " (t1.tif, 1.0 um per pixel)"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=TRACKING", f.lab()).then().body("total", equalTo(0));
        // frames without a pixel size are tracked as they are
        f.alice().as().body(tracking(Map.of("imageIds", List.of(frames.get(0), frame(f, "t2.tif", ModelFixture.SIDE,
                1)), "modelId", model))).post(URL, f.lab()).then().statusCode(201);
    }

    private static String marker(ModelFixture f, String imageId, String name) {
        int[][] rows = new int[ModelFixture.SIDE][ModelFixture.SIDE];
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                rows[y][x] = 7;
            }
        }
        return Uploads.annotation(f.alice(), UUID.fromString(imageId), TestFiles.mask16(rows),
                Map.of("kind", "INSTANCE_MASK", "name", name)).statusCode(201).extract().path("latest.sha256");
    }

    private static void refused(ModelFixture f, Map<String, Object> payload, String field, String message) {
        f.alice().as().body(tracking(payload)).post(URL, f.lab()).then().statusCode(400)
                .body("code", equalTo("job.invalid-payload")).body("details.field", equalTo(field))
                .body("message", containsString(message));
    }

    /** One frame of {@code side x side} pixels with 1 channel or 2 ({@code nuclear, JNK-KTR}); its id. */
    private static String frame(ModelFixture f, String name, int side, int channels) {
        byte[] tiff = TestFiles.tiff(null, TestFiles.pages(channels, side, side, DataBuffer.TYPE_BYTE)
                .toArray(new BufferedImage[0]));
        Map<String, String> fields = channels == 1 ? Map.of("channelNames", "nuclear")
                : Map.of("pageMode", "CHANNELS", "channelNames", "nuclear,JNK-KTR");
        return Uploads.image(f.alice(), f.project(), name, tiff, fields).statusCode(201)
                .body("channels", equalTo(channels)).extract().path("id");
    }

    /** A series of {@code frames} pages uploaded with page mode FRAMES; its id. */
    static String series(ModelFixture f, int frames) {
        byte[] tiff = TestFiles.tiff(null, TestFiles.pages(frames, ModelFixture.SIDE, ModelFixture.SIDE,
                DataBuffer.TYPE_BYTE).toArray(new BufferedImage[0]));
        return Uploads.image(f.alice(), f.project(), "series.tif", tiff, Map.of("pageMode", "FRAMES"))
                .statusCode(201).body("frames", equalTo(frames)).extract().path("id");
    }

    private static Map<String, Object> tracking(Map<String, Object> payload) {
        return Map.of("kind", "TRACKING", "payload", payload);
    }
}
