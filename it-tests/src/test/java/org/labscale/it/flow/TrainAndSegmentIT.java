package org.labscale.it.flow;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.labscale.convnet.normalize.ChannelScaling;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;

/**
 * Issues 5 and 6 end to end on synthetic nuclei (bright discs on noise, made in the test, so it needs no data folder):
 * a lab uploads images with instance masks, freezes a training set, trains a small ensemble through the API on the
 * platform's CPU worker, downloads the registered members and runs one with ONNX Runtime, then segments held-out
 * images and gets label masks, overlays, per-cell CSVs and scores back; a mixed project shows per-image failures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainAndSegmentIT {

    static final int SIDE = 128;
    static final String PRESET = "bacteria-net-fast";
    static final int RECEPTIVE_FIELD = 31;
    static final List<String> CLASSES = List.of("background", "boundary", "interior");

    private static LocalPlatform platform;
    private static Person scientist;
    private static UUID lab;
    private static UUID project;
    private static final List<String> heldOut = new ArrayList<>();
    private static final Map<String, SyntheticNuclei> images = new HashMap<>();
    private static String modelId;

    @BeforeAll
    static void lab() {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        scientist = Lab.person(platform, "Scientist");
        lab = Lab.createLab(scientist, "Synthetic nuclei lab");
        project = Lab.createProject(scientist, lab, "Discs");
    }

    @Test
    @Order(1)
    void shouldTrainAnEnsembleAndRegisterAModelWhoseMembersDownloadAndRun() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 14, 100 + i);
            String imageId = upload(project, "train-" + i + ".png", discs.png(), "image/png", Map.of());
            String annotationId = annotate(imageId, discs);
            items.add(Map.of("imageId", imageId, "annotationId", annotationId, "channelRoles", Map.of("0", "nuclear")));
        }
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 14, 200 + i);
            String imageId = upload(project, "held-out-" + i + ".png", discs.png(), "image/png", Map.of());
            annotate(imageId, discs);
            heldOut.add(imageId);
            images.put(imageId, discs);
        }
        String set = scientist.as().body(Map.of("name", "synthetic discs"))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).extract().path("id");
        String contentHash = scientist.as().body(Map.of("notes", "three images", "items", items))
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(201).extract().path("contentHash");

        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", "synthetic nuclei");
        payload.put("preset", PRESET);
        payload.put("patchesPerEpoch", 3000);
        payload.put("epochs", 3);
        payload.put("batchSize", 64);
        payload.put("ensembleSize", 2);
        payload.put("validationFraction", 0.34);
        payload.put("seed", 7);
        payload.put("description", "discs on noise, end-to-end test");
        payload.put("licence", "CC-BY-4.0");
        String key = "train-" + UUID.randomUUID();
        String job = Jobs.submit(scientist, lab, "TRAINING", payload, key);
        // The same key answers the same job instead of training twice.
        scientist.as().header("Idempotency-Key", key).body(Map.of("kind", "TRAINING", "payload", payload))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(200).body("id", equalTo(job));

        Jobs.Ended ended = Jobs.await(scientist, job, Duration.ofMinutes(5));
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        assertTrue(ended.progress().stream().anyMatch(m -> m.contains("epoch")),
                "per-epoch progress while training: " + ended.progress());
        modelId = ended.job().getString("result.modelId");
        assertNotNull(modelId, ended.job().prettify());
        assertEquals(1, ended.job().getInt("result.modelVersion"));

        JsonPath version = scientist.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, modelId).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(job, version.getString("jobId"));
        assertEquals(CLASSES, version.getList("card.classes"));
        assertEquals(List.of("nuclear"), version.getList("card.channels"));
        assertEquals(RECEPTIVE_FIELD, version.getInt("card.receptiveField"));
        assertEquals(2, version.getInt("card.ensembleSize"));
        assertEquals("discs on noise, end-to-end test", version.getString("card.description"));
        assertEquals("CC-BY-4.0", version.getString("card.licence"));
        List<Map<String, Object>> curves = version.getList("card.trainingCurves");
        assertEquals(2 * 3, curves.size(), "one point per member and epoch: " + curves);
        for (Map<String, Object> point : curves) {
            assertTrue(((Number) point.get("trainLoss")).doubleValue() > 0, point.toString());
            assertEquals(3, ((List<?>) point.get("perClassAccuracy")).size(), point.toString());
        }
        assertEquals(contentHash, version.getString("card.trainingSets[0].contentHash"));
        assertEquals(job, version.getString("card.provenance.jobId"));
        List<Map<String, Object>> members = version.getList("members");
        assertEquals(2, members.size());

        for (Map<String, Object> member : members) {
            int index = (Integer) member.get("index");
            byte[] onnx = download(scientist.as().redirects().follow(false)
                    .get("/api/v1/labs/{lab}/models/{m}/versions/1/members/{i}", lab, modelId, index).then()
                    .statusCode(307).extract().header("Location"));
            assertEquals(member.get("sha256"), sha256(onnx), "member " + index + " as registered");
            assertEquals(((Number) member.get("sizeBytes")).longValue(), onnx.length);
            ModelMetadata metadata = ModelMetadata.read(onnx);
            assertEquals(CLASSES, metadata.classes());
            assertEquals(RECEPTIVE_FIELD, metadata.receptiveField());
            if (index == 0) {
                runMember(onnx, images.get(heldOut.get(0)));
            }
        }
    }

    /**
     * Runs a member as a lab's own script would: the image normalised as the member's metadata says (affine scaling,
     * then local-mean subtraction), softmax over the three classes at every pixel, and the interior class where the
     * discs are.
     */
    private static void runMember(byte[] onnx, SyntheticNuclei discs) throws Exception {
        float[] plane = new float[SIDE * SIDE];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = discs.pixels()[i];
        }
        LocalMeanNormalizer normalizer = new LocalMeanNormalizer(RECEPTIVE_FIELD);
        String method = ModelMetadata.read(onnx).normalization().method();
        float[] input = normalizer.normalize(plane, SIDE, SIDE, ChannelScaling.of(method, plane));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options);
                 OnnxTensor tensor = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(input),
                         new long[] {1, 1, SIDE, SIDE});
                 OrtSession.Result result = session.run(Map.of("image", tensor))) {
                OnnxTensor out = (OnnxTensor) result.get("probabilities").orElseThrow();
                assertEquals(List.of(1L, 3L, (long) SIDE, (long) SIDE),
                        java.util.Arrays.stream(out.getInfo().getShape()).boxed().toList());
                float[] p = out.getFloatBuffer().array();
                int n = SIDE * SIDE;
                double onDiscs = 0;
                double offDiscs = 0;
                int inside = 0;
                for (int i = 0; i < n; i++) {
                    double sum = p[i] + p[n + i] + p[2 * n + i];
                    assertEquals(1.0, sum, 1e-4, "softmax sum at pixel " + i);
                    if (discs.labels()[i] != 0) {
                        onDiscs += p[2 * n + i];
                        inside++;
                    } else {
                        offDiscs += p[2 * n + i];
                    }
                }
                double meanOn = onDiscs / inside;
                double meanOff = offDiscs / (n - inside);
                assertTrue(meanOn > 0.5 && meanOff < 0.15, "interior probability on discs " + meanOn
                        + ", off discs " + meanOff);
            }
        }
    }

    @Test
    @Order(2)
    void shouldSegmentHeldOutImagesAndScoreThemAgainstTheirMasks() throws Exception {
        assertNotNull(modelId, "needs the model trained by the first test");
        String job = Jobs.submit(scientist, lab, "SEGMENTATION", Map.of("modelId", modelId, "modelVersion", 1,
                "imageIds", heldOut), "segment-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(scientist, job, Duration.ofMinutes(3));
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        List<Map<String, Object>> results = ended.job().getList("result.images");
        assertEquals(heldOut, results.stream().map(r -> r.get("imageId")).toList());

        Set<String> listed = new TreeSet<>(scientist.as().get("/api/v1/labs/{lab}/jobs/{j}/outputs", lab, job)
                .then().statusCode(200).extract().jsonPath().getList("name", String.class));
        Set<String> expected = new TreeSet<>(List.of("scores.json", "report.json"));
        for (String id : heldOut) {
            for (String file : List.of("labels.tif", "labels.png", "overlay.png", "cells.csv")) {
                expected.add(id + "/" + file);
            }
        }
        assertEquals(expected, listed);

        Map<String, byte[]> zip = unzip(scientist.raw().get("/api/v1/labs/{lab}/jobs/{j}/outputs.zip", lab, job)
                .then().statusCode(200).extract().asByteArray());
        assertEquals(expected, new TreeSet<>(zip.keySet()));
        for (Map<String, Object> r : results) {
            String id = (String) r.get("imageId");
            assertEquals("SUCCEEDED", r.get("status"), r.toString());
            Set<Integer> labels = labels(zip.get(id + "/labels.png"));
            List<String> csv = new String(zip.get(id + "/cells.csv"), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
            assertTrue(csv.get(0).startsWith("label,area,centroid_x,centroid_y,"), csv.get(0));
            Set<Integer> rows = new TreeSet<>();
            csv.subList(1, csv.size()).forEach(line -> rows.add(Integer.parseInt(line.split(",")[0])));
            assertEquals(labels, rows, "one CSV row per label of the mask");
            assertEquals(labels.size(), ((Number) r.get("cells")).intValue());
            int truth = images.get(id).cells();
            assertTrue(Math.abs(labels.size() - truth) <= 2, labels.size() + " cells found, " + truth + " drawn");
            @SuppressWarnings("unchecked")
            Map<String, Object> scores = (Map<String, Object>) r.get("scores");
            assertNotNull(scores, "scored against the held-out mask: " + r);
            assertEquals(truth, ((Number) scores.get("referenceCells")).intValue());
            double jaccard = ((Number) scores.get("meanJaccard")).doubleValue();
            double f1 = ((Number) scores.get("f1")).doubleValue();
            // Well-separated discs: every disc found (F1 1.0 measured); the default post-processing grows each
            // thresholded interior back over its boundary ring (BoundaryRegrowth): per-cell Jaccard 0.88 measured
            // (0.61 without regrowth).
            assertTrue(jaccard > 0.8 && jaccard <= 1.0, "mean per-cell Jaccard " + jaccard + ": " + scores);
            assertTrue(f1 > 0.85, "object F1 at IoU 0.5 " + f1 + ": " + scores);
            assertTrue(ImageIO.read(new ByteArrayInputStream(zip.get(id + "/overlay.png"))).getWidth() == SIDE);
        }
        System.out.println("Synthetic discs, held-out scores: " + ended.job().getMap("result.overall"));
        JsonPath scoresJson = JsonPath.from(new String(zip.get("scores.json"), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(scoresJson.getDouble("overall.meanJaccard") > 0.8, scoresJson.prettify());
        JsonPath report = JsonPath.from(new String(zip.get("report.json"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(modelId, report.getString("model.modelId"));
        assertEquals(2, report.getInt("model.members"));
    }

    @Test
    @Order(3)
    void shouldRefuseMissingChannelsOnSubmitAndReportAMixedProjectImageByImage() throws Exception {
        assertNotNull(modelId, "needs the model trained by the first test");
        UUID mixed = Lab.createProject(scientist, lab, "Mixed channels");
        SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 10, 300);
        String twoChannels = upload(mixed, "two-channels.tif", discs.twoChannelTiff(), "image/tiff",
                Map.of("pageMode", "CHANNELS"));
        String oneChannel = upload(mixed, "one-channel.png", discs.png(), "image/png", Map.of());

        // Named one by one, an image without the mapped channel is refused at once and nothing is queued.
        int before = scientist.as().get("/api/v1/labs/{lab}/jobs", lab).then().extract().path("total");
        scientist.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", modelId,
                        "imageIds", List.of(twoChannels, oneChannel), "channelMap", Map.of("nuclear", 1))))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(400)
                .body("code", equalTo("job.invalid-payload")).body("details.imageId", equalTo(oneChannel))
                .body("message", containsString("channel"));
        scientist.as().get("/api/v1/labs/{lab}/jobs", lab).then().body("total", equalTo(before));

        // A project: the image that has channel 1 is segmented, the other one fails with a reason.
        String job = Jobs.submit(scientist, lab, "SEGMENTATION", Map.of("modelId", modelId, "projectId", mixed,
                "channelMap", Map.of("nuclear", 1)), "mixed-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(scientist, job, Duration.ofMinutes(3));
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        Map<String, Map<String, Object>> byImage = new HashMap<>();
        ended.job().<Map<String, Object>>getList("result.images").forEach(r -> byImage.put((String) r.get("imageId"), r));
        assertEquals("SUCCEEDED", byImage.get(twoChannels).get("status"), byImage.toString());
        assertTrue(((Number) byImage.get(twoChannels).get("cells")).intValue() >= discs.cells() - 2, byImage.toString());
        assertEquals("FAILED", byImage.get(oneChannel).get("status"), byImage.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) byImage.get(oneChannel).get("error");
        assertTrue(String.valueOf(error.get("message")).contains("channel"), error.toString());
        assertEquals(1, ended.job().getInt("result.overall.failed"));
        List<String> outputs = scientist.as().get("/api/v1/labs/{lab}/jobs/{j}/outputs", lab, job).then()
                .statusCode(200).extract().jsonPath().getList("name", String.class);
        assertTrue(outputs.contains(twoChannels + "/labels.tif"), outputs.toString());
        assertTrue(outputs.stream().noneMatch(name -> name.startsWith(oneChannel)), outputs.toString());
    }

    private static String upload(UUID projectId, String name, byte[] bytes, String type, Map<String, String> fields) {
        return Lab.uploadImage(scientist, projectId, name, bytes, type, fields);
    }

    private static String annotate(String imageId, SyntheticNuclei discs) {
        return Lab.annotateInstances(scientist, imageId, discs.maskPng(), discs.cells());
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** The distinct non-zero labels of a 16-bit label PNG. */
    static Set<Integer> labels(byte[] png) throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> out = new TreeSet<>();
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRaster().getSamples(0, y, image.getWidth(), 1, 0, row);
            for (int v : row) {
                if (v != 0) {
                    out.add(v);
                }
            }
        }
        return out;
    }
}
