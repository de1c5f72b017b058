package org.labscale.api.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** Every place a password is set refuses guessable ones with a 400 that says why, and keeps nothing. */
@QuarkusTest
class PasswordPolicyTest {

    private static final List<String> GUESSABLE = List.of("aaaaaaaaaa", "1234567890", "          ", "password123",
            "qwertyuiop", "iloveyou2024");

    @Test
    void shouldRefuseGuessablePasswordsForNewAccounts() {
        for (String weak : GUESSABLE) {
            String email = "weak-" + UUID.randomUUID() + "@example.org";
            given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "displayName", "Weak", "password", weak))
                    .post("/api/v1/admin/users").then().statusCode(400)
                    .body("code", equalTo("validation.weak-password")).body("details.field", equalTo("password"))
                    .body("message", startsWith("This password is too easy to guess: "));
            given().contentType(ContentType.JSON).body(Map.of("email", email, "password", weak))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
    }

    @Test
    void shouldRefuseTheAccountsOwnEmailOrName() {
        String email = "marie.sklodowska-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        for (String personal : List.of(email, email.toUpperCase(), email.substring(0, email.indexOf('@')) + "!")) {
            given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "displayName", "Marie", "password", personal))
                    .post("/api/v1/admin/users").then().statusCode(400)
                    .body("code", equalTo("validation.weak-password"));
        }
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "Marie", "password", "radium-polonium-ledger-83"))
                .post("/api/v1/admin/users").then().statusCode(201);
    }

    @Test
    void shouldRefuseAGuessableNewPasswordOnChange() {
        User alice = Api.newUser("Alice");
        alice.as().body(Map.of("currentPassword", alice.password(), "newPassword", "aaaaaaaaaa"))
                .post("/api/v1/me/password").then().statusCode(400).body("code", equalTo("validation.weak-password"))
                .body("details.field", equalTo("newPassword"));
        alice.as().body(Map.of("currentPassword", alice.password(), "newPassword", alice.email()))
                .post("/api/v1/me/password").then().statusCode(400).body("code", equalTo("validation.weak-password"));
        Api.login(alice.email(), alice.password());
    }

    @Test
    void shouldRefuseAGuessablePasswordWhenAcceptingAnInvitation() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Policy Lab");
        String email = "invitee-" + UUID.randomUUID() + "@example.org";
        String token = alice.as().body(Map.of("email", email, "role", "MEMBER"))
                .post("/api/v1/labs/{lab}/invitations", lab).then().statusCode(201).extract().path("token");
        given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "displayName", "In Vitee", "password", "1234567890"))
                .post("/api/v1/invitations/accept").then().statusCode(400)
                .body("code", equalTo("validation.weak-password"));
        alice.as().get("/api/v1/labs/{lab}/members", lab).then().statusCode(200).body("total", equalTo(1));
        // The invitation is still open for a good password.
        given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "displayName", "In Vitee", "password", "copper-lantern-meadow-42"))
                .post("/api/v1/invitations/accept").then().statusCode(200);
    }
}
