package org.labscale.api.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** A lab's members read its job quota; other labs get the 404 of a missing lab. */
@QuarkusTest
class LabJobQuotaTest {

    @Test
    void shouldShowTheLabsQuotaToItsMembersOnly() {
        User alice = Api.newUser("Alice");
        User victor = Api.newUser("Victor");
        User eve = Api.newUser("Eve");
        UUID lab = Api.newLab(alice, "Quota Lab");
        Api.join(alice, lab, victor, "VIEWER");
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("maxRunning", 3))
                .put("/api/v1/admin/labs/{lab}/job-quota", lab).then().statusCode(200);
        for (User member : new User[] {alice, victor}) {
            member.as().get("/api/v1/labs/{lab}/job-quota", lab).then().statusCode(200)
                    .body("labId", equalTo(lab.toString())).body("maxRunning", equalTo(3)).body("running", equalTo(0));
        }
        String missing = eve.as().get("/api/v1/labs/{lab}/job-quota", UUID.randomUUID()).then().statusCode(404)
                .extract().path("code");
        eve.as().get("/api/v1/labs/{lab}/job-quota", lab).then().statusCode(404).body("code", equalTo(missing));
        victor.as().body(Map.of("maxRunning", 100)).put("/api/v1/admin/labs/{lab}/job-quota", lab).then()
                .statusCode(403);
    }
}
