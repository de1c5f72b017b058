package org.labscale.api.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * What the API does not understand it refuses with a 400 naming the field or parameter: unknown JSON fields,
 * numbers sent as strings, control characters anywhere, unconvertible query parameters, pages beyond the bound; and
 * bodies above the JSON limit get 413 before they are read.
 */
@QuarkusTest
class StrictInputTest {

    @Test
    void shouldRefuseAFieldTheEndpointDoesNotRead() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Strict Lab");
        UUID project = Api.newProject(alice, lab, "First");
        UUID other = Api.newProject(alice, lab, "Second");
        UUID image = Uploads.accepted(alice, project, "cells.png", TestFiles.png(TestFiles.gray(32, 24,
                java.awt.image.DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        alice.as().body(Map.of("projectId", other.toString())).patch("/api/v1/images/{id}", image)
                .then().statusCode(400).body("code", equalTo("request.unknown-field"))
                .body("details.field", equalTo("projectId"));
        alice.as().get("/api/v1/images/{id}", image).then().statusCode(200)
                .body("projectId", equalTo(project.toString()));
        alice.as().body(Map.of("name", "Lab", "owner", "me")).post("/api/v1/labs").then().statusCode(400)
                .body("code", equalTo("request.unknown-field")).body("details.field", equalTo("owner"));
    }

    @Test
    void shouldNotCoerceStringsToNumbersOrNumbersToStrings() {
        User alice = Api.newUser("Alice");
        alice.as().body("{\"name\":\"t\",\"scope\":\"READ\",\"expiresInDays\":\"30\"}").post("/api/v1/me/tokens")
                .then().statusCode(400).body("code", equalTo("request.malformed-json"))
                .body("details.field", equalTo("expiresInDays"));
        alice.as().body("{\"name\":12345}").post("/api/v1/labs").then().statusCode(400)
                .body("details.field", equalTo("name"));
        alice.as().body("{\"name\":\"t\",\"scope\":0}").post("/api/v1/me/tokens").then().statusCode(400)
                .body("details.field", equalTo("scope"));
    }

    @Test
    void shouldRefuseControlCharactersWithTheFieldsName() {
        given().contentType(ContentType.JSON).body("{\"email\":\"a\\u0000@example.org\",\"password\":\"x\"}")
                .post("/api/v1/auth/login").then().statusCode(400).body("code", equalTo("validation.control-character"))
                .body("details.field", equalTo("email"));
        User alice = Api.newUser("Alice");
        alice.as().body("{\"name\":\"Lab\",\"description\":\"bell\\u0007\"}").post("/api/v1/labs").then()
                .statusCode(400).body("details.field", equalTo("description"));
        // Lines stay allowed in descriptions.
        alice.as().body("{\"name\":\"Lab\",\"description\":\"two\\nlines\\tand a tab\"}").post("/api/v1/labs")
                .then().statusCode(201);
        UUID lab = Api.newLab(alice, "Control Lab");
        UUID project = Api.newProject(alice, lab, "Project");
        String set = alice.as().body(Map.of("name", "Set")).post("/api/v1/labs/{lab}/training-sets", lab).then()
                .statusCode(201).extract().path("id");
        alice.as().body("{\"items\":[{\"imageId\":\"" + UUID.randomUUID() + "\",\"annotationId\":\""
                        + UUID.randomUUID() + "\",\"channelRoles\":{\"0\":\"nuclear\\u0000\"}}]}")
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(400)
                .body("code", equalTo("validation.control-character"))
                .body("details.field", equalTo("items[0].channelRoles.0"));
        alice.as().body("{\"items\":[{\"imageId\":\"" + UUID.randomUUID() + "\",\"annotationId\":\""
                        + UUID.randomUUID() + "\",\"channelRoles\":{\"0\\u0000\":\"nuclear\"}}]}")
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(400)
                .body("code", equalTo("validation.control-character"));
        alice.as().queryParam("tag", "a\u0000b").get("/api/v1/labs/{lab}/projects", lab).then().statusCode(400)
                .body("code", equalTo("validation.control-character")).body("details.field", equalTo("tag"));
        Uploads.image(alice, project, "cells\u0001.png", TestFiles.png(TestFiles.gray(8, 8,
                java.awt.image.DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)), Map.of()).statusCode(400)
                .body("code", equalTo("validation.control-character")).body("details.field", equalTo("file name"));
        alice.as().get("/api/v1/projects/{p}/images", project).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldAnswerBadQueryParametersWith400NamingThem() {
        User alice = Api.newUser("Alice");
        alice.as().queryParam("size", "abc").get("/api/v1/labs").then().statusCode(400)
                .body("code", equalTo("validation.invalid-parameter")).body("details.field", equalTo("size"))
                .body("message", containsString("'abc'"));
        alice.as().queryParam("page", "99999999999").get("/api/v1/labs").then().statusCode(400)
                .body("details.field", equalTo("page"));
        alice.as().queryParam("page", Integer.MAX_VALUE).get("/api/v1/labs").then().statusCode(400)
                .body("details.field", equalTo("page"));
        alice.as().queryParam("page", 5000).queryParam("size", 200).get("/api/v1/labs").then().statusCode(200);
        alice.as().queryParam("page", 5001).queryParam("size", 200).get("/api/v1/labs").then().statusCode(400)
                .body("details.field", equalTo("page"));
    }

    @Test
    void shouldRefuseLargeJsonBodiesBeforeReadingThem() {
        byte[] body = new byte[5 << 20];
        Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"email\":\"a@example.org\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/auth/login").then().statusCode(413)
                .body("code", equalTo("request.too-large")).body("details.maxBytes", equalTo(4194304));
        User alice = Api.newUser("Alice");
        alice.as().body(body).post("/api/v1/labs").then().statusCode(413).body("code", equalTo("request.too-large"));
    }
}
