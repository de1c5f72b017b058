package org.labscale.api.project;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

@QuarkusTest
class ProjectTest {

    @Test
    void shouldCreateRenameDescribeTagAndDelete() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        String id = alice.as().body(Map.of("name", "E. coli growth", "description", "phase contrast",
                        "tags", List.of("bacteria", "phase", "bacteria")))
                .post("/api/v1/labs/{lab}/projects", lab).then().statusCode(201)
                .body("tags", contains("bacteria", "phase")).body("imageCount", equalTo(0)).extract().path("id");
        alice.as().header("If-Match", "\"0\"").body(Map.of("name", "E. coli colonies", "tags", List.of("colonies")))
                .patch("/api/v1/projects/{id}", id).then().statusCode(200)
                .body("name", equalTo("E. coli colonies")).body("description", equalTo("phase contrast"))
                .body("tags", contains("colonies"));
        alice.as().get("/api/v1/labs/{lab}/projects?tag=colonies", lab).then().body("total", equalTo(1));
        alice.as().get("/api/v1/labs/{lab}/projects?tag=bacteria", lab).then().body("total", equalTo(0));
        alice.as().header("If-Match", "\"0\"").delete("/api/v1/projects/{id}", id).then().statusCode(412);
        alice.as().delete("/api/v1/projects/{id}", id).then().statusCode(204);
        alice.as().get("/api/v1/projects/{id}", id).then().statusCode(404);
    }

    @Test
    void shouldPageLongLists() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        for (int i = 0; i < 5; i++) {
            Api.newProject(alice, lab, "p" + i);
        }
        alice.as().get("/api/v1/labs/{lab}/projects?page=1&size=2", lab).then().statusCode(200)
                .body("total", equalTo(5)).body("items.name", contains("p2", "p3"));
        alice.as().get("/api/v1/labs/{lab}/projects?size=0", lab).then().statusCode(400)
                .body("details.field", equalTo("size"));
    }

    @Test
    void shouldRefuseDuplicateNamesAndBadTags() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        Api.newProject(alice, lab, "Nuclei");
        alice.as().body(Map.of("name", "nuclei")).post("/api/v1/labs/{lab}/projects", lab).then().statusCode(409)
                .body("code", equalTo("project.name-taken"));
        alice.as().body(Map.of("name", "x", "tags", List.of("!bad"))).post("/api/v1/labs/{lab}/projects", lab)
                .then().statusCode(400).body("details.field", equalTo("tags"));
    }

    @Test
    void shouldLetViewersReadButNotWrite() {
        User alice = Api.newUser("Alice");
        User victor = Api.newUser("Victor");
        UUID lab = Api.newLab(alice, "Covert Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        Api.join(alice, lab, victor, "VIEWER");
        victor.as().get("/api/v1/projects/{id}", project).then().statusCode(200);
        victor.as().body(Map.of("name", "mine")).post("/api/v1/labs/{lab}/projects", lab).then().statusCode(403)
                .body("code", equalTo("auth.forbidden"));
        victor.as().body(Map.of("name", "renamed")).patch("/api/v1/projects/{id}", project).then().statusCode(403);
        victor.as().delete("/api/v1/projects/{id}", project).then().statusCode(403);
    }

    @Test
    void shouldAnswerStrangersAsIfTheProjectDidNotExist() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        UUID lab = Api.newLab(alice, "Covert Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        String missing = eve.as().get("/api/v1/projects/{id}", UUID.randomUUID()).then().statusCode(404)
                .extract().path("code");
        eve.as().get("/api/v1/projects/{id}", project).then().statusCode(404).body("code", equalTo(missing));
        eve.as().body(Map.of("name", "x")).patch("/api/v1/projects/{id}", project).then().statusCode(404);
        eve.as().delete("/api/v1/projects/{id}", project).then().statusCode(404);
        eve.as().get("/api/v1/labs/{lab}/projects", lab).then().statusCode(404);
    }
}
