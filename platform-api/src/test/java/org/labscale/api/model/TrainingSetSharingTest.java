package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;

/**
 * The access matrix of a shared training-set version: owner, member and viewer of the owning lab A, a lab B granted
 * the version, a lab C without a grant; before and after revocation; public; anonymous. Over the sharing endpoints,
 * the version's manifest and TRAINING jobs naming it (submit, the worker's lease, the registered model's
 * provenance). Whatever a caller may not see answers exactly as a missing training set.
 */
@QuarkusTest
class TrainingSetSharingTest {

    private static final String VERSION = "/api/v1/training-sets/{set}/versions/{n}";
    private static final String UUIDS = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetAGrantedLabTrainOnTheVersionWithItsOwnAndKeepTheProvenanceAfterRevocation() {
        ModelFixture a = ModelFixture.create();
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        String set = a.trainingSet();
        User owner = a.alice();
        User member = Api.newUser("Member");
        User viewer = Api.newUser("Viewer");
        Api.join(owner, a.lab(), member, "MEMBER");
        Api.join(owner, a.lab(), viewer, "VIEWER");
        User granted = b.alice();
        User stranger = c.alice();
        String labAName = owner.as().get("/api/v1/labs/{id}", a.lab()).then().extract().path("name");
        String labBName = granted.as().get("/api/v1/labs/{id}", b.lab()).then().extract().path("name");
        String hash = owner.as().get(VERSION, set, 1).then().statusCode(200).extract().path("contentHash");

        // Private: the lab reads the manifest and the grants; nobody else can tell the set exists.
        for (User u : List.of(owner, member, viewer)) {
            u.as().get(VERSION, set, 1).then().statusCode(200).body("items", hasSize(2));
            u.as().get(VERSION + "/grants", set, 1).then().statusCode(200).body("visibility", equalTo("PRIVATE"))
                    .body("grants", empty());
            u.as().get(VERSION + "/usage", set, 1).then().statusCode(200).body("trainings", equalTo(0));
        }
        for (User u : List.of(granted, stranger)) {
            assertHidden(u, set, 1);
            notFound(u.as().get(VERSION + "/grants", set, 1).then(), set);
            notFound(u.as().get(VERSION + "/usage", set, 1).then(), set);
            notFound(u.as().put(VERSION + "/grants/{g}", set, 1, b.lab()).then(), set);
            notFound(u.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", set, 1).then(), set);
        }
        train(b, set, 1, b.trainingSet()).statusCode(404).body("details.resource", equalTo("training set version"));

        // Only owners grant, revoke and change visibility.
        for (User u : List.of(member, viewer)) {
            u.as().put(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(403);
            u.as().delete(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(403);
            u.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", set, 1).then().statusCode(403);
        }
        owner.as().put(VERSION + "/grants/{g}", set, 1, a.lab()).then().statusCode(400)
                .body("code", equalTo("sharing.own-lab"));
        owner.as().put(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("SHARED")).body("grants.labName", contains(labBName));
        viewer.as().get(VERSION + "/grants", set, 1).then().statusCode(200)
                .body("grants.labId", contains(b.lab().toString()));

        // Granted: B reads the manifest (not the set itself, nor the grants) and trains on it with its own set.
        granted.as().get(VERSION, set, 1).then().statusCode(200).body("contentHash", equalTo(hash))
                .body("items", hasSize(2));
        notFound(granted.as().get("/api/v1/training-sets/{set}", set).then(), set);
        notFound(granted.as().get(VERSION + "/grants", set, 1).then(), set);
        assertHidden(stranger, set, 1);
        train(c, set, 1, c.trainingSet()).statusCode(404);
        String job = train(b, set, 1, b.trainingSet()).statusCode(201).extract().path("id");
        owner.as().get(VERSION + "/usage", set, 1).then().statusCode(200).body("trainings", equalTo(1))
                .body("labs", equalTo(1));

        // B's worker gets A's images and class maps for this job, B's own, and nothing else of lab A.
        Map<String, Object> lease = b.worker().leaseOne();
        assertEquals(job, lease.get("jobId"));
        Map<String, String> inputs = (Map<String, String>) lease.get("inputs");
        Set<String> images = Set.of("image/" + a.imageA(), "image/" + a.imageB(), "image/" + b.imageA(),
                "image/" + b.imageB());
        assertEquals(images, Set.copyOf(inputs.keySet().stream().filter(k -> k.startsWith("image/")).toList()));
        assertEquals(4, inputs.keySet().stream().filter(k -> k.startsWith("classmap/")).count());
        Map<String, String> hashes = (Map<String, String>) lease.get("inputHashes");
        assertEquals(hashes.get("image/" + a.imageA()), Http.sha256(Http.get(inputs.get("image/" + a.imageA()))));

        // Revoked while the job runs: new use stops at once, the running job finishes and its model names A's set.
        owner.as().delete(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE"));
        assertHidden(granted, set, 1);
        train(b, set, 1, b.trainingSet()).statusCode(404)
                .body("message", containsString("exists, or you cannot see it"));
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        Map<String, String> urls = (Map<String, String>) lease.get("outputs");
        files.forEach((name, bytes) -> Http.put(urls.get(name), bytes));
        assertEquals(204, b.worker().post(job, "complete", Map.of("leaseId", lease.get("leaseId"),
                "outputs", List.copyOf(files.keySet()))).statusCode());
        String model = granted.as().get("/api/v1/jobs/{id}", job).then().extract().path("result.modelId");
        granted.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", b.lab(), model).then().statusCode(200)
                .body("card.trainingSets", hasSize(2))
                .body("card.trainingSets[0].trainingSetId", equalTo(set))
                .body("card.trainingSets[0].version", equalTo(1))
                .body("card.trainingSets[0].contentHash", equalTo(hash))
                .body("card.trainingSets[0].labId", equalTo(a.lab().toString()))
                .body("card.trainingSets[0].labName", equalTo(labAName))
                .body("card.trainingSets[1].trainingSetId", equalTo(b.trainingSet()))
                .body("card.trainingSets[1].labName", equalTo(labBName));

        // Public: every signed-in user reads the manifest; anonymous nobody; private again hides it.
        owner.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", set, 1).then().statusCode(200)
                .body("visibility", equalTo("PUBLIC"));
        stranger.as().get(VERSION, set, 1).then().statusCode(200).body("contentHash", equalTo(hash));
        RestAssured.given().get(VERSION, set, 1).then().statusCode(401);
        owner.as().body(Map.of("visibility", "PRIVATE")).put(VERSION + "/visibility", set, 1).then()
                .statusCode(200).body("visibility", equalTo("PRIVATE"));
        assertHidden(stranger, set, 1);
        assertTrue(granted.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", b.lab(), model).then()
                .extract().asString().contains(labAName), "the derived model keeps naming its hidden source");

        // A cannot delete the set while another lab's model learnt from it; it hears how many, not who (revoked).
        String etag = owner.as().get("/api/v1/training-sets/{set}", set).then().extract().header("ETag");
        owner.as().header("If-Match", etag).delete("/api/v1/training-sets/{set}", set).then().statusCode(409)
                .body("code", equalTo("training-set.in-use")).body("details.derivedModels", equalTo(1))
                .body("details.labs", empty()).body("details.otherLabs", equalTo(1));
        owner.as().get(VERSION, set, 1).then().statusCode(200);
    }

    @Test
    void shouldForkAVisibleVersionIntoTheCallersLabAsItsOwnCopies() {
        ModelFixture a = ModelFixture.create(0.65);
        // edited after freezing: the fork keeps what version 1 froze
        a.alice().as().body(Map.of("pixelSizeUm", 2.0)).patch("/api/v1/images/{id}", a.imageA()).then()
                .statusCode(200);
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        String set = a.trainingSet();
        User viewerOfB = Api.newUser("Viewer");
        Api.join(b.alice(), b.lab(), viewerOfB, "VIEWER");
        String labAName = a.alice().as().get("/api/v1/labs/{id}", a.lab()).then().extract().path("name");
        String labBName = b.alice().as().get("/api/v1/labs/{id}", b.lab()).then().extract().path("name");
        String hash = a.alice().as().get(VERSION, set, 1).then().extract().path("contentHash");
        String forks = "/api/v1/labs/{lab}/forks/training-sets";

        b.alice().as().body(Map.of("sourceId", set, "version", 1)).post(forks, b.lab()).then().statusCode(404)
                .body("details.resource", equalTo("training set"));
        a.alice().as().put(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(200);
        viewerOfB.as().body(Map.of("sourceId", set, "version", 1)).post(forks, b.lab()).then().statusCode(403);
        c.alice().as().body(Map.of("sourceId", set, "version", 1)).post(forks, c.lab()).then().statusCode(404);
        b.alice().as().body(Map.of("sourceId", set)).post(forks, b.lab()).then().statusCode(400)
                .body("details.field", equalTo("version"));
        String copy = b.alice().as().body(Map.of("sourceId", set, "version", 1, "name", "Their nuclei"))
                .post(forks, b.lab()).then().statusCode(201).body("labId", equalTo(b.lab().toString()))
                .body("origin.labName", equalTo(labAName)).body("origin.hash", equalTo(hash))
                .body("origin.id", equalTo(set)).extract().path("id");
        b.alice().as().body(Map.of("sourceId", set, "version", 1, "name", "their NUCLEI")).post(forks, b.lab())
                .then().statusCode(409).body("code", equalTo("training-set.name-taken"));

        // The copy is B's own: the same content, B's own images, usable for training after A revokes.
        List<String> images = b.alice().as().get(VERSION, copy, 1).then().statusCode(200)
                .body("contentHash", equalTo(hash)).body("items", hasSize(2))
                .body("items.pixelSizeUm", equalTo(java.util.Arrays.asList(0.65f, null)))
                .extract().path("items.imageId");
        b.alice().as().get("/api/v1/images/{i}", images.get(0)).then().body("pixelSizeUm", equalTo(0.65f));
        for (String image : images) {
            b.alice().as().get("/api/v1/images/{i}", image).then().statusCode(200);
            a.alice().as().get("/api/v1/images/{i}", image).then().statusCode(404);
            assertTrue(!image.equals(a.imageA()) && !image.equals(a.imageB()), image);
        }
        a.alice().as().get(VERSION + "/usage", set, 1).then().body("forks", equalTo(1));
        a.alice().as().delete(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(200);
        Map<String, Object> payload = Map.of("trainingSets", List.of(Map.of("trainingSetId", copy, "version", 1)),
                "modelName", "From the copy", "preset", "nuclear-net", "channels", List.of("nuclear"),
                "classes", ModelFixture.CLASSES, "ensembleSize", 2);
        b.alice().as().body(Map.of("kind", "TRAINING", "payload", payload)).post("/api/v1/labs/{lab}/jobs", b.lab())
                .then().statusCode(201);

        // A's set cannot go while B holds a fork; A hears a count, B's name is no longer its to know.
        String etag = a.alice().as().get("/api/v1/training-sets/{set}", set).then().extract().header("ETag");
        a.alice().as().header("If-Match", etag).delete("/api/v1/training-sets/{set}", set).then().statusCode(409)
                .body("details.forks", equalTo(1)).body("details.otherLabs", equalTo(1))
                .body("message", org.hamcrest.Matchers.not(containsString(labBName)));
    }

    /** The version reads exactly as a missing one: as version 99, and as a set that does not exist. */
    private static void assertHidden(User u, String set, int n) {
        String body = u.as().get(VERSION, set, n).then().statusCode(404).extract().asString();
        assertEquals(body, u.as().get(VERSION, set, 99).then().statusCode(404).extract().asString());
        String other = u.as().get(VERSION, UUID.randomUUID(), n).then().statusCode(404).extract().asString();
        assertEquals(body.replaceAll(UUIDS, "X"), other.replaceAll(UUIDS, "X"));
        notFound(u.as().get(VERSION, set, n).then(), set);
    }

    private static void notFound(ValidatableResponse response, String set) {
        response.statusCode(404).body("code", equalTo("not-found")).body("details.resource", equalTo("training set"))
                .body("details.id", equalTo(set));
    }

    /** A TRAINING job of {@code lab} on version {@code n} of {@code set} plus its own set's version 1. */
    private static ValidatableResponse train(ModelFixture lab, String set, int n, String own) {
        Map<String, Object> payload = Map.of("trainingSets", List.of(Map.of("trainingSetId", set, "version", n),
                        Map.of("trainingSetId", own, "version", 1)), "modelName", "Combined " + UUID.randomUUID(),
                "preset", "nuclear-net", "channels", List.of("nuclear"), "classes", ModelFixture.CLASSES,
                "ensembleSize", 2);
        return lab.alice().as().body(Map.of("kind", "TRAINING", "payload", payload))
                .post("/api/v1/labs/{lab}/jobs", lab.lab()).then();
    }
}
