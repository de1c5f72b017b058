package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;

/**
 * Other labs' use of a shared model version: a job naming no version is pinned at submit, uses and forks are
 * counted for the owning lab, a fork is a model of the forking lab that remembers its origin and owns copies of the
 * members, and deleting a version that others use is refused with who uses it.
 */
@QuarkusTest
class ModelForkTest {

    private static final String VERSION = "/api/v1/labs/{lab}/models/{m}/versions/{n}";
    private static final String FORKS = "/api/v1/labs/{lab}/forks/models";

    @Test
    void shouldPinCountForkAndRefuseToDeleteWhatOtherLabsUse() {
        ModelFixture a = ModelFixture.create();
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        String model = a.train("Forked nuclei", files);
        User owner = a.alice();
        User viewerOfB = Api.newUser("Viewer");
        Api.join(b.alice(), b.lab(), viewerOfB, "VIEWER");
        String labAName = owner.as().get("/api/v1/labs/{id}", a.lab()).then().extract().path("name");
        String labBName = b.alice().as().get("/api/v1/labs/{id}", b.lab()).then().extract().path("name");
        String v1 = owner.as().get(VERSION, a.lab(), model, 1).then().extract().path("id");

        // Nobody outside A forks a private version; the answer is that of a missing model.
        fork(b.alice(), b.lab(), model, 1, null).statusCode(404).body("details.resource", equalTo("model"));
        fork(b.alice(), b.lab(), UUID.randomUUID().toString(), 1, null).statusCode(404)
                .body("details.resource", equalTo("model"));
        owner.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(200);

        // A SEGMENTATION job of B naming no version is pinned to the version checked at submit, and counted.
        String job = b.alice().as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "imageIds", List.of(b.imageA()))))
                .post("/api/v1/labs/{lab}/jobs", b.lab()).then().statusCode(201)
                .body("payload.modelVersion", equalTo(1)).extract().path("id");

        // A running job of another lab keeps the version from being deleted; A hears who uses it.
        owner.as().delete(VERSION, a.lab(), model, 1).then().statusCode(409).body("code", equalTo("model.in-use"))
                .body("details.jobs", equalTo(1)).body("details.labs", contains(labBName));
        b.alice().as().post("/api/v1/jobs/{id}/cancel", job).then().statusCode(200);

        // Forks: a viewer of B may not, a member may; bad bodies are named; the name must be free.
        fork(viewerOfB, b.lab(), model, 1, null).statusCode(403);
        b.alice().as().body(Map.of("version", 1)).post(FORKS, b.lab()).then().statusCode(400)
                .body("details.field", equalTo("sourceId"));
        fork(b.alice(), b.lab(), model, 0, null).statusCode(400).body("details.field", equalTo("version"));
        fork(c.alice(), c.lab(), model, 1, null).statusCode(404);
        ValidatableResponse forked = fork(b.alice(), b.lab(), model, 1, null).statusCode(201)
                .body("labId", equalTo(b.lab().toString())).body("name", equalTo("Forked nuclei"))
                .body("version", equalTo(1)).body("origin.labId", equalTo(a.lab().toString()))
                .body("origin.labName", equalTo(labAName)).body("origin.id", equalTo(model))
                .body("origin.version", equalTo(1)).body("origin.versionId", equalTo(v1))
                .body("origin.hash", equalTo(Http.sha256((Http.sha256(files.get("member-0.onnx")) + "\n"
                        + Http.sha256(files.get("member-1.onnx")) + "\n").getBytes())));
        String copy = forked.extract().path("id");
        fork(b.alice(), b.lab(), model, 1, null).statusCode(409).body("code", equalTo("model.name-taken"));
        owner.as().get(VERSION + "/usage", a.lab(), model, 1).then().statusCode(200)
                .body("segmentations", equalTo(1)).body("forks", equalTo(1)).body("labs", equalTo(1));
        b.alice().as().get(VERSION + "/usage", a.lab(), model, 1).then().statusCode(404);

        // The fork is B's own model: its members are B's blobs, downloadable by B's members.
        String url = b.alice().as().redirects().follow(false).get(VERSION + "/members/0", b.lab(), copy, 1).then()
                .statusCode(307).extract().header("Location");
        assertTrue(url.contains(b.lab().toString()), url);
        assertEquals(Http.sha256(files.get("member-0.onnx")), Http.sha256(Http.get(url)));
        b.alice().as().get(VERSION, b.lab(), copy, 1).then().statusCode(200).body("card.licence", equalTo("CC-BY-4.0"));

        // Deleting the origin is refused while another lab holds a fork; after revocation B's name is withheld.
        owner.as().delete(VERSION, a.lab(), model, 1).then().statusCode(409).body("details.forks", equalTo(1))
                .body("details.labs", contains(labBName)).body("details.otherLabs", equalTo(0));
        owner.as().delete(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(200);
        owner.as().delete(VERSION, a.lab(), model, 1).then().statusCode(409).body("details.labs", empty())
                .body("details.otherLabs", equalTo(1));
        fork(b.alice(), b.lab(), model, 1, "Again").statusCode(404);
        b.alice().as().get("/api/v1/zoo/models?labId={lab}", b.lab()).then().statusCode(200)
                .body("items.find { it.modelId == '" + copy + "' }.origin.labName", equalTo(labAName));

        // Forking within the lab copies nothing across labs, and the origin can then go: the fork keeps working.
        String own = a.train("Own nuclei", ModelFixture.goodOutputs(2));
        String ownCopy = fork(owner, a.lab(), own, 1, "Own copy").statusCode(201).extract().path("id");
        owner.as().get(VERSION + "/usage", a.lab(), own, 1).then().body("forks", equalTo(0));
        owner.as().delete(VERSION, a.lab(), own, 1).then().statusCode(204);
        String ownUrl = owner.as().redirects().follow(false).get(VERSION + "/members/1", a.lab(), ownCopy, 1).then()
                .statusCode(307).extract().header("Location");
        assertEquals(Http.sha256(ModelFixture.goodOutputs(2).get("member-1.onnx")), Http.sha256(Http.get(ownUrl)));
        owner.as().get("/api/v1/zoo/models?labId={lab}&q=copy", a.lab()).then().statusCode(200)
                .body("items.modelId", contains(ownCopy)).body("items[0].origin.id", equalTo(own))
                .body("items[0].deprecationReason", nullValue());
    }

    private static ValidatableResponse fork(User user, UUID lab, String model, int version, String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("sourceId", model, "version", version));
        if (name != null) {
            body.put("name", name);
        }
        return user.as().body(body).post(FORKS, lab).then();
    }
}
