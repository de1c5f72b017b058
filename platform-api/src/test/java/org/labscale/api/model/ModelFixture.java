package org.labscale.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;
import org.labscale.api.testing.OnnxBytes;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/**
 * A lab with two annotated 64 x 64 images frozen in a training-set version, a registered worker of the lab, and a
 * fake training worker: it leases a TRAINING job, PUTs small ONNX members and a model card to the presigned URLs
 * and completes, as the real gpu-worker does.
 */
record ModelFixture(User alice, UUID lab, UUID project, String imageA, String imageB, String versionA,
                    String versionB, String trainingSet, Worker worker) {

    static final List<String> CLASSES = List.of("background", "boundary", "interior");
    static final String CLASSES_JSON = "[\"background\",\"boundary\",\"interior\"]";
    static final int SIDE = 64;

    static ModelFixture create() {
        return create(null);
    }

    /** @param pixelSizeUmOfA image A's pixel size when version 1 is frozen, or null (B has none) */
    static ModelFixture create(Double pixelSizeUmOfA) {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Model Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        String imageA = Uploads.accepted(alice, project, "a.png",
                TestFiles.png(TestFiles.gray(SIDE, SIDE, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))).toString();
        String imageB = Uploads.accepted(alice, project, "b.png",
                TestFiles.png(TestFiles.gray(SIDE, SIDE, DataBuffer.TYPE_BYTE, (x, y) -> (x * y) % 251))).toString();
        if (pixelSizeUmOfA != null) {
            alice.as().body(Map.of("pixelSizeUm", pixelSizeUmOfA)).patch("/api/v1/images/{id}", imageA).then()
                    .statusCode(200);
        }
        var annotationA = annotate(alice, imageA, 10);
        var annotationB = annotate(alice, imageB, 20);
        String set = alice.as().body(Map.of("name", "nuclei " + UUID.randomUUID()))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).extract().path("id");
        alice.as().body(Map.of("items", List.of(item(imageA, annotationA.path("id")),
                        item(imageB, annotationB.path("id")))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(201);
        Worker worker = Workers.forLab(alice, lab, "trainer").register("CPU", 0);
        return new ModelFixture(alice, lab, project, imageA, imageB, annotationA.path("latest.id"),
                annotationB.path("latest.id"), set, worker);
    }

    /** An instance mask with one square cell at {@code offset}; answers the new annotation. */
    static ExtractableResponse<Response> annotate(User user, String imageId, int offset) {
        int[][] rows = new int[SIDE][SIDE];
        for (int y = offset; y < offset + 12; y++) {
            for (int x = offset; x < offset + 12; x++) {
                rows[y][x] = 1;
            }
        }
        return Uploads.annotation(user, UUID.fromString(imageId), TestFiles.mask16(rows),
                Map.of("kind", "INSTANCE_MASK", "name", "nuclei")).statusCode(201).extract();
    }

    private static Map<String, Object> item(String image, String annotation) {
        return item(image, annotation, "nuclear");
    }

    private static Map<String, Object> item(String image, String annotation, String role) {
        return Map.of("imageId", image, "annotationId", annotation, "channelRoles", Map.of("0", role));
    }

    /** Submits a TRAINING job of {@code members} members registering as {@code modelName}; answers its id. */
    String submitTraining(String modelName, int members) {
        return submitTraining(modelName, members, trainingSet, "nuclear");
    }

    private String submitTraining(String modelName, int members, String set, String role) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", modelName);
        payload.put("preset", "nuclear-net");
        payload.put("channels", List.of(role));
        payload.put("classes", CLASSES);
        payload.put("ensembleSize", members);
        payload.put("description", "HeLa nuclei, first try");
        return alice.as().body(Map.of("kind", "TRAINING", "payload", payload))
                .post("/api/v1/labs/{lab}/jobs", lab).then().statusCode(201).extract().path("id");
    }

    /** A card.json agreeing with the payload of {@link #submitTraining}. */
    static byte[] card(int members, String classesJson) {
        return card(members, classesJson, "nuclear");
    }

    /** A card.json of {@code members} whose single input channel is {@code role}. */
    static byte[] card(int members, String classesJson, String role) {
        return ("{\"task\":\"semantic-segmentation\",\"classes\":" + classesJson + ",\"channels\":[\"" + role
                + "\"],"
                + "\"receptiveField\":61,\"normalization\":{\"method\":\"median-local-mean\",\"window\":61},"
                + "\"ensembleSize\":" + members + ",\"validationMetrics\":{\"pixelAccuracy\":0.93},"
                + "\"authors\":[\"alice\"],\"licence\":\"CC-BY-4.0\",\"description\":\"from the card\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A real (random-weight) 61 px net: publishing and bioimage.io exports run the members. */
    static byte[] member(int i) {
        return org.labscale.convnet.onnx.OnnxModels.randomModel(
                org.labscale.shared.net.NetPresets.find("nuclear-net-fast").orElseThrow().net(), List.of("nuclear"),
                CLASSES, 1000 + i);
    }

    /** Leases the job (it must be the one leased), uploads {@code files} by output name; answers the lease. */
    @SuppressWarnings("unchecked")
    Map<String, Object> leaseAndUpload(String jobId, Map<String, byte[]> files) {
        Map<String, Object> lease = worker.leaseOne();
        assertEquals(jobId, lease.get("jobId"));
        Map<String, String> urls = (Map<String, String>) lease.get("outputs");
        files.forEach((name, bytes) -> Http.put(urls.get(name), bytes));
        return lease;
    }

    /** The files a well-behaved training worker stores for an ensemble of {@code members}. */
    static Map<String, byte[]> goodOutputs(int members) {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < members; i++) {
            files.put("member-" + i + ".onnx", member(i));
        }
        files.put("card.json", card(members, CLASSES_JSON));
        return files;
    }

    /**
     * The files of {@link #goodOutputs} whose card recommends {@code postProcessingJson} (a JSON object) as the
     * trainer does.
     */
    static Map<String, byte[]> outputsRecommending(int members, String postProcessingJson) {
        return withCardField(goodOutputs(members), "recommendedPostProcessing", postProcessingJson);
    }

    /** The files of {@link #goodOutputs} whose card says the members were trained at {@code pixelSizeUm}. */
    static Map<String, byte[]> outputsAtPixelSize(int members, double pixelSizeUm) {
        return withCardField(goodOutputs(members), "pixelSizeUm", Double.toString(pixelSizeUm));
    }

    private static Map<String, byte[]> withCardField(Map<String, byte[]> files, String field, String json) {
        String card = new String(files.get("card.json"), StandardCharsets.UTF_8);
        files.put("card.json", (card.substring(0, card.length() - 1) + ",\"" + field + "\":" + json + "}")
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Trains an ensemble of two with the fake worker and completes; answers the model id. */
    String train(String name, Map<String, byte[]> files) {
        return complete(submitTraining(name, 2), files);
    }

    /**
     * Trains an ensemble of two whose single input is the channel role {@code role} (from a new training set: both images
     * annotated again, their channel 0 in that role); answers the model id.
     */
    String trainReading(String name, String role) {
        String set = alice.as().body(Map.of("name", role + " " + UUID.randomUUID()))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).extract().path("id");
        alice.as().body(Map.of("items", List.of(item(imageA, annotate(alice, imageA, 30).path("id"), role),
                        item(imageB, annotate(alice, imageB, 30).path("id"), role))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(201);
        Map<String, byte[]> files = new HashMap<>();
        String channels = "[\"" + role + "\"]";
        for (int i = 0; i < 2; i++) {
            files.put("member-" + i + ".onnx", OnnxBytes.member(CLASSES_JSON, channels, 61, 2000 + i));
        }
        files.put("card.json", card(2, CLASSES_JSON, role));
        return complete(submitTraining(name, 2, set, role), files);
    }

    /** Leases {@code job} with the lab's worker, stores {@code files} and completes; answers the model id. */
    String complete(String job, Map<String, byte[]> files) {
        Map<String, Object> lease = leaseAndUpload(job, files);
        assertEquals(204, worker.post(job, "complete", Map.of("leaseId", lease.get("leaseId"),
                "outputs", List.copyOf(files.keySet()))).statusCode());
        return alice.as().get("/api/v1/jobs/{id}", job).then().extract().path("result.modelId");
    }
}
