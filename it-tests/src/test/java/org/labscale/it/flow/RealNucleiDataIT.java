package org.labscale.it.flow;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;

/**
 * A lab's first day on real microscopy: the NIH-3T3 nuclei (8-bit PNG, binary masks) and the GOWT1 time-lapse
 * (LZW TIFF, 16-bit instance masks) from {@code ../shared/data/nuclei} are uploaded with their masks, read back
 * byte for byte, and frozen into a training-set version. Skipped, with a message, when the data is absent.
 */
class RealNucleiDataIT {

    private static Path nuclei;
    private static LocalPlatform platform;
    private static Person scientist;
    private static UUID lab;

    @BeforeAll
    static void data() {
        nuclei = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).resolve("nuclei");
        assumeTrue(Files.isDirectory(nuclei), "Real nuclei data not found at " + nuclei.toAbsolutePath()
                + "; set -Dlabscale.data.dir to run these tests.");
        platform = LocalPlatform.get();
        scientist = Lab.person(platform, "Scientist");
        lab = Lab.createLab(scientist, "Nuclear imaging lab");
    }

    @Test
    void shouldIngestNih3t3ImagesWithBinaryMasksAndFreezeATrainingSet() throws IOException {
        UUID project = Lab.createProject(scientist, lab, "NIH-3T3 Hoechst");
        List<Map<String, String>> items = new ArrayList<>();
        for (Path image : files(nuclei.resolve("nih3t3-hoechst/images"), ".png")) {
            Map<String, String> ids = ingest(project, image, nuclei.resolve("nih3t3-hoechst/masks")
                    .resolve(image.getFileName()), "BINARY_MASK", "image/png");
            scientist.as().get("/api/v1/images/{i}", ids.get("imageId")).then().statusCode(200)
                    .body("format", equalTo("PNG")).body("width", equalTo(1344)).body("height", equalTo(1024))
                    .body("bitsPerSample", equalTo(8));
            items.add(ids);
        }
        assertTrue(items.size() >= 10, "expected the 14 NIH-3T3 images, found " + items.size());

        String set = scientist.as().body(Map.of("name", "NIH-3T3 nuclei", "description", "3 annotated images"))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).extract().path("id");
        List<Map<String, Object>> three = items.subList(0, 3).stream().<Map<String, Object>>map(i -> Map.of(
                "imageId", i.get("imageId"), "annotationId", i.get("annotationId"),
                "channelRoles", Map.of("0", "nuclear"))).toList();
        String hash = scientist.as().body(Map.of("notes", "first three", "items", three))
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(201)
                .body("version", equalTo(1)).body("items.size()", equalTo(3)).extract().path("contentHash");
        List<Map<String, Object>> reversed = new ArrayList<>(three);
        java.util.Collections.reverse(reversed);
        scientist.as().body(Map.of("items", reversed))
                .post("/api/v1/training-sets/{t}/versions", set).then().statusCode(201)
                .body("version", equalTo(2)).body("contentHash", equalTo(hash));
    }

    @Test
    void shouldIngestGowt1LzwTiffsWithInstanceMasks() throws IOException {
        UUID project = Lab.createProject(scientist, lab, "GOWT1 GFP");
        for (Path image : files(nuclei.resolve("gowt1-gfp/images"), ".tif")) {
            Map<String, String> ids = ingest(project, image, nuclei.resolve("gowt1-gfp/masks").resolve(image.getFileName()),
                    "INSTANCE_MASK", "image/tiff");
            scientist.as().get("/api/v1/images/{i}", ids.get("imageId")).then().statusCode(200)
                    .body("format", equalTo("TIFF")).body("compression", org.hamcrest.Matchers.containsStringIgnoringCase("LZW"))
                    .body("width", equalTo(1024)).body("height", equalTo(1024));
        }
    }

    /** Uploads an image and its mask, checks the stored original and the derived class map, returns the ids. */
    private static Map<String, String> ingest(UUID project, Path image, Path mask, String kind, String type) throws IOException {
        String imageId = scientist.raw().multiPart("file", image.toFile(), type)
                .multiPart("pixelSizeUm", "0.65")
                .post("/api/v1/projects/{p}/images", project).then().statusCode(201)
                .body("sha256", equalTo(sha256(image))).extract().path("id");
        byte[] original = scientist.raw().get("/api/v1/images/{i}/original", imageId).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(sha256(image), HexFormat.of().formatHex(digest(original)), image + " came back changed");
        scientist.raw().get("/api/v1/images/{i}/thumbnail", imageId).then().statusCode(200)
                .contentType("image/png");
        String annotationId = scientist.raw().multiPart("file", mask.toFile(), type).multiPart("kind", kind)
                .multiPart("name", "nuclei")
                .post("/api/v1/images/{i}/annotations", imageId).then().statusCode(201)
                .body("latest.cellCount", greaterThan(10)).extract().path("id");
        scientist.raw().get("/api/v1/annotations/{a}/versions/1/class-map", annotationId).then().statusCode(200)
                .contentType("image/png");
        return Map.of("imageId", imageId, "annotationId", annotationId);
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(digest(Files.readAllBytes(file)));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
