package org.labscale.api.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;
import org.labscale.api.common.MultipartUpload;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * The two multipart upload endpoints read their bodies with {@link MultipartUpload}: bad bodies get 4xx codes, access
 * is decided before the body is judged, and the OpenAPI document still shows the forms.
 */
@QuarkusTest
class MultipartBodyTest {

    static final String BOUNDARY = "labscale-body-test";

    @Inject
    ObjectStore store;

    static ValidatableResponse post(User user, String path, Object id, String body) {
        return given().auth().oauth2(user.token()).contentType("multipart/form-data; boundary=" + BOUNDARY)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(path, id).then();
    }

    static String part(String name, String fileName, String data) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n\r\n" + data + "\r\n";
    }

    static final String UNCLOSED = part("name", null, "x") + part("file", "a.png", "\u0089PNG not really");
    static final String IMAGES = "/api/v1/projects/{id}/images";
    static final String ANNOTATIONS = "/api/v1/images/{id}/annotations";

    @Test
    void shouldRefuseABodyWithoutItsClosingBoundary() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Body Lab");
        UUID project = Api.newProject(alice, lab, "Bodies");
        post(alice, IMAGES, project, UNCLOSED).statusCode(400).body("code", equalTo(MultipartUpload.MALFORMED));
        UUID image = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        post(alice, ANNOTATIONS, image, UNCLOSED).statusCode(400).body("code", equalTo(MultipartUpload.MALFORMED));
        given().auth().oauth2(alice.token()).contentType("multipart/form-data")
                .body("no boundary".getBytes(StandardCharsets.UTF_8))
                .post(IMAGES, project).then().statusCode(400).body("code", equalTo(MultipartUpload.MALFORMED));
        assertEquals(3, store.list("labs/" + lab + "/").size(), "only the one image's original, preview, thumbnail");
    }

    @Test
    void shouldRefuseAnOverlongFieldAndIgnoreUnknownParts() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Body Lab");
        UUID project = Api.newProject(alice, lab, "Bodies");
        String longName = "n".repeat(MultipartUpload.MAX_FIELD_BYTES + 1);
        post(alice, IMAGES, project, part("name", null, longName) + "--" + BOUNDARY + "--\r\n").statusCode(413)
                .body("code", equalTo(MultipartUpload.FIELD_TOO_LARGE)).body("details.field", equalTo("name"));
        post(alice, IMAGES, project, part("comment", null, longName) + "--" + BOUNDARY + "--\r\n").statusCode(400)
                .body("code", equalTo("upload.missing-file"));
        MatcherAssert.assertThat(store.list("labs/" + lab + "/"), empty());
    }

    @Test
    void shouldDecideAccessBeforeJudgingTheBody() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        User victor = Api.newUser("Victor");
        UUID lab = Api.newLab(alice, "Body Lab");
        Api.join(alice, lab, victor, "VIEWER");
        UUID project = Api.newProject(alice, lab, "Bodies");
        UUID image = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        for (String path : new String[] {IMAGES, ANNOTATIONS}) {
            UUID real = path.equals(IMAGES) ? project : image;
            Map<String, Object> random = post(eve, path, UUID.randomUUID(), UNCLOSED).statusCode(404).extract()
                    .jsonPath().getMap("$");
            Map<String, Object> hidden = post(eve, path, real, UNCLOSED).statusCode(404).extract().jsonPath()
                    .getMap("$");
            assertEquals(random.get("code"), hidden.get("code"));
            assertEquals(random.keySet(), hidden.keySet());
            post(victor, path, real, UNCLOSED).statusCode(403);
        }
    }

    @Test
    void shouldAnswerHttp2CleartextUpgradesWithHttp11() throws Exception {
        // Java's HttpClient asks for h2c by default; an upgraded request's body escapes backpressure (Http1ForCleartext).
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/health/live"))
                .version(HttpClient.Version.HTTP_2).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }

    @Test
    void shouldDescribeBothFormsInTheOpenApiDocument() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        assertForm(doc, "/api/v1/projects/{projectId}/images", "file", "name", "pageMode", "channelNames",
                "pixelSizeUm");
        assertForm(doc, "/api/v1/images/{imageId}/annotations", "file", "kind", "name");
    }

    private static void assertForm(JsonPath doc, String path, String... fields) {
        String content = "paths.'" + path + "'.post.requestBody.content.'multipart/form-data'";
        String ref = doc.getString(content + ".schema.$ref");
        String schema = "components.schemas." + ref.substring(ref.lastIndexOf('/') + 1);
        Map<String, Object> properties = doc.getMap(schema + ".properties");
        MatcherAssert.assertThat(properties.keySet(), hasItems(fields));
        assertEquals("binary", doc.getString(schema + ".properties.file.format"));
        MatcherAssert.assertThat(doc.getList(schema + ".required"), hasItems("file"));
    }
}
