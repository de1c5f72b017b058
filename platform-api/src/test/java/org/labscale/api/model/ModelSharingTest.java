package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
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
 * The access matrix of a shared model version: owner, member and viewer of the owning lab A, a lab B granted the
 * version, a lab C without a grant; before and after revocation; public and private again. Over the sharing
 * endpoints, the version's card, member downloads and SEGMENTATION jobs naming it (submit and the worker's lease).
 * Whatever a caller may not see answers exactly as a missing model.
 */
@QuarkusTest
class ModelSharingTest {

    private static final String VERSION = "/api/v1/labs/{lab}/models/{m}/versions/{n}";
    private static final String JOBS = "/api/v1/labs/{lab}/jobs";

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEachRowOfTheAccessMatrixExactlyWhatItAllows() {
        ModelFixture a = ModelFixture.create();
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        String model = a.train("Shared nuclei", files);
        a.train("Shared nuclei", ModelFixture.goodOutputs(2)); // version 2 stays private throughout
        String v1 = a.alice().as().get(VERSION, a.lab(), model, 1).then().statusCode(200).extract().path("id");
        User owner = a.alice();
        User member = Api.newUser("Member");
        User viewer = Api.newUser("Viewer");
        Api.join(owner, a.lab(), member, "MEMBER");
        Api.join(owner, a.lab(), viewer, "VIEWER");
        User granted = b.alice();
        User stranger = c.alice();

        // Private: the lab reads, nobody else can even tell it exists.
        for (User u : List.of(owner, member, viewer)) {
            u.as().get(VERSION, a.lab(), model, 1).then().statusCode(200).body("id", equalTo(v1));
            u.as().get(VERSION + "/grants", a.lab(), model, 1).then().statusCode(200)
                    .body("visibility", equalTo("PRIVATE")).body("grants", empty());
        }
        for (User u : List.of(granted, stranger)) {
            assertHidden(u, a.lab(), model, 1);
        }
        submit(granted, b, model, null).statusCode(404).body("details.resource", equalTo("model"))
                .body("message", equalTo("No model with id " + model + " exists, or you cannot see it."));

        // Only owners grant; a member or viewer gets 403, outsiders the 404 of a missing model.
        for (User u : List.of(member, viewer)) {
            u.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(403);
            u.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", a.lab(), model, 1).then()
                    .statusCode(403);
        }
        for (User u : List.of(granted, stranger)) {
            notFound(u.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then(), model);
            notFound(u.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", a.lab(), model, 1)
                    .then(), model);
        }
        owner.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, a.lab()).then().statusCode(400)
                .body("code", equalTo("sharing.own-lab"));
        UUID nowhere = UUID.randomUUID();
        owner.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, nowhere).then().statusCode(404)
                .body("details.resource", equalTo("lab"));
        owner.as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("SHARED")).body("grants.labId", contains(b.lab().toString()))
                .body("grants[0].grantedBy", equalTo(owner.id().toString()));
        viewer.as().get(VERSION + "/grants", a.lab(), model, 1).then().statusCode(200)
                .body("grants.labId", contains(b.lab().toString()));

        // Granted: B reads the card and segments its own images; the grant does not reach version 2, the model's
        // other endpoints, the grants list, direct member downloads, or lab C.
        granted.as().get(VERSION, a.lab(), model, 1).then().statusCode(200).body("id", equalTo(v1))
                .body("card.licence", equalTo("CC-BY-4.0"));
        assertHidden(granted, a.lab(), model, 2);
        notFound(granted.as().get("/api/v1/labs/{lab}/models/{m}", a.lab(), model).then(), model);
        notFound(granted.as().get(VERSION + "/grants", a.lab(), model, 1).then(), model);
        notFound(granted.as().get(VERSION + "/members/0", a.lab(), model, 1).then(), model);
        assertHidden(stranger, a.lab(), model, 1);
        submit(granted, b, model, null).statusCode(404); // no version: the latest (2) is private
        submit(granted, b, model, 2).statusCode(404).body("details.resource", equalTo("model"));
        submit(stranger, c, model, 1).statusCode(404).body("details.resource", equalTo("model"));
        String running = submit(granted, b, model, 1).statusCode(201).body("payload.modelVersion", equalTo(1))
                .extract().path("id");
        String queued = submit(granted, b, model, 1).statusCode(201).extract().path("id");

        // B's worker gets A's members (and B's image and its reference mask), nothing else of lab A.
        Map<String, Object> lease = b.worker().leaseOne();
        assertEquals(running, lease.get("jobId"));
        Map<String, String> inputs = (Map<String, String>) lease.get("inputs");
        Map<String, String> hashes = (Map<String, String>) lease.get("inputHashes");
        String member0 = "model/" + v1 + "/member-0.onnx";
        assertEquals(Set.of(member0, "model/" + v1 + "/member-1.onnx", "image/" + b.imageA(),
                "mask/" + b.imageA()), inputs.keySet());
        assertEquals(Http.sha256(files.get("member-0.onnx")), hashes.get(member0));
        inputs.forEach((name, url) -> assertEquals(hashes.get(name), Http.sha256(Http.get(url)), name));

        // Revoked: B loses new use at once (and the queued job's lease carries no model); the running job keeps
        // the URLs it was given.
        member.as().delete(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(403);
        notFound(granted.as().delete(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then(), model);
        owner.as().delete(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE")).body("grants", empty());
        assertHidden(granted, a.lab(), model, 1);
        submit(granted, b, model, 1).statusCode(404)
                .body("message", equalTo("No model with id " + model + " exists, or you cannot see it."));
        assertEquals(hashes.get(member0), Http.sha256(Http.get(inputs.get(member0))));
        Map<String, Object> late = b.worker().leaseOne();
        assertEquals(queued, late.get("jobId"));
        assertEquals(Set.of("image/" + b.imageA(), "mask/" + b.imageA()),
                ((Map<String, String>) late.get("inputs")).keySet());
        assertNull(((Map<String, Object>) late.get("context")).get("model"));

        // Public: every signed-in user reads version 1 and segments with it; private again hides it.
        owner.as().body(Map.of("visibility", "SHARED")).put(VERSION + "/visibility", a.lab(), model, 1).then()
                .statusCode(400).body("code", equalTo("sharing.invalid-visibility"));
        owner.as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", a.lab(), model, 1).then()
                .statusCode(200).body("visibility", equalTo("PUBLIC"));
        for (User u : List.of(granted, stranger)) {
            u.as().get(VERSION, a.lab(), model, 1).then().statusCode(200).body("id", equalTo(v1));
            assertHidden(u, a.lab(), model, 2);
            notFound(u.as().get(VERSION + "/members/0", a.lab(), model, 1).then(), model);
        }
        submit(stranger, c, model, 1).statusCode(201);
        RestAssured.given().get(VERSION, a.lab(), model, 1).then().statusCode(401); // anonymous: nothing
        owner.as().body(Map.of("visibility", "PRIVATE")).put(VERSION + "/visibility", a.lab(), model, 1).then()
                .statusCode(200).body("visibility", equalTo("PRIVATE"));
        assertHidden(stranger, a.lab(), model, 1);
        submit(stranger, c, model, 1).statusCode(404);
    }

    /** The version reads exactly as a missing one: as version 99, and as the same model in a lab that has none. */
    private static void assertHidden(User u, UUID lab, String model, int n) {
        String body = u.as().get(VERSION, lab, model, n).then().statusCode(404).extract().asString();
        assertEquals(body, u.as().get(VERSION, lab, model, 99).then().statusCode(404).extract().asString());
        assertEquals(body, u.as().get(VERSION, UUID.randomUUID(), model, n).then().statusCode(404).extract()
                .asString());
        notFound(u.as().get(VERSION, lab, model, n).then(), model);
    }

    private static void notFound(ValidatableResponse response, String model) {
        response.statusCode(404).body("code", equalTo("not-found")).body("details.resource", equalTo("model"))
                .body("message", containsString("No model with id " + model + " exists"));
    }

    private static ValidatableResponse submit(User user, ModelFixture lab, String model, Integer version) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("modelId", model);
        payload.put("imageIds", List.of(lab.imageA()));
        if (version != null) {
            payload.put("modelVersion", version);
        }
        return user.as().body(Map.of("kind", "SEGMENTATION", "payload", payload)).post(JOBS, lab.lab()).then();
    }
}
