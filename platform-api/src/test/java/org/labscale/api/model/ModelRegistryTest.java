package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;

/**
 * The model registry as a lab's people use it (lab isolation, roles, deleting versions in use) and as SEGMENTATION
 * leases consume it (members, images and reference masks as inputs with hashes, the resolved context).
 */
@QuarkusTest
class ModelRegistryTest {

    @Test
    void shouldKeepModelsInsideTheirLab() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String job = f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then()
                .extract().path("jobId");
        User bob = Api.newUser("Bob");
        UUID bobLab = Api.newLab(bob, "Bob Lab");
        // A stranger cannot tell another lab's model from a missing one, whichever lab he names.
        bob.as().get("/api/v1/labs/{lab}/models", f.lab()).then().statusCode(404).body("code", equalTo("not-found"));
        for (String path : List.of("/{m}", "/{m}/versions", "/{m}/versions/1", "/{m}/versions/1/members/0")) {
            for (UUID lab : List.of(f.lab(), bobLab)) {
                bob.as().redirects().follow(false).get("/api/v1/labs/{lab}/models" + path, lab, model).then()
                        .statusCode(404).body("code", equalTo("not-found"));
            }
        }
        bob.as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(404);
        bob.as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", bobLab, model).then().statusCode(404);
        bob.as().get("/api/v1/labs/{lab}/models", bobLab).then().statusCode(200).body("items", hasSize(0));
        for (String path : List.of("/outputs", "/outputs/card.json", "/outputs.zip")) {
            bob.as().redirects().follow(false).get("/api/v1/labs/{lab}/jobs/{j}" + path, f.lab(), job).then()
                    .statusCode(404);
            bob.as().redirects().follow(false).get("/api/v1/labs/{lab}/jobs/{j}" + path, bobLab, job).then()
                    .statusCode(404);
        }
        // Alice herself gets nothing under the wrong lab either.
        Api.join(bob, bobLab, f.alice(), "MEMBER");
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}", bobLab, model).then().statusCode(404);
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{j}/outputs", bobLab, job).then().statusCode(404);
    }

    @Test
    void shouldLetViewersReadAndMembersDelete() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        User vera = Api.newUser("Vera");
        Api.join(f.alice(), f.lab(), vera, "VIEWER");
        vera.as().get("/api/v1/labs/{lab}/models", f.lab()).then().statusCode(200).body("items.id", contains(model));
        vera.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(200)
                .body("members", hasSize(2));
        vera.as().redirects().follow(false).get("/api/v1/labs/{lab}/models/{m}/versions/1/members/0", f.lab(), model)
                .then().statusCode(307);
        vera.as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        User max = Api.newUser("Max");
        Api.join(f.alice(), f.lab(), max, "MEMBER");
        max.as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(204);
        vera.as().get("/api/v1/labs/{lab}/models/{m}", f.lab(), model).then().statusCode(404);
        f.alice().as().get("/api/v1/labs/{lab}/models?size=0", f.lab()).then().statusCode(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLeaseASegmentationJobTheModelImagesAndReferencesAndRefuseDeletingItsModel() {
        ModelFixture f = ModelFixture.create();
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        String model = f.train("HeLa nuclei", files);
        String versionId = f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then()
                .extract().path("id");
        // A third image without annotations: it gets no reference mask.
        String plain = Uploads.accepted(f.alice(), f.project(), "c.png", pngOf(7)).toString();
        String job = f.alice().as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "imageIds", List.of(f.imageA(), plain))))
                .post("/api/v1/labs/{lab}/jobs", f.lab()).then().statusCode(201).extract().path("id");

        // While the job waits or runs, its model version cannot be deleted.
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(409)
                .body("code", equalTo("model.in-use")).body("details.jobIds", contains(job));

        Map<String, Object> lease = f.worker().leaseOne();
        assertEquals(job, lease.get("jobId"));
        Map<String, String> inputs = (Map<String, String>) lease.get("inputs");
        Map<String, String> hashes = (Map<String, String>) lease.get("inputHashes");
        String member0 = "model/" + versionId + "/member-0.onnx";
        assertEquals(Set.of(member0, "model/" + versionId + "/member-1.onnx", "image/" + f.imageA(),
                "image/" + plain, "mask/" + f.imageA()), inputs.keySet());
        assertEquals(inputs.keySet(), hashes.keySet());
        assertEquals(Http.sha256(files.get("member-0.onnx")), hashes.get(member0));
        inputs.forEach((name, url) -> assertEquals(hashes.get(name), Http.sha256(Http.get(url)), name));
        Map<String, Object> context = (Map<String, Object>) lease.get("context");
        Map<String, Object> leasedModel = (Map<String, Object>) context.get("model");
        assertEquals(versionId, leasedModel.get("id"));
        assertEquals(List.of("nuclear"), ((Map<String, Object>) leasedModel.get("card")).get("channels"));
        assertNull(context.get("nuclearModel"));
        assertEquals(List.of(f.imageA(), plain), ((List<Map<String, Object>>) context.get("images")).stream()
                .map(i -> i.get("id")).toList());
        assertEquals(Map.of(f.imageA(), Map.of("annotationKind", "INSTANCE_MASK")), context.get("references"));
        Map<String, String> outputs = (Map<String, String>) lease.get("outputs");
        assertEquals(Set.of(f.imageA() + "/labels.tif", f.imageA() + "/labels.png", f.imageA() + "/overlay.png",
                f.imageA() + "/cells.csv", plain + "/labels.tif", plain + "/labels.png", plain + "/overlay.png",
                plain + "/cells.csv", "scores.json", "report.json", "figures/cell-type-scores.png",
                "figures/cell-type-scores.csv"), outputs.keySet());
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(409);

        byte[] csv = "label,area\n1,144\n".getBytes();
        Http.put(outputs.get(f.imageA() + "/cells.csv"), csv);
        Http.put(outputs.get("report.json"), "{}".getBytes());
        f.worker().as().body(Map.of("leaseId", lease.get("leaseId"), "outputs",
                        List.of(f.imageA() + "/cells.csv", "report.json", f.imageA() + "/probabilities.csv")))
                .post("/api/v1/worker/jobs/{id}/complete", job).then().statusCode(400)
                .body("code", equalTo("job.unknown-output"));
        assertEquals(204, f.worker().post(job, "complete", Map.of("leaseId", lease.get("leaseId"), "outputs",
                List.of(f.imageA() + "/cells.csv", "report.json"))).statusCode());
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{j}/outputs", f.lab(), job).then().statusCode(200)
                .body("name", containsInAnyOrder(f.imageA() + "/cells.csv", "report.json"));
        String location = f.alice().as().redirects().follow(false)
                .get("/api/v1/labs/{lab}/jobs/{j}/outputs/" + f.imageA() + "/cells.csv", f.lab(), job).then()
                .statusCode(307).extract().header("Location");
        assertTrue(Arrays.equals(csv, Http.get(location)));
        byte[] streamed = f.alice().as().get("/api/v1/labs/{lab}/jobs/{j}/output-files/" + f.imageA() + "/cells.csv",
                        f.lab(), job).then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString(f.imageA() + "_cells.csv")).extract().asByteArray();
        assertTrue(Arrays.equals(csv, streamed), "the API streams one output itself");
        f.alice().as().get("/api/v1/labs/{lab}/jobs/{j}/output-files/" + plain + "/cells.csv", f.lab(), job).then()
                .statusCode(404).body("code", equalTo("not-found"));
        User bob = Api.newUser("Bob");
        UUID bobLab = Api.newLab(bob, "Bob Lab");
        bob.as().get("/api/v1/labs/{lab}/jobs/{j}/output-files/" + f.imageA() + "/cells.csv", f.lab(), job)
                .then().statusCode(404);
        bob.as().get("/api/v1/labs/{lab}/jobs/{j}/output-files/" + f.imageA() + "/cells.csv", bobLab, job)
                .then().statusCode(404);

        // Ended: the version may go now.
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(204);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLeaseTheLatestVersionWhenThePayloadNamesNone() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String job = f.alice().as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "projectId", f.project())))
                .post("/api/v1/labs/{lab}/jobs", f.lab()).then().statusCode(201).extract().path("id");
        // Version 1 is not the latest: deleting it does not touch the job; version 2 is refused.
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/2", f.lab(), model).then().statusCode(409);
        f.alice().as().delete("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(204);
        Map<String, Object> lease = f.worker().leaseOne();
        assertEquals(job, lease.get("jobId"));
        Map<String, Object> context = (Map<String, Object>) lease.get("context");
        assertEquals(2, ((Map<String, Object>) context.get("model")).get("version"));
        assertEquals(2, ((List<?>) context.get("images")).size(), "every image of the project");
        f.alice().as().get("/api/v1/labs/{lab}/models", f.lab()).then().body("items.latestVersion", hasItem(2));
    }

    private static byte[] pngOf(int seed) {
        return TestFiles.png(TestFiles.gray(ModelFixture.SIDE, ModelFixture.SIDE, DataBuffer.TYPE_BYTE,
                (x, y) -> (x + seed * y) % 200));
    }
}
