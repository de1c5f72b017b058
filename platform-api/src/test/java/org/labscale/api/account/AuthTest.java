package org.labscale.api.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;

@QuarkusTest
class AuthTest {

    @Test
    void shouldSignInAndDescribeTheCaller() {
        User alice = Api.newUser("Alice");
        alice.as().get("/api/v1/me").then().statusCode(200)
                .body("email", equalTo(alice.email()))
                .body("platformAdmin", equalTo(false))
                .body("memberships.size()", equalTo(0));
    }

    @Test
    void shouldRefuseWrongPasswordAndUnknownEmailAlike() {
        User alice = Api.newUser("Alice");
        given().contentType(ContentType.JSON).body(Map.of("email", alice.email(), "password", "wrong-password"))
                .post("/api/v1/auth/login").then().statusCode(401).body("code", equalTo("auth.invalid-credentials"));
        given().contentType(ContentType.JSON).body(Map.of("email", "nobody@example.org", "password", "wrong-password"))
                .post("/api/v1/auth/login").then().statusCode(401).body("code", equalTo("auth.invalid-credentials"));
    }

    @Test
    void shouldRequireATokenEverywhereButThePublicEndpoints() {
        given().get("/api/v1/me").then().statusCode(401).body("code", equalTo("auth.required"));
        given().get("/api/v1/labs").then().statusCode(401);
        given().auth().oauth2("lsk_not-a-real-token").get("/api/v1/me").then().statusCode(401)
                .body("code", equalTo("auth.invalid-token"));
        given().header("Authorization", "Basic abc").get("/api/v1/me").then().statusCode(401)
                .body("code", equalTo("auth.malformed"));
        given().get("/api/v1/info").then().statusCode(200).body("name", equalTo("Labscale"));
    }

    @Test
    void shouldShowAPersonalTokenOnceAndStoreOnlyItsHash() {
        User alice = Api.newUser("Alice");
        String token = alice.as().body(Map.of("name", "pipeline", "scope", "READ_WRITE", "expiresInDays", 30))
                .post("/api/v1/me/tokens").then().statusCode(201)
                .body("token", startsWith("lsk_")).body("prefix", notNullValue()).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("email", equalTo(alice.email()));
        alice.as().get("/api/v1/me/tokens").then().statusCode(200)
                .body("items[0].name", equalTo("pipeline")).body("items[0].token", nullValue());
    }

    @Test
    void shouldLetAReadTokenOnlyRead() {
        User alice = Api.newUser("Alice");
        String token = alice.as().body(Map.of("name", "read only", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/labs").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Nope"))
                .post("/api/v1/labs").then().statusCode(403).body("code", equalTo("token.read-only"));
    }

    @Test
    void shouldLetAReadTokenRevokeItselfButNoOtherToken() {
        User alice = Api.newUser("Alice");
        Map<String, Object> read = alice.as().body(Map.of("name", "leaked", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().as(Map.class);
        Map<String, Object> other = alice.as().body(Map.of("name", "other", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().as(Map.class);
        String secret = (String) read.get("token");
        given().auth().oauth2(secret).delete("/api/v1/me/tokens/{id}", other.get("id")).then().statusCode(403)
                .body("code", equalTo("token.read-only"));
        given().auth().oauth2((String) other.get("token")).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(secret).delete("/api/v1/me/tokens/{id}", read.get("id")).then().statusCode(204);
        given().auth().oauth2(secret).get("/api/v1/me").then().statusCode(401).body("code", equalTo("auth.invalid-token"));
        String third = alice.as().body(Map.of("name", "third", "scope", "READ"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
        given().auth().oauth2(third).post("/api/v1/auth/logout").then().statusCode(204);
        given().auth().oauth2(third).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void shouldRefuseRevokedTokens() {
        User alice = Api.newUser("Alice");
        Map<String, Object> created = alice.as().body(Map.of("name", "temp", "scope", "READ_WRITE"))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().as(Map.class);
        String token = (String) created.get("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        alice.as().delete("/api/v1/me/tokens/{id}", created.get("id")).then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("auth.invalid-token"));
    }

    @Test
    void shouldRefuseExpiredTokens() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        String token = alice.as().body(Map.of("name", "one day", "scope", "READ", "expiresInDays", 1))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        clock.advance(Duration.ofHours(25));
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("auth.invalid-token"));
    }

    @Test
    void shouldRefuseTokensOutsideTheAllowedLifetime() {
        User alice = Api.newUser("Alice");
        alice.as().body(Map.of("name", "forever", "scope", "READ", "expiresInDays", 5000))
                .post("/api/v1/me/tokens").then().statusCode(400).body("code", equalTo("validation.invalid-field"))
                .body("details.field", equalTo("expiresInDays"));
    }

    @Test
    void shouldRevokeOtherTokensWhenThePasswordChanges() {
        User alice = Api.newUser("Alice");
        String other = Api.login(alice.email(), alice.password());
        alice.as().body(Map.of("currentPassword", alice.password(), "newPassword", "violet-harbour-quartz-91"))
                .post("/api/v1/me/password").then().statusCode(204);
        given().auth().oauth2(other).get("/api/v1/me").then().statusCode(401);
        alice.as().get("/api/v1/me").then().statusCode(200);
        Api.login(alice.email(), "violet-harbour-quartz-91");
    }

    @Test
    void shouldLetOnlyAdministratorsCreateAccounts() {
        User alice = Api.newUser("Alice");
        alice.as().body(Map.of("email", "x@example.org", "displayName", "X"))
                .post("/api/v1/admin/users").then().statusCode(403).body("code", equalTo("auth.forbidden"));
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", alice.email(), "displayName", "Again"))
                .post("/api/v1/admin/users").then().statusCode(409).body("code", equalTo("user.email-taken"));
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "displayName", "X"))
                .post("/api/v1/admin/users").then().statusCode(400).body("details.field", equalTo("email"));
    }

    @Test
    void shouldRefuseMalformedJsonWithTheErrorBody() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/auth/login").then().statusCode(400)
                .body("code", equalTo("request.malformed-json"));
    }
}
