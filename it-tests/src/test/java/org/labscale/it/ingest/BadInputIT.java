package org.labscale.it.ingest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.TestImages;
import org.labscale.it.support.TiffHeader;

/**
 * Bad files sent to the packaged API: each gets a 4xx that says what is wrong, and leaves no image row and no S3
 * object behind (the S3 server's files are inspected directly).
 */
class BadInputIT {

    private static LocalPlatform platform;
    private static Person member;
    private static UUID lab;
    private static UUID project;

    @BeforeAll
    static void lab() {
        platform = LocalPlatform.get();
        member = Lab.person(platform, "Careless");
        lab = Lab.createLab(member, "Bad input lab");
        project = Lab.createProject(member, lab, "Rejected files");
    }

    @Test
    void zeroByteFile() {
        reject("empty.tif", new byte[0], 400, "image.empty");
    }

    @Test
    void textFileIsNotAnImage() {
        reject("notes.tif", "cell counts: 42, 43, 47\n".repeat(20).getBytes(StandardCharsets.UTF_8), 415,
                "image.not-an-image");
    }

    @Test
    void truncatedTiff() {
        byte[] header = TiffHeader.build(256, 256, 16, 1, 16);
        byte[] half = new byte[(int) TiffHeader.dataBytes(256, 256, 16) / 2];
        reject("cut.tif", concat(header, half), 422, "image.truncated");
    }

    @Test
    void corruptPng() {
        byte[] png = TestImages.discsPng(128, 96, 3, 10);
        byte[] broken = Arrays.copyOf(png, png.length);
        for (int i = 60; i < broken.length - 20; i += 7) {
            broken[i] ^= 0x5A;
        }
        reject("broken.png", broken, 422, null);
    }

    @Test
    void headerClaimingTenGigapixels() {
        byte[] header = TiffHeader.build(100_000, 100_000, 8, 1, 100_000);
        reject("huge.tif", concat(header, new byte[4096]), 422, "image.too-large");
    }

    @Test
    void unsupportedCompression() {
        byte[] header = TiffHeader.build(64, 64, 8, 7, 64);
        reject("jpeg.tif", concat(header, new byte[64 * 64]), 422, "image.unsupported-compression");
    }

    @Test
    void unsupportedBitDepth() {
        byte[] header = TiffHeader.build(64, 64, 12, 1, 64);
        reject("packed12.tif", concat(header, new byte[64 * 64 * 12 / 8]), 422, "image.unsupported-bit-depth");
    }

    @Test
    void unsupportedSampleFormat() {
        byte[] header = TiffHeader.build(64, 64, 32, 1, 64);
        reject("int32.tif", concat(header, new byte[64 * 64 * 4]), 422, "image.unsupported-sample-format");
    }

    @Test
    void uploadOverTheConfiguredLimit() {
        long limit = Long.parseLong(System.getProperty("labscale.it.api-env.LABSCALE_UPLOAD_MAX_BYTES", "33554432"));
        byte[] big = new byte[(int) limit + 1024];
        reject("big.tif", big, 413, "upload.too-large");
    }

    @Test
    void maskOfAnotherSize() {
        UUID lab = Lab.createLab(member, "Mask lab");
        UUID project = Lab.createProject(member, lab, "Masks");
        String image = member.raw().multiPart("file", "cells.png", TestImages.discsPng(96, 64, 3, 8), "image/png")
                .post("/api/v1/projects/{p}/images", project).then().statusCode(201).extract().path("id");
        List<String> before = platform.objects("labs/" + lab + "/");
        member.raw().multiPart("file", "mask.png", TestImages.discsMaskPng(64, 64, 3, 8), "image/png")
                .multiPart("kind", "BINARY_MASK")
                .post("/api/v1/images/{i}/annotations", image).then().statusCode(422)
                .body("code", equalTo("mask.size-mismatch"))
                .body("message", containsString("64")).body("message", containsString("96"));
        member.as().get("/api/v1/images/{i}/annotations", image).then().statusCode(200).body("size()", equalTo(0));
        assertEquals(before, platform.objects("labs/" + lab + "/"), "a refused mask left objects behind");
    }

    @Test
    void badFileThroughAPresignedUploadLeavesNothing() throws Exception {
        Map<String, Object> ticket = member.as().body(Map.of("fileName", "cut.tif"))
                .post("/api/v1/projects/{p}/uploads", project).then().statusCode(201).extract().as(Map.class);
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create((String) ticket.get("url")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        concat(TiffHeader.build(128, 128, 8, 1, 8), new byte[100]))).build();
        assertEquals(200, java.net.http.HttpClient.newHttpClient()
                .send(put, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        member.as().body(Map.of()).post("/api/v1/uploads/{u}/complete", ticket.get("uploadId")).then()
                .statusCode(422).body("code", equalTo("image.truncated"));
        assertNothingStored();
    }

    private static void reject(String name, byte[] content, int status, String code) {
        var response = member.raw().multiPart("file", name, content, "application/octet-stream")
                .post("/api/v1/projects/{p}/images", project).then().statusCode(status);
        if (code != null) {
            response.body("code", equalTo(code));
        }
        response.body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        assertNothingStored();
    }

    private static void assertNothingStored() {
        member.as().get("/api/v1/projects/{p}/images", project).then().statusCode(200).body("total", equalTo(0));
        assertEquals(List.of(), platform.objects("labs/" + lab + "/"), "a refused upload left objects in S3");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
