package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * {@code GET /api/v1/labs/{lab}/model-versions}: every version of a lab's models in one paged answer, newest first,
 * with its model and visibility (what the web UI's models page shows without a call per model or version).
 */
@QuarkusTest
class LabModelVersionsTest {

    private static final String LIST = "/api/v1/labs/{lab}/model-versions";

    @Test
    void shouldListEveryVersionNewestFirstWithItsModelAndVisibility() {
        ModelFixture f = ModelFixture.create();
        String nuclei = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        f.train("HeLa nuclei", ModelFixture.goodOutputs(2)); // version 2 of the same model
        String cells = f.train("Whole cells", ModelFixture.goodOutputs(2));
        User bob = Api.newUser("Bob");
        UUID bobLab = Api.newLab(bob, "Bob Lab");
        f.alice().as().put("/api/v1/labs/{lab}/models/{m}/versions/1/grants/{g}", f.lab(), nuclei, bobLab).then()
                .statusCode(200);

        f.alice().as().get(LIST, f.lab()).then().statusCode(200).body("total", equalTo(3))
                .body("items.model.name", contains("Whole cells", "HeLa nuclei", "HeLa nuclei"))
                .body("items.model.id", contains(cells, nuclei, nuclei))
                .body("items.version.version", contains(1, 2, 1))
                .body("items.version.members", contains(hasSize(2), hasSize(2), hasSize(2)))
                .body("items.visibility", contains("PRIVATE", "PRIVATE", "SHARED"));
        f.alice().as().get(LIST + "?page=1&size=2", f.lab()).then().statusCode(200).body("total", equalTo(3))
                .body("items.version.version", contains(1)).body("items.model.name", contains("HeLa nuclei"));

        User vera = Api.newUser("Vera");
        Api.join(f.alice(), f.lab(), vera, "VIEWER");
        vera.as().get(LIST, f.lab()).then().statusCode(200).body("items", hasSize(3));
        // A stranger cannot tell the lab's list from a missing lab's; his own lab lists none of it.
        bob.as().get(LIST, f.lab()).then().statusCode(404).body("code", equalTo("not-found"));
        bob.as().get(LIST, UUID.randomUUID()).then().statusCode(404).body("code", equalTo("not-found"));
        bob.as().get(LIST, bobLab).then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        f.alice().as().get(LIST + "?size=0", f.lab()).then().statusCode(400).body("details.field", equalTo("size"));
    }
}
