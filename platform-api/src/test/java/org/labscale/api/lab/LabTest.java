package org.labscale.api.lab;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

@QuarkusTest
class LabTest {

    @Test
    void shouldMakeTheCreatorOwner() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        alice.as().get("/api/v1/labs/{id}", lab).then().statusCode(200).body("role", equalTo("OWNER"))
                .header("ETag", equalTo("\"0\""));
        alice.as().get("/api/v1/me").then().body("memberships[0].labId", equalTo(lab.toString()));
    }

    @Test
    void shouldJoinThroughAnInvitationOnceOnly() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID lab = Api.newLab(alice, "Covert Lab");
        String token = alice.as().body(Map.of("email", bob.email(), "role", "VIEWER"))
                .post("/api/v1/labs/{lab}/invitations", lab).then().statusCode(201).extract().path("token");
        bob.as().body(Map.of("token", token)).post("/api/v1/invitations/accept").then().statusCode(200)
                .body("role", equalTo("VIEWER"));
        bob.as().body(Map.of("token", token)).post("/api/v1/invitations/accept").then().statusCode(404)
                .body("code", equalTo("invitation.invalid"));
        alice.as().get("/api/v1/labs/{lab}/members", lab).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void shouldCreateAnAccountWhenAcceptingWithoutOne() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        String email = "newcomer-" + UUID.randomUUID() + "@example.org";
        String token = alice.as().body(Map.of("email", email, "role", "MEMBER"))
                .post("/api/v1/labs/{lab}/invitations", lab).then().statusCode(201).extract().path("token");
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("token", token, "displayName", "New Comer", "password", "amber-kettle-orbit-57"))
                .post("/api/v1/invitations/accept").then().statusCode(200).body("role", equalTo("MEMBER"));
        Api.login(email, "amber-kettle-orbit-57");
    }

    @Test
    void shouldLetOnlyOwnersManageMembers() {
        User alice = Api.newUser("Alice");
        User bob = Api.newUser("Bob");
        UUID lab = Api.newLab(alice, "Covert Lab");
        Api.join(alice, lab, bob, "MEMBER");
        bob.as().body(Map.of("email", "x@example.org")).post("/api/v1/labs/{lab}/invitations", lab)
                .then().statusCode(403).body("code", equalTo("auth.forbidden"));
        bob.as().body(Map.of("role", "OWNER")).put("/api/v1/labs/{lab}/members/{u}", lab, bob.id())
                .then().statusCode(403);
        alice.as().body(Map.of("role", "VIEWER")).put("/api/v1/labs/{lab}/members/{u}", lab, bob.id())
                .then().statusCode(200).body("role", equalTo("VIEWER"));
    }

    @Test
    void shouldKeepTheLastOwner() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        alice.as().body(Map.of("role", "MEMBER")).put("/api/v1/labs/{lab}/members/{u}", lab, alice.id())
                .then().statusCode(409).body("code", equalTo("lab.last-owner"));
        alice.as().delete("/api/v1/labs/{lab}/members/{u}", lab, alice.id()).then().statusCode(409);
    }

    @Test
    void shouldHideLabsFromStrangers() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        UUID lab = Api.newLab(alice, "Covert Lab");
        eve.as().get("/api/v1/labs/{id}", lab).then().statusCode(404).body("code", equalTo("not-found"));
        eve.as().get("/api/v1/labs/{id}", UUID.randomUUID()).then().statusCode(404).body("code", equalTo("not-found"));
        eve.as().get("/api/v1/labs").then().statusCode(200).body("items.id", not(hasItem(lab.toString())));
    }

    @Test
    void shouldRefuseAStaleRename() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Covert Lab");
        alice.as().header("If-Match", "\"0\"").body(Map.of("name", "Renamed")).patch("/api/v1/labs/{id}", lab)
                .then().statusCode(200).body("name", equalTo("Renamed")).header("ETag", equalTo("\"1\""));
        alice.as().header("If-Match", "\"0\"").body(Map.of("name", "Again")).patch("/api/v1/labs/{id}", lab)
                .then().statusCode(412).body("code", equalTo("precondition.failed"));
    }

    @Test
    void shouldRefuseAnInvalidSlug() {
        User alice = Api.newUser("Alice");
        alice.as().body(Map.of("name", "Lab", "slug", "Not A Slug!")).post("/api/v1/labs")
                .then().statusCode(400).body("details.field", equalTo("slug"));
        alice.as().body(Map.of("description", "no name")).post("/api/v1/labs")
                .then().statusCode(400).body("details.field", equalTo("name"));
    }
}
