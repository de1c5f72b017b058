package org.labscale.api.image;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** The upload size limit, with a limit of 100,000 bytes so that tests stay small. */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallUploads.class)
class UploadLimitTest {

    static final int LIMIT = 100_000;

    public static class SmallUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labscale.upload.max-bytes", Integer.toString(LIMIT));
        }
    }

    @Inject
    ObjectStore store;

    /** An uncompressed 8-bit TIFF of about {@code side * side} bytes. */
    static byte[] tiff(int side) {
        return TestFiles.tiff(null, TestFiles.gray(side, side, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
    }

    @Test
    void shouldRefuseAFileJustOverTheLimit() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Limits Lab");
        UUID project = Api.newProject(alice, lab, "Big files");
        byte[] ok = tiff(300);
        byte[] big = tiff(330);
        Uploads.image(alice, project, "ok.tif", ok, Map.of()).statusCode(201);
        Uploads.image(alice, project, "big.tif", big, Map.of()).statusCode(413)
                .body("code", equalTo("upload.too-large")).body("details.sizeBytes", equalTo(big.length))
                .body("details.maxBytes", equalTo(LIMIT));
        alice.as().get("/api/v1/projects/{p}/images", project).then().body("total", equalTo(1));
        assertEquals(3, store.list("labs/" + lab + "/").size());
    }

    @Test
    void shouldRefuseAHugeRequestFromItsContentLength() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Limits Lab");
        UUID project = Api.newProject(alice, lab, "Big files");
        byte[] huge = tiff(1300); // 1.7 MB: beyond the limit plus the allowance for form fields
        // RestAssured streams multipart bodies chunked; browsers and curl send a Content-Length, as here.
        HttpResponse<String> response = multipart("/api/v1/projects/" + project + "/images", alice, huge);
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"upload.too-large\""), response.body());
        assertTrue(response.body().contains("\"sizeBytes\":" + (huge.length + MULTIPART_OVERHEAD)), response.body());
        assertEquals(413, multipart("/api/v1/images/" + UUID.randomUUID() + "/annotations", alice, huge).statusCode());
        MatcherAssert.assertThat(store.list("labs/" + lab + "/"), empty());
    }

    static final String BOUNDARY = "labscale-test-boundary";
    static final int MULTIPART_OVERHEAD = multipartBody(new byte[0]).length;

    static byte[] multipartBody(byte[] file) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.tif\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head);
        body.writeBytes(file);
        body.writeBytes(tail);
        return body.toByteArray();
    }

    static HttpResponse<String> multipart(String path, User user, byte[] file) throws Exception {
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(file))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseOversizePresignedUploads() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Limits Lab");
        UUID project = Api.newProject(alice, lab, "Big files");
        alice.as().body(Map.of("fileName", "big.tif", "sizeBytes", LIMIT + 1))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(413)
                .body("code", equalTo("upload.too-large"));
        byte[] big = tiff(330);
        var ticket = alice.as().body(Map.of("fileName", "big.tif")).post("/api/v1/projects/{id}/uploads", project)
                .then().statusCode(201).extract();
        assertEquals(200, ImageTest.put(ticket.path("url"), big));
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) ticket.path("uploadId")).then()
                .statusCode(413).body("details.sizeBytes", equalTo(big.length));
        MatcherAssert.assertThat(store.list("labs/" + lab + "/"), empty());
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) ticket.path("uploadId")).then()
                .statusCode(404);
    }
}
