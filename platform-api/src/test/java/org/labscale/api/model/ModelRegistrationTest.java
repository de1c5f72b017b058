package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Http;
import org.labscale.shared.job.LeaseDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A TRAINING job's completion registers a model version, in the completion's transaction: end to end with a fake
 * worker that PUTs small ONNX members and a card to its presigned URLs. Outputs that cannot make a model fail the
 * job and leave nothing behind; failed and cancelled jobs register nothing.
 */
@QuarkusTest
class ModelRegistrationTest {

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper mapper;

    @Test
    @SuppressWarnings("unchecked")
    void shouldHandATrainingLeaseItsInputsWithHashesAndContext() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("HeLa nuclei", 2);
        Map<String, Object> lease = f.worker().leaseOne();
        Map<String, String> inputs = (Map<String, String>) lease.get("inputs");
        Map<String, String> hashes = (Map<String, String>) lease.get("inputHashes");
        assertEquals(Set.of("image/" + f.imageA(), "classmap/" + f.versionA(), "mask/" + f.versionA(),
                "image/" + f.imageB(), "classmap/" + f.versionB(), "mask/" + f.versionB()), inputs.keySet());
        assertEquals(inputs.keySet(), hashes.keySet());
        // What the worker downloads is what the hashes say, originals (masks too) and derived class maps alike.
        inputs.forEach((name, url) -> assertEquals(hashes.get(name), Http.sha256(Http.get(url)), name));
        assertEquals(f.alice().as().get("/api/v1/images/{id}", f.imageA()).then().extract().path("sha256"),
                hashes.get("image/" + f.imageA()));
        Map<String, Object> context = (Map<String, Object>) lease.get("context");
        List<Map<String, Object>> sets = (List<Map<String, Object>>) context.get("trainingSets");
        assertEquals(1, sets.size());
        assertEquals(f.alice().as().get("/api/v1/training-sets/{id}/versions/1", f.trainingSet()).then().extract()
                .path("contentHash"), sets.get(0).get("contentHash"));
        assertEquals(2, ((List<?>) sets.get(0).get("items")).size());
        assertEquals(List.of("card.json", "member-0.onnx", "member-1.onnx"),
                ((Map<String, String>) lease.get("outputs")).keySet().stream().sorted().toList());
        assertEquals(job, lease.get("jobId"));
        // The record binds it whole, hashes and context included (the worker reads it so).
        LeaseDto bound = mapper.convertValue(lease, LeaseDto.class);
        assertEquals(hashes, bound.inputHashes());
        assertEquals(1, ((List<?>) bound.context().get("trainingSets")).size());
    }

    @Test
    void shouldRegisterAVersionWhenATrainingJobCompletes() throws IOException {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("HeLa nuclei", 2);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        assertEquals(204, f.worker().post(job, "complete", Map.of("leaseId", lease.get("leaseId"),
                "result", Map.of("epochs", 1), "outputs", List.copyOf(files.keySet()))).statusCode());

        var done = f.alice().as().get("/api/v1/jobs/{id}", job).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).body("result.epochs", equalTo(1))
                .body("result.modelVersion", equalTo(1)).body("result.modelName", equalTo("HeLa nuclei")).extract();
        String model = done.path("result.modelId");
        f.alice().as().get("/api/v1/labs/{lab}/models", f.lab()).then().statusCode(200)
                .body("items.name", contains("HeLa nuclei")).body("items[0].id", equalTo(model))
                .body("items[0].latestVersion", equalTo(1)).body("items[0].description", equalTo("HeLa nuclei, first try"));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(200)
                .body("version", equalTo(1)).body("jobId", equalTo(job))
                .body("id", equalTo(done.path("result.modelVersionId")))
                .body("card.classes", contains("background", "boundary", "interior"))
                .body("card.receptiveField", equalTo(61)).body("card.ensembleSize", equalTo(2))
                .body("card.validationMetrics.pixelAccuracy", equalTo(0.93f))
                .body("members.index", contains(0, 1))
                .body("members[0].sha256", equalTo(Http.sha256(files.get("member-0.onnx"))))
                .body("members[1].sha256", equalTo(Http.sha256(files.get("member-1.onnx"))))
                .body("members[1].sizeBytes", equalTo(files.get("member-1.onnx").length));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions", f.lab(), model).then().statusCode(200)
                .body("items.version", contains(1)).body("total", equalTo(1));

        // A member downloads through a presigned redirect, byte for byte.
        String location = f.alice().as().redirects().follow(false)
                .get("/api/v1/labs/{lab}/models/{m}/versions/1/members/1", f.lab(), model).then().statusCode(307)
                .extract().header("Location");
        assertTrue(java.util.Arrays.equals(files.get("member-1.onnx"), Http.get(location)));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1/members/2", f.lab(), model).then()
                .statusCode(404).body("message", containsString("members are 0..1"));

        // The job's outputs: listed with sizes, one by redirect, all as a zip.
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{id}/outputs", f.lab(), job).then().statusCode(200)
                .body("name", contains("card.json", "member-0.onnx", "member-1.onnx"))
                .body("[0].sizeBytes", equalTo(files.get("card.json").length));
        String card = f.alice().as().redirects().follow(false)
                .get("/api/v1/labs/{lab}/jobs/{id}/outputs/card.json", f.lab(), job).then().statusCode(307)
                .extract().header("Location");
        assertTrue(java.util.Arrays.equals(files.get("card.json"), Http.get(card)));
        byte[] zip = f.alice().as().get("/api/v1/labs/{lab}/jobs/{id}/outputs.zip", f.lab(), job).then()
                .statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, byte[]> entries = unzip(zip);
        assertEquals(files.keySet(), entries.keySet());
        files.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, entries.get(name)), name));
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{id}/outputs/nope.onnx", f.lab(), job).then().statusCode(404);
    }

    @Test
    void shouldNumberVersionsOfOneNameAndShareIdenticalMembers() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        // The same name in other letter case is the same model; the same bytes are stored once.
        Map<String, byte[]> second = ModelFixture.goodOutputs(2);
        second.put("member-1.onnx", ModelFixture.member(7));
        assertEquals(model, f.train("hela NUCLEI", second));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}", f.lab(), model).then().statusCode(200)
                .body("latestVersion", equalTo(2)).body("name", equalTo("HeLa nuclei"));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions", f.lab(), model).then()
                .body("items.version", contains(2, 1));
        String shared = StorageKeys.blob(f.lab(), Http.sha256(ModelFixture.member(0)));
        String onlyInV1 = StorageKeys.blob(f.lab(), Http.sha256(ModelFixture.member(1)));
        assertTrue(store.exists(shared));

        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(204);
        assertTrue(store.exists(shared), "version 2 still uses member 0's bytes");
        assertFalse(store.exists(onlyInV1), "nothing else uses version 1's member 1");
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(404);
        f.alice().as().redirects().follow(false)
                .get("/api/v1/labs/{lab}/models/{m}/versions/2/members/0", f.lab(), model).then().statusCode(307);

        // A new version after a deletion gets a new number, never a deleted one.
        assertEquals(model, f.train("HeLa nuclei", ModelFixture.goodOutputs(2)));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions", f.lab(), model).then()
                .body("items.version", contains(3, 2));
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/3", f.lab(), model).then().statusCode(204);
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}", f.lab(), model).then().body("latestVersion", equalTo(2));
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/2", f.lab(), model).then().statusCode(204);
        // The model goes with its last version, and so do the blobs.
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}", f.lab(), model).then().statusCode(404);
        assertFalse(store.exists(shared));
    }

    @Test
    void shouldFailTheJobAndLeaveNothingWhenTheCardContradictsTheMembers() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("Broken", 2);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        files.put("card.json", ModelFixture.card(2, "[\"background\",\"interior\"]"));
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        f.worker().as().body(Map.of("leaseId", lease.get("leaseId"), "outputs", List.copyOf(files.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", job).then().statusCode(422)
                .body("code", equalTo("model.card-mismatch")).body("message", containsString("classes"));
        assertNothingLeft(f, job, lease, "model.card-mismatch");
    }

    @Test
    void shouldFailTheJobWhenAMemberIsNotAnOnnxModel() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("Broken", 2);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        files.put("member-1.onnx", "this is not a protobuf".getBytes());
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        f.worker().as().body(Map.of("leaseId", lease.get("leaseId"), "outputs", List.copyOf(files.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", job).then().statusCode(422)
                .body("code", equalTo("model.invalid-member")).body("message", containsString("member-1.onnx"));
        assertNothingLeft(f, job, lease, "model.invalid-member");
    }

    @Test
    void shouldRegisterTheMembersLeftWhenTheTrainingDroppedMembersThatDiverged() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("Two of three", 3);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2); // member 2 diverged twice: the card says 2
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        assertEquals(204, f.worker().post(job, "complete", Map.of("leaseId", lease.get("leaseId"),
                "outputs", List.copyOf(files.keySet()))).statusCode());
        String model = f.alice().as().get("/api/v1/jobs/{id}", job).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).extract().path("result.modelId");
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(200)
                .body("card.ensembleSize", equalTo(2)).body("members.index", contains(0, 1));

        String more = f.submitTraining("Two of three", 2);
        Map<String, byte[]> tooMany = ModelFixture.goodOutputs(2);
        tooMany.put("card.json", ModelFixture.card(3, ModelFixture.CLASSES_JSON));
        Map<String, Object> lease2 = f.leaseAndUpload(more, tooMany);
        f.worker().as().body(Map.of("leaseId", lease2.get("leaseId"), "outputs", List.copyOf(tooMany.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", more).then().statusCode(422)
                .body("code", equalTo("model.card-mismatch")).body("message", containsString("the job trains 2"));
    }

    @Test
    void shouldFailTheJobWhenAMemberOrTheCardIsMissing() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("Broken", 2);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        files.remove("member-1.onnx");
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        f.worker().as().body(Map.of("leaseId", lease.get("leaseId"), "outputs", List.copyOf(files.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", job).then().statusCode(422)
                .body("code", equalTo("model.incomplete")).body("message", containsString("member-1.onnx"));
        assertNothingLeft(f, job, lease, "model.incomplete");

        String other = f.submitTraining("Broken", 2);
        Map<String, byte[]> noCard = ModelFixture.goodOutputs(2);
        noCard.put("card.json", "{\"classes\": 3}".getBytes());
        Map<String, Object> lease2 = f.leaseAndUpload(other, noCard);
        f.worker().as().body(Map.of("leaseId", lease2.get("leaseId"), "outputs", List.copyOf(noCard.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", other).then().statusCode(422)
                .body("code", equalTo("model.invalid-card"));
        assertNothingLeft(f, other, lease2, "model.invalid-card");

        String third = f.submitTraining("Broken", 2);
        Map<String, byte[]> badRecommendation = ModelFixture.outputsRecommending(2, "{\"threshold\":1.5}");
        Map<String, Object> lease3 = f.leaseAndUpload(third, badRecommendation);
        f.worker().as().body(Map.of("leaseId", lease3.get("leaseId"), "outputs",
                        List.copyOf(badRecommendation.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", third).then().statusCode(422)
                .body("code", equalTo("model.invalid-card")).body("message", containsString("1.5"));
        assertNothingLeft(f, third, lease3, "model.invalid-card");
    }

    @Test
    void shouldRefuseACardRecommendingActiveContoursWithoutANuclearChannel() {
        ModelFixture f = ModelFixture.create();
        String job = f.submitTraining("Phase only", 2);
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        String card = new String(ModelFixture.card(2, ModelFixture.CLASSES_JSON, "phase"), StandardCharsets.UTF_8);
        files.put("card.json", (card.substring(0, card.length() - 1)
                + ",\"recommendedPostProcessing\":{\"method\":\"ACTIVE_CONTOURS\"}}").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        f.worker().as().body(Map.of("leaseId", lease.get("leaseId"), "outputs", List.copyOf(files.keySet())))
                .post("/api/v1/worker/jobs/{id}/complete", job).then().statusCode(422)
                .body("code", equalTo("model.invalid-card"))
                .body("message", containsString("reads no 'nuclear' channel"));
        assertNothingLeft(f, job, lease, "model.invalid-card");
    }

    @Test
    void shouldRegisterNothingForAFailedOrCancelledJob() {
        ModelFixture f = ModelFixture.create();
        String failed = f.submitTraining("Never", 1);
        Map<String, Object> lease = f.leaseAndUpload(failed, ModelFixture.goodOutputs(1));
        assertEquals(204, f.worker().post(failed, "fail", Map.of("leaseId", lease.get("leaseId"), "code",
                "training.nan-loss", "message", "The loss became NaN.", "retryable", false)).statusCode());
        String cancelled = f.submitTraining("Never", 1);
        Map<String, Object> lease2 = f.leaseAndUpload(cancelled, ModelFixture.goodOutputs(1));
        f.alice().as().post("/api/v1/jobs/{id}/cancel", cancelled).then().statusCode(200);
        assertEquals(204, f.worker().post(cancelled, "fail", Map.of("leaseId", lease2.get("leaseId"), "code",
                "job.cancelled", "message", "stopped", "retryable", false)).statusCode());
        f.alice().as().get("/api/v1/jobs/{id}", cancelled).then().body("state", equalTo("CANCELLED"));
        f.alice().as().get("/api/v1/labs/{lab}/models", f.lab()).then().statusCode(200).body("items", hasSize(0));
        assertFalse(store.exists(StorageKeys.blob(f.lab(), Http.sha256(ModelFixture.member(0)))));
    }

    private void assertNothingLeft(ModelFixture f, String job, Map<String, Object> lease, String code) {
        f.alice().as().get("/api/v1/jobs/{id}", job).then().body("state", equalTo("FAILED"))
                .body("error.code", equalTo(code))
                .body("error.message", containsString("The trained model could not be registered"));
        f.alice().as().get("/api/v1/labs/{lab}/models", f.lab()).then().statusCode(200).body("items", hasSize(0));
        assertEquals(List.of(), store.list(StorageKeys.jobPrefix(f.lab(), java.util.UUID.fromString(job))));
        assertFalse(store.exists(StorageKeys.blob(f.lab(), Http.sha256(ModelFixture.member(0)))),
                "no blob of the refused attempt remains");
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{id}/outputs", f.lab(), job).then().statusCode(200)
                .body("", hasSize(0));
        // The worker's own follow-up failure report is accepted as a repeat.
        assertEquals(204, f.worker().post(job, "fail", Map.of("leaseId", lease.get("leaseId"), "code", "x",
                "message", "y", "retryable", false)).statusCode());
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

}
