package org.labscale.it.sharing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;

/**
 * Issue 18 end to end with three labs on the packaged platform and its CPU worker (tiny training budgets): lab A
 * trains a model and shares it and its training set with lab B; B finds the model in the zoo, segments its own
 * images with it, trains on A's set together with its own and forks A's model; lab C sees nothing of A's; A revokes,
 * and B loses new access while its derived model keeps naming A's training set.
 */
class ThreeLabSharingIT {

    private static final Duration JOB = Duration.ofMinutes(4);

    @Test
    void shouldShareTrainSegmentForkAndRevokeAcrossThreeLabs() throws Exception {
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person alice = Lab.person(platform, "Alice");
        Person bob = Lab.person(platform, "Bob");
        Person carol = Lab.person(platform, "Carol");
        UUID labA = Lab.createLab(alice, "Sharing lab A");
        UUID labB = Lab.createLab(bob, "Sharing lab B");
        UUID labC = Lab.createLab(carol, "Sharing lab C");
        String labAName = alice.as().get("/api/v1/labs/{id}", labA).then().extract().path("name");
        String word = "otter" + UUID.randomUUID().toString().substring(0, 8);

        // A trains a model and shares it and its training set with B.
        String setA = set(alice, labA, "A discs", 300);
        String modelA = train(alice, labA, "A nuclei " + word, List.of(setA));
        String versionA = alice.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", labA, modelA).then()
                .statusCode(200).extract().path("id");
        alice.as().put("/api/v1/labs/{lab}/models/{m}/versions/1/grants/{g}", labA, modelA, labB).then()
                .statusCode(200);
        alice.as().put("/api/v1/training-sets/{s}/versions/1/grants/{g}", setA, labB).then().statusCode(200);

        // B finds A's model in the zoo and segments its own images with it.
        bob.as().get("/api/v1/zoo/models?q={q}", word).then().statusCode(200)
                .body("items.versionId", hasItem(versionA)).body("items[0].labName", equalTo(labAName));
        String setB = set(bob, labB, "B discs", 400);
        List<String> bobImages = bob.as().get("/api/v1/training-sets/{s}/versions/1", setB).then().statusCode(200)
                .extract().jsonPath().getList("items.imageId", String.class);
        String segment = Jobs.submit(bob, labB, "SEGMENTATION", Map.of("modelId", modelA, "imageIds", bobImages),
                "segment-" + UUID.randomUUID());
        Jobs.Ended segmented = Jobs.await(bob, segment, JOB);
        assertEquals("SUCCEEDED", segmented.state(), segmented.job().prettify());
        assertEquals(1, segmented.job().getInt("payload.modelVersion"));

        // B trains on A's set plus its own; the card records both sources with their labs and hashes.
        String hashA = bob.as().get("/api/v1/training-sets/{s}/versions/1", setA).then().statusCode(200).extract()
                .path("contentHash");
        String derived = train(bob, labB, "B combined " + word, List.of(setA, setB));
        JsonPath card = bob.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", labB, derived).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(setA, setB), card.getList("card.trainingSets.trainingSetId"));
        assertEquals(labAName, card.getString("card.trainingSets[0].labName"));
        assertEquals(hashA, card.getString("card.trainingSets[0].contentHash"));

        // B forks A's model into its own lab.
        String fork = bob.as().body(Map.of("sourceId", modelA, "version", 1, "name", "A nuclei, our copy"))
                .post("/api/v1/labs/{lab}/forks/models", labB).then().statusCode(201)
                .body("origin.labName", equalTo(labAName)).extract().path("id");
        alice.as().get("/api/v1/labs/{lab}/models/{m}/versions/1/usage", labA, modelA).then().statusCode(200)
                .body("segmentations", equalTo(1)).body("forks", equalTo(1));
        alice.as().get("/api/v1/training-sets/{s}/versions/1/usage", setA).then().body("trainings", equalTo(1));

        // C sees nothing of A's.
        carol.as().get("/api/v1/zoo/models?q={q}", word).then().statusCode(200).body("total", equalTo(0));
        carol.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", labA, modelA).then().statusCode(404);
        carol.as().get("/api/v1/training-sets/{s}/versions/1", setA).then().statusCode(404);
        carol.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", modelA, "imageIds",
                List.of(UUID.randomUUID())))).post("/api/v1/labs/{lab}/jobs", labC).then().statusCode(404);

        // A revokes: B loses new access at once; its derived model and its fork keep what they had.
        alice.as().delete("/api/v1/labs/{lab}/models/{m}/versions/1/grants/{g}", labA, modelA, labB).then()
                .statusCode(200);
        alice.as().delete("/api/v1/training-sets/{s}/versions/1/grants/{g}", setA, labB).then().statusCode(200);
        bob.as().get("/api/v1/zoo/models?q={q}", word).then().body("items.versionId", not(hasItem(versionA)));
        bob.as().get("/api/v1/training-sets/{s}/versions/1", setA).then().statusCode(404);
        bob.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", modelA, "imageIds", bobImages)))
                .post("/api/v1/labs/{lab}/jobs", labB).then().statusCode(404);
        bob.as().body(Map.of("sourceId", modelA, "version", 1)).post("/api/v1/labs/{lab}/forks/models", labB).then()
                .statusCode(404);
        bob.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", labB, derived).then().statusCode(200)
                .body("card.trainingSets[0].labName", equalTo(labAName));
        String own = Jobs.submit(bob, labB, "SEGMENTATION", Map.of("modelId", fork, "imageIds", bobImages),
                "fork-" + UUID.randomUUID());
        Jobs.Ended withFork = Jobs.await(bob, own, JOB);
        assertEquals("SUCCEEDED", withFork.state(), withFork.job().prettify());
    }

    /** Version 1 of a new training set of two synthetic annotated images. */
    private static String set(Person who, UUID lab, String name, long seed) {
        UUID project = Lab.createProject(who, lab, name);
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(64, 64, 6, seed + i);
            String id = Lab.uploadImage(who, project, "d" + i + ".png", discs.png(), "image/png", Map.of());
            items.add(Map.entry(id, Lab.annotateInstances(who, id, discs.maskPng(), discs.cells())));
        }
        return Lab.trainingSet(who, lab, name, items);
    }

    /** Trains a one-member model on a tiny budget; answers its id. */
    private static String train(Person who, UUID lab, String name, List<String> sets) throws InterruptedException {
        Map<String, Object> payload = new HashMap<>();
        payload.put("trainingSets", sets.stream().map(s -> Map.of("trainingSetId", s, "version", 1)).toList());
        payload.put("modelName", name);
        payload.put("preset", "bacteria-net-fast");
        payload.put("patchesPerEpoch", 200);
        payload.put("epochs", 1);
        payload.put("ensembleSize", 1);
        payload.put("validationFraction", 0.5);
        payload.put("licence", "CC-BY-4.0");
        payload.put("description", "Tiny bacteria-net-fast on synthetic discs, for the sharing walk."); // publishing
        String job = Jobs.submit(who, lab, "TRAINING", payload, "train-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(who, job, JOB);
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        return ended.job().getString("result.modelId");
    }
}
