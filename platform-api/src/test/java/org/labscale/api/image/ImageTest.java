package org.labscale.api.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.persistence.UploadEntity;
import org.labscale.api.image.service.UploadService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.imaging.preview.PreviewSpec;

@QuarkusTest
class ImageTest {

    @Inject
    ObjectStore store;

    @Inject
    UploadService uploadService;

    record Case(String label, String fileName, byte[] bytes, Map<String, String> fields, String format, int width,
                int height, int channels, int frames, int bits, String sampleType, String compression) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> acceptedFiles() {
        BufferedImage u8 = TestFiles.gray(40, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT);
        BufferedImage u16 = TestFiles.gray(40, 30, DataBuffer.TYPE_USHORT, (x, y) -> TestFiles.GRADIENT.at(x, y) * 300);
        BufferedImage f32 = TestFiles.gray(40, 30, DataBuffer.TYPE_FLOAT, (x, y) -> TestFiles.GRADIENT.at(x, y) / 7.0);
        BufferedImage[] pages = TestFiles.pages(3, 40, 30, DataBuffer.TYPE_USHORT).toArray(BufferedImage[]::new);
        return Stream.of(
                new Case("TIFF 8-bit", "a.tif", TestFiles.tiff(null, u8), Map.of(), "TIFF", 40, 30, 1, 1, 8, "UINT8", "none"),
                new Case("TIFF 16-bit LZW", "b.tif", TestFiles.tiff("LZW", u16), Map.of(), "TIFF", 40, 30, 1, 1, 16, "UINT16", "LZW"),
                new Case("TIFF 32-bit float Deflate", "c.tif", TestFiles.tiff("Deflate", f32), Map.of(), "TIFF", 40, 30, 1, 1, 32, "FLOAT32", "Deflate"),
                new Case("TIFF 3 pages as channels", "d.tif", TestFiles.tiff("LZW", pages),
                        Map.of("pageMode", "CHANNELS", "channelNames", "phase, nuclear,membrane"), "TIFF", 40, 30, 3, 1, 16, "UINT16", "LZW"),
                new Case("TIFF 3 pages as frames", "e.tif", TestFiles.tiff("LZW", pages),
                        Map.of("pageMode", "FRAMES", "channelNames", "phase"), "TIFF", 40, 30, 1, 3, 16, "UINT16", "LZW"),
                new Case("PNG 8-bit", "f.png", TestFiles.png(u8), Map.of(), "PNG", 40, 30, 1, 1, 8, "UINT8", "Deflate"),
                new Case("PNG 16-bit", "g.png", TestFiles.png(u16), Map.of("pixelSizeUm", "0.65"), "PNG", 40, 30, 1, 1, 16, "UINT16", "Deflate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFiles")
    void shouldStoreAcceptedFilesWithTheirMetadataPreviewsAndOriginalBytes(Case c) {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        var body = Uploads.image(alice, project, c.fileName(), c.bytes(), c.fields()).statusCode(201)
                .header("ETag", "\"0\"")
                .body("name", equalTo(c.fileName())).body("format", equalTo(c.format()))
                .body("width", equalTo(c.width())).body("height", equalTo(c.height()))
                .body("channels", equalTo(c.channels())).body("frames", equalTo(c.frames()))
                .body("bitsPerSample", equalTo(c.bits())).body("sampleType", equalTo(c.sampleType()))
                .body("sizeBytes", equalTo(c.bytes().length)).body("sha256", equalTo(sha256(c.bytes())))
                .extract();
        if (c.compression() != null && c.format().equals("TIFF")) {
            assertTrue(body.<String>path("compression").contains(c.compression()),
                    "compression " + body.path("compression"));
        }
        String id = body.path("id");

        byte[] original = given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/original", id).then()
                .statusCode(200).contentType(c.format().equals("TIFF") ? "image/tiff" : "image/png")
                .header("Content-Disposition", containsString("attachment; filename=\"" + c.fileName() + "\""))
                .extract().asByteArray();
        assertArrayEquals(c.bytes(), original);

        for (String which : List.of("preview", "thumbnail")) {
            byte[] png = given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/" + which, id).then()
                    .statusCode(200).contentType("image/png").extract().asByteArray();
            PreviewSpec spec = which.equals("preview") ? PreviewSpec.PREVIEW : PreviewSpec.THUMBNAIL;
            int factor = spec.reductionFactor(c.width(), c.height());
            assertArrayEquals(new int[]{(c.width() + factor - 1) / factor, (c.height() + factor - 1) / factor},
                    TestFiles.pngSize(png), which + " size");
        }
        alice.as().get("/api/v1/projects/{p}/images", project).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(id));
    }

    @Test
    void shouldShrinkLargeImagesForPreviewAndThumbnail() {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Imaging Lab"), "Big");
        byte[] tiff = TestFiles.tiff("LZW", TestFiles.gray(1500, 600, DataBuffer.TYPE_USHORT, TestFiles.GRADIENT));
        UUID id = Uploads.accepted(alice, project, "big.tif", tiff);
        byte[] preview = given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/preview", id).then()
                .statusCode(200).extract().asByteArray();
        byte[] thumbnail = given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/thumbnail", id).then()
                .statusCode(200).extract().asByteArray();
        assertArrayEquals(new int[]{750, 300}, TestFiles.pngSize(preview));
        assertArrayEquals(new int[]{250, 100}, TestFiles.pngSize(thumbnail));
    }

    static Stream<Arguments> rejectedFiles() {
        byte[] u16 = TestFiles.tiff(null, TestFiles.gray(64, 64, DataBuffer.TYPE_USHORT, TestFiles.GRADIENT));
        byte[] png = TestFiles.png(TestFiles.gray(64, 64, DataBuffer.TYPE_BYTE, (x, y) -> (x * 31 + y * 17) % 256));
        BufferedImage u8 = TestFiles.gray(16, 16, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT);
        return Stream.of(
                Arguments.of("zero bytes", new byte[0], Map.of(), 400, "image.empty"),
                Arguments.of("text", TestFiles.text("cell_id,area\n1,300\n"), Map.of(), 415, "image.not-an-image"),
                Arguments.of("truncated TIFF", java.util.Arrays.copyOf(u16, u16.length / 2), Map.of(), 422, "image.truncated"),
                Arguments.of("corrupt PNG", TestFiles.corruptPng(png), Map.of(), 422, "image.corrupt"),
                Arguments.of("100,000 x 100,000 header", TestFiles.tiffHeader(100_000, 100_000), Map.of(), 422, "image.too-large"),
                Arguments.of("1-bit TIFF", TestFiles.oneBitTiff(), Map.of(), 422, "image.unsupported-bit-depth"),
                Arguments.of("PackBits TIFF", TestFiles.tiff("PackBits", u8), Map.of(), 422, "image.unsupported-compression"),
                Arguments.of("bad pageMode", TestFiles.tiff(null, u8), Map.of("pageMode", "SLICES"), 400, "validation.invalid-field"),
                Arguments.of("too many channel names", TestFiles.tiff(null, u8), Map.of("channelNames", "phase,nuclear"), 400, "validation.invalid-field"),
                Arguments.of("empty channel name", TestFiles.tiff(null, u8), Map.of("channelNames", "phase,"), 400, "validation.invalid-field"),
                Arguments.of("negative pixel size", TestFiles.tiff(null, u8), Map.of("pixelSizeUm", "-0.5"), 400, "validation.invalid-field"),
                Arguments.of("non-numeric pixel size", TestFiles.tiff(null, u8), Map.of("pixelSizeUm", "small"), 400, "validation.invalid-field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedFiles")
    void shouldRejectBadUploadsAndLeaveNothingBehind(String label, byte[] bytes, Map<String, String> fields, int status,
                                                     String code) {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        Uploads.image(alice, project, "bad.tif", bytes, fields).statusCode(status).body("code", equalTo(code))
                .body("message", Matchers.not(Matchers.emptyOrNullString()));
        assertNothingStored(alice, lab, project);
    }

    @Test
    void shouldRequireTheFilePart() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        given().auth().oauth2(alice.token()).multiPart("name", "no file").post("/api/v1/projects/{id}/images", project)
                .then().statusCode(400).body("code", equalTo("upload.missing-file"));
        assertNothingStored(alice, lab, project);
    }

    @Test
    void shouldCompleteAPresignedUploadLikeAMultipartOne() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        byte[] tiff = TestFiles.tiff("Deflate", TestFiles.pages(2, 32, 24, DataBuffer.TYPE_BYTE).toArray(BufferedImage[]::new));
        var ticket = alice.as().body(Map.of("fileName", "two.tif", "sizeBytes", tiff.length))
                .post("/api/v1/projects/{id}/uploads", project).then().statusCode(201)
                .body("method", equalTo("PUT")).extract();
        String uploadId = ticket.path("uploadId");
        assertEquals(200, put(ticket.path("url"), tiff));
        assertEquals(List.of("labs/" + lab + "/staging/" + uploadId), store.list("labs/" + lab + "/"));

        String id = alice.as().body(Map.of("name", "two pages", "pageMode", "CHANNELS",
                        "channelNames", List.of("phase", "dapi"), "pixelSizeUm", 0.33))
                .post("/api/v1/uploads/{id}/complete", uploadId).then().statusCode(201)
                .body("name", equalTo("two pages")).body("channels", equalTo(2)).body("frames", equalTo(1))
                .body("channelNames", contains("phase", "dapi")).body("pixelSizeUm", equalTo(0.33f))
                .body("sha256", equalTo(sha256(tiff))).extract().path("id");
        assertArrayEquals(tiff, given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/original", id).then()
                .statusCode(200).extract().asByteArray());
        assertFalse(store.exists("labs/" + lab + "/staging/" + uploadId), "staged object deleted");
        assertTrue(store.exists("labs/" + lab + "/blobs/sha256/" + sha256(tiff)));
        alice.as().post("/api/v1/uploads/{id}/complete", uploadId).then().statusCode(404);
    }

    @Test
    void shouldRejectABadPresignedUploadAndRemoveTheStagedObject() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        byte[] bytes = TestFiles.text("not an image at all");
        var ticket = alice.as().body(Map.of("fileName", "notes.txt")).post("/api/v1/projects/{id}/uploads", project)
                .then().statusCode(201).extract();
        String uploadId = ticket.path("uploadId");
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", uploadId).then().statusCode(409)
                .body("code", equalTo("upload.not-uploaded"));
        assertEquals(200, put(ticket.path("url"), bytes));
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", uploadId).then().statusCode(415)
                .body("code", equalTo("image.not-an-image"));
        assertNothingStored(alice, lab, project);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> UploadEntity.count("labId", lab)));
    }

    @Test
    void shouldPurgeExpiredUploadsWithTheirStagedObjects() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        var ticket = alice.as().body(Map.of("fileName", "late.png")).post("/api/v1/projects/{id}/uploads", project)
                .then().statusCode(201).extract();
        assertEquals(200, put(ticket.path("url"), TestFiles.png(TestFiles.gray(8, 8, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))));
        java.time.Instant expiry = java.time.Instant.parse(ticket.path("expiresAt"));

        uploadService.purgeExpired(expiry.plus(UploadService.PURGE_GRACE).minusSeconds(1));
        assertEquals(1, store.list("labs/" + lab + "/staging/").size(), "kept within the grace period");
        uploadService.purgeExpired(expiry.plus(UploadService.PURGE_GRACE).plusSeconds(1));
        assertThat(store.list("labs/" + lab + "/"));
        alice.as().body(Map.of()).post("/api/v1/uploads/{id}/complete", (String) ticket.path("uploadId")).then()
                .statusCode(404);
    }

    @Test
    void shouldDeduplicateOriginalsWithinALabButNeverAcrossLabs() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID other = Api.newLab(alice, "Other Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        UUID otherProject = Api.newProject(alice, other, "Uploads");
        byte[] tiff = TestFiles.tiff("LZW", TestFiles.gray(20, 20, DataBuffer.TYPE_USHORT, TestFiles.GRADIENT));
        String blob = "blobs/sha256/" + sha256(tiff);
        UUID first = Uploads.accepted(alice, project, "a.tif", tiff);
        UUID second = Uploads.accepted(alice, project, "b.tif", tiff);
        UUID third = Uploads.accepted(alice, otherProject, "c.tif", tiff);
        assertEquals(1, store.list("labs/" + lab + "/blobs/").size());
        assertTrue(store.exists("labs/" + other + "/" + blob));

        alice.as().delete("/api/v1/images/{id}", first).then().statusCode(204);
        assertTrue(store.exists("labs/" + lab + "/" + blob), "still used by the second image");
        assertFalse(store.exists("labs/" + lab + "/previews/" + first + ".png"));
        assertFalse(store.exists("labs/" + lab + "/thumbs/" + first + ".png"));
        alice.as().header("If-Match", "\"7\"").delete("/api/v1/images/{id}", second).then().statusCode(412);
        alice.as().header("If-Match", "\"0\"").delete("/api/v1/images/{id}", second).then().statusCode(204);
        assertEquals(List.of(), store.list("labs/" + lab + "/"));
        assertTrue(store.exists("labs/" + other + "/" + blob), "the other lab's copy is untouched");
        alice.as().get("/api/v1/images/{id}", third).then().statusCode(200);
        alice.as().get("/api/v1/images/{id}", second).then().statusCode(404);
    }

    @Test
    void shouldDescribeAnImageWithIfMatch() {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Imaging Lab"), "Uploads");
        UUID id = Uploads.accepted(alice, project, "x.tif",
                TestFiles.tiff(null, TestFiles.pages(2, 10, 10, DataBuffer.TYPE_BYTE).toArray(BufferedImage[]::new)));
        alice.as().header("If-Match", "\"0\"").body(Map.of("name", "HeLa t0", "channelNames", List.of("phase", "h2b"),
                        "pixelSizeUm", 0.5))
                .patch("/api/v1/images/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("HeLa t0")).body("channelNames", contains("phase", "h2b"))
                .body("pixelSizeUm", equalTo(0.5f));
        alice.as().header("If-Match", "\"0\"").body(Map.of("name", "stale")).patch("/api/v1/images/{id}", id).then()
                .statusCode(412);
        alice.as().body(Map.of("channelNames", List.of("one"))).patch("/api/v1/images/{id}", id).then()
                .statusCode(400).body("details.field", equalTo("channelNames"));
        alice.as().body(Map.of("pixelSizeUm", 0)).patch("/api/v1/images/{id}", id).then().statusCode(400)
                .body("details.field", equalTo("pixelSizeUm"));
        alice.as().body(Map.of("pixelSizeUm", "small")).patch("/api/v1/images/{id}", id).then().statusCode(400)
                .body("details.field", equalTo("pixelSizeUm"));
        alice.as().get("/api/v1/images/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("HeLa t0")).body("pixelSizeUm", equalTo(0.5f));
        // a pixel size typed by mistake can be forgotten again: unknown, as uploaded
        alice.as().header("If-Match", "\"0\"").delete("/api/v1/images/{id}/pixel-size", id).then().statusCode(412);
        alice.as().header("If-Match", "\"1\"").delete("/api/v1/images/{id}/pixel-size", id).then().statusCode(200)
                .header("ETag", "\"2\"").body("pixelSizeUm", nullValue()).body("name", equalTo("HeLa t0"));
        alice.as().delete("/api/v1/images/{id}/pixel-size", id).then().statusCode(200).header("ETag", "\"2\"");
        alice.as().get("/api/v1/images/{id}", id).then().body("pixelSizeUm", nullValue());
    }

    @Test
    void shouldRedirectToAPresignedDownload() throws Exception {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Imaging Lab"), "Uploads");
        byte[] png = TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        UUID id = Uploads.accepted(alice, project, "cells", png);
        String location = given().auth().oauth2(alice.token()).redirects().follow(false)
                .get("/api/v1/images/{id}/original?redirect=true", id).then().statusCode(307).extract()
                .header("Location");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(png, response.body());
        given().auth().oauth2(alice.token()).get("/api/v1/images/{id}/original", id).then()
                .header("Content-Disposition", startsWith("attachment; filename=\"cells.png\""));
    }

    @Test
    void shouldHideImagesFromStrangersAndKeepViewersFromWriting() {
        User alice = Api.newUser("Alice");
        User eve = Api.newUser("Eve");
        User victor = Api.newUser("Victor");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        Api.join(alice, lab, victor, "VIEWER");
        UUID project = Api.newProject(alice, lab, "Uploads");
        byte[] png = TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        UUID id = Uploads.accepted(alice, project, "cells.png", png);
        var missing = eve.as().get("/api/v1/images/{id}", UUID.randomUUID()).then().statusCode(404).extract().path("code");
        eve.as().get("/api/v1/images/{id}", id).then().statusCode(404).body("code", equalTo(missing));
        eve.as().get("/api/v1/images/{id}/original", id).then().statusCode(404);
        Uploads.image(eve, project, "x.png", png, Map.of()).statusCode(404);
        victor.as().get("/api/v1/images/{id}/thumbnail", id).then().statusCode(200);
        Uploads.image(victor, project, "x.png", png, Map.of()).statusCode(403);
        victor.as().delete("/api/v1/images/{id}", id).then().statusCode(403);
        victor.as().delete("/api/v1/images/{id}/pixel-size", id).then().statusCode(403);
        eve.as().delete("/api/v1/images/{id}/pixel-size", id).then().statusCode(404).body("code", equalTo(missing));
    }

    @Test
    void shouldRemoveAProjectsObjectsWhenItIsDeleted() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID doomed = Api.newProject(alice, lab, "Doomed");
        UUID kept = Api.newProject(alice, lab, "Kept");
        byte[] shared = TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        byte[] own = TestFiles.png(TestFiles.gray(14, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        Uploads.accepted(alice, doomed, "shared.png", shared);
        Uploads.accepted(alice, doomed, "own.png", own);
        UUID keptImage = Uploads.accepted(alice, kept, "shared.png", shared);
        Uploads.annotation(alice, keptImage, TestFiles.mask8(new int[12][12]), Map.of("kind", "CLASS_MAP"));
        alice.as().body(Map.of("fileName", "pending.tif")).post("/api/v1/projects/{id}/uploads", doomed).then()
                .statusCode(201);
        alice.as().delete("/api/v1/projects/{id}", doomed).then().statusCode(204);
        List<String> expected = List.of("labs/" + lab + "/blobs/sha256/" + sha256(shared),
                "labs/" + lab + "/previews/" + keptImage + ".png", "labs/" + lab + "/thumbs/" + keptImage + ".png");
        awaitObjects("labs/" + lab + "/", expected);
    }

    @Test
    void shouldRemoveEverythingOfADeletedLab() throws Exception {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Imaging Lab");
        UUID project = Api.newProject(alice, lab, "Uploads");
        Uploads.accepted(alice, project, "a.png", TestFiles.png(TestFiles.gray(12, 12, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        assertEquals(3, store.list("labs/" + lab + "/").size());
        alice.as().delete("/api/v1/labs/{id}", lab).then().statusCode(204);
        awaitObjects("labs/" + lab + "/", List.of());
    }

    private void awaitObjects(String prefix, List<String> expected) throws InterruptedException {
        List<String> actual = store.list(prefix);
        for (int i = 0; i < 100 && !actual.stream().sorted().toList().equals(expected.stream().sorted().toList()); i++) {
            Thread.sleep(100);
            actual = store.list(prefix);
        }
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList());
    }

    private void assertNothingStored(User user, UUID lab, UUID project) {
        user.as().get("/api/v1/projects/{p}/images", project).then().statusCode(200).body("total", equalTo(0));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ImageEntity.count("labId", lab)));
        assertThat(store.list("labs/" + lab + "/"));
    }

    private static void assertThat(List<String> objects) {
        org.hamcrest.MatcherAssert.assertThat("objects left behind", objects, empty());
    }

    static int put(String url, byte[] bytes) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
