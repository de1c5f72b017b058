package org.labscale.api.image;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.service.UploadService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * What a presigned upload URL can still do (issue 16.7): it accepts only a body of the declared size (its
 * Content-Length is signed, so S3 itself refuses any other), completion checks the size again, and what the URL writes
 * after its upload ended is deleted by the staging sweep.
 */
@QuarkusTest
class PresignedUploadBoundsTest {

    @Inject
    ObjectStore store;

    @Inject
    UploadService uploads;

    private static byte[] tiff() {
        return TestFiles.tiff(null, TestFiles.gray(40, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
    }

    @Test
    void shouldRefuseAPutOfAnotherSizeThanDeclared() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Upload Lab");
        UUID project = Api.newProject(alice, lab, "Bounded");
        byte[] tiff = tiff();
        var ticket = alice.as().body(Map.of("fileName", "small.tif", "sizeBytes", tiff.length))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(201).extract();
        String url = ticket.path("url");
        assertTrue(url.contains("X-Amz-SignedHeaders=content-length%3Bhost"), url);
        // The ticket lives 15 minutes (labscale.upload.presign-ttl), not 30.
        Duration ttl = Duration.between(Instant.now(), Instant.parse(ticket.path("expiresAt")));
        assertTrue(ttl.compareTo(Duration.ofMinutes(14)) > 0 && ttl.compareTo(Duration.ofMinutes(15)) <= 0,
                ttl.toString());

        byte[] bigger = Arrays.copyOf(tiff, tiff.length * 100);
        assertEquals(403, ImageTest.put(url, bigger));
        assertEquals(403, ImageTest.put(url, Arrays.copyOf(tiff, tiff.length - 1)));
        assertFalse(store.exists("labs/" + lab + "/staging/" + ticket.path("uploadId")));
        assertEquals(200, ImageTest.put(url, tiff));
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) ticket.path("uploadId")).then()
                .statusCode(201);
    }

    @Test
    void shouldRefuseAtCompletionAStagedFileOfAnotherSizeAndRemoveIt() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Upload Lab");
        UUID project = Api.newProject(alice, lab, "Bounded");
        byte[] tiff = tiff();
        var ticket = alice.as().body(Map.of("fileName", "small.tif", "sizeBytes", tiff.length - 10))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(201).extract();
        String uploadId = ticket.path("uploadId");
        // an S3 server that ignored the signed length would have stored it
        store.putBytes("labs/" + lab + "/staging/" + uploadId, tiff, "application/octet-stream");
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", uploadId).then().statusCode(400)
                .body("code", equalTo("upload.size-mismatch"))
                .body("details.sizeBytes", equalTo(tiff.length))
                .body("details.declaredSizeBytes", equalTo(tiff.length - 10));
        assertEquals(0, store.list("labs/" + lab + "/").size());
        alice.as().get("/api/v1/projects/{id}/images", project).then().body("total", equalTo(0));
    }

    @Test
    void shouldDeleteWhatAUrlWritesAfterItsUploadWasCompleted() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Upload Lab");
        UUID project = Api.newProject(alice, lab, "Bounded");
        byte[] tiff = tiff();
        var done = alice.as().body(Map.of("fileName", "done.tif", "sizeBytes", tiff.length))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(201).extract();
        assertEquals(200, ImageTest.put(done.path("url"), tiff));
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) done.path("uploadId")).then()
                .statusCode(201);
        String doneKey = "labs/" + lab + "/staging/" + done.path("uploadId");
        assertFalse(store.exists(doneKey), "completion deletes the staged object");
        assertEquals(200, ImageTest.put(done.path("url"), tiff)); // S3 cannot revoke a presigned URL
        assertTrue(store.exists(doneKey));

        var pending = alice.as().body(Map.of("fileName", "pending.tif", "sizeBytes", tiff.length))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(201).extract();
        assertEquals(200, ImageTest.put(pending.path("url"), tiff));
        String pendingKey = "labs/" + lab + "/staging/" + pending.path("uploadId");

        assertEquals(0, uploads.sweepStaging(Instant.now()), "objects younger than the grace are left");
        assertTrue(store.exists(doneKey));
        assertTrue(uploads.sweepStaging(Instant.now().plus(UploadService.PURGE_GRACE).plusSeconds(60)) >= 1);
        assertFalse(store.exists(doneKey), "no upload owns it any more");
        assertTrue(store.exists(pendingKey), "its upload is still pending");
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) pending.path("uploadId")).then()
                .statusCode(201);
    }
}
