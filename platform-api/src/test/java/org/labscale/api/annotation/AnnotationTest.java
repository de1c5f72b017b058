package org.labscale.api.annotation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

@QuarkusTest
class AnnotationTest {

    /** Two cells on a 6 x 5 image: a 3 x 3 block and a 1 x 2 sliver at the right edge. */
    static final int[][] INSTANCES = {
            {0, 0, 0, 0, 0, 0},
            {0, 1, 1, 1, 0, 0},
            {0, 1, 1, 1, 0, 2},
            {0, 1, 1, 1, 0, 2},
            {0, 0, 0, 0, 0, 0}};

    /**
     * Van Valen et al.: boundary = cell pixels touching another label or background (8-neighbourhood); pixels beyond
     * the image edge do not count, but the sliver's left neighbours are background, so it is all boundary.
     */
    static final int[][] CLASSES = {
            {0, 0, 0, 0, 0, 0},
            {0, 1, 1, 1, 0, 0},
            {0, 1, 2, 1, 0, 1},
            {0, 1, 1, 1, 0, 1},
            {0, 0, 0, 0, 0, 0}};

    @Inject
    ObjectStore store;

    record Setup(User user, UUID lab, UUID image) {
    }

    Setup setup() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Annotation Lab");
        UUID project = Api.newProject(alice, lab, "Cells");
        UUID image = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(6, 5, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        return new Setup(alice, lab, image);
    }

    static Stream<Arguments> kinds() {
        int[][] binary = new int[5][6];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                binary[y][x] = INSTANCES[y][x] == 0 ? 0 : 255;
            }
        }
        return Stream.of(
                Arguments.of("INSTANCE_MASK", TestFiles.mask16(INSTANCES), 2),
                Arguments.of("BINARY_MASK", TestFiles.mask8(binary), 2),
                Arguments.of("CLASS_MAP", TestFiles.mask8(CLASSES), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldDeriveTheExactClassMapOfEachKind(String kind, byte[] mask, int cells) {
        Setup s = setup();
        String id = Uploads.annotation(s.user(), s.image(), mask, Map.of("kind", kind)).statusCode(201)
                .body("name", equalTo("default")).body("kind", equalTo(kind)).body("latestVersion", equalTo(1))
                .body("latest.version", equalTo(1)).body("latest.cellCount", equalTo(cells))
                .body("latest.classPixelCounts", contains(19, 10, 1))
                .body("latest.sha256", equalTo(sha256(mask)))
                .body("latest.createdByEmail", equalTo(s.user().email())).extract().path("id");
        byte[] classMap = given().auth().oauth2(s.user().token())
                .get("/api/v1/annotations/{id}/versions/1/class-map", id).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(CLASSES, TestFiles.read(classMap));
        assertArrayEquals(mask, given().auth().oauth2(s.user().token())
                .get("/api/v1/annotations/{id}/versions/1/mask", id).then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
    }

    @Test
    void shouldAppendVersionsUnderOneNameAndKeepItsKind() {
        Setup s = setup();
        byte[] v1 = TestFiles.mask16(INSTANCES);
        int[][] more = {
                {3, 3, 0, 0, 0, 0},
                {3, 3, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0},
                {0, 0, 0, 4, 4, 0},
                {0, 0, 0, 4, 4, 0}};
        byte[] v2 = TestFiles.mask16(more);
        String id = Uploads.annotation(s.user(), s.image(), v1, Map.of("kind", "INSTANCE_MASK", "name", "Nuclei"))
                .statusCode(201).extract().path("id");
        Uploads.annotation(s.user(), s.image(), v2, Map.of("kind", "INSTANCE_MASK", "name", "nuclei"))
                .statusCode(201).body("id", equalTo(id)).body("latestVersion", equalTo(2))
                .body("latest.cellCount", equalTo(2)).body("latest.classPixelCounts", contains(22, 7, 1));
        Uploads.annotation(s.user(), s.image(), TestFiles.mask8(CLASSES), Map.of("kind", "CLASS_MAP", "name", "NUCLEI"))
                .statusCode(409).body("code", equalTo("annotation.kind-mismatch"));
        Uploads.annotation(s.user(), s.image(), TestFiles.mask8(CLASSES), Map.of("kind", "CLASS_MAP", "name", "classes"))
                .statusCode(201);

        s.user().as().get("/api/v1/images/{id}/annotations", s.image()).then().statusCode(200)
                .body("name", contains("classes", "Nuclei")).body("[1].latest.version", equalTo(2));
        s.user().as().get("/api/v1/annotations/{id}/versions", id).then().statusCode(200)
                .body("total", equalTo(2)).body("items.version", contains(2, 1))
                .body("items.sha256", contains(sha256(v2), sha256(v1)));
        assertArrayEquals(v1, given().auth().oauth2(s.user().token())
                .get("/api/v1/annotations/{id}/versions/1/mask", id).then().statusCode(200).extract().asByteArray());
        s.user().as().get("/api/v1/annotations/{id}/versions/3/mask", id).then().statusCode(404);
    }

    static Stream<Arguments> badMasks() {
        return Stream.of(
                Arguments.of("size mismatch", TestFiles.mask8(new int[5][5]), Map.of("kind", "CLASS_MAP"), 422,
                        "mask.size-mismatch", "5 x 5"),
                Arguments.of("binary with three values", TestFiles.mask8(new int[][]{
                                {0, 0, 0, 0, 0, 0}, {0, 1, 1, 0, 2, 2}, {0, 1, 1, 0, 2, 2}, {0, 0, 0, 0, 0, 0},
                                {0, 0, 0, 0, 0, 0}}),
                        Map.of("kind", "BINARY_MASK"), 422, "mask.invalid-values", "0"),
                Arguments.of("class 200", TestFiles.mask8(new int[][]{
                                {0, 0, 0, 0, 0, 0}, {0, 200, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0},
                                {0, 0, 0, 0, 0, 0}}),
                        Map.of("kind", "CLASS_MAP"), 422, "mask.too-many-classes", "200"),
                Arguments.of("only background", TestFiles.mask8(new int[5][6]), Map.of("kind", "INSTANCE_MASK"), 422,
                        "mask.empty", "background"),
                Arguments.of("not an image", TestFiles.text("1,2,3"), Map.of("kind", "INSTANCE_MASK"), 415,
                        "image.not-an-image", ""),
                Arguments.of("missing kind", TestFiles.mask16(INSTANCES), Map.of(), 400, "validation.invalid-field",
                        "kind"),
                Arguments.of("unknown kind", TestFiles.mask16(INSTANCES), Map.of("kind", "POLYGONS"), 400,
                        "validation.invalid-field", "POLYGONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMasks")
    void shouldRejectBadMasksAndLeaveNothingBehind(String label, byte[] mask, Map<String, String> fields, int status,
                                                   String code, String mentioned) {
        Setup s = setup();
        List<String> before = store.list("labs/" + s.lab() + "/");
        Uploads.annotation(s.user(), s.image(), mask, fields).statusCode(status).body("code", equalTo(code))
                .body("message", containsString(mentioned));
        if (code.equals("mask.size-mismatch")) {
            Uploads.annotation(s.user(), s.image(), mask, fields).body("message", containsString("6 x 5"));
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> AnnotationEntity.count("imageId", s.image())));
        assertEquals(before, store.list("labs/" + s.lab() + "/"));
        s.user().as().get("/api/v1/images/{id}/annotations", s.image()).then().body("size()", equalTo(0));
    }

    @Test
    void shouldDeleteAnAnnotationWithItsObjects() {
        Setup s = setup();
        List<String> before = store.list("labs/" + s.lab() + "/");
        String id = Uploads.annotation(s.user(), s.image(), TestFiles.mask16(INSTANCES), Map.of("kind", "INSTANCE_MASK"))
                .statusCode(201).extract().path("id");
        assertEquals(before.size() + 2, store.list("labs/" + s.lab() + "/").size(), "mask and class map");
        String etag = s.user().as().get("/api/v1/annotations/{id}", id).then().statusCode(200)
                .body("latest.version", equalTo(1)).extract().header("ETag");
        s.user().as().header("If-Match", "\"99\"").delete("/api/v1/annotations/{id}", id).then().statusCode(412);
        s.user().as().header("If-Match", etag).delete("/api/v1/annotations/{id}", id).then().statusCode(204);
        assertEquals(before, store.list("labs/" + s.lab() + "/"));
        s.user().as().get("/api/v1/annotations/{id}", id).then().statusCode(404).body("details.resource",
                equalTo("annotation"));
    }

    @Test
    void shouldHideAnnotationsFromOtherLabs() {
        Setup s = setup();
        User eve = Api.newUser("Eve");
        String id = Uploads.annotation(s.user(), s.image(), TestFiles.mask16(INSTANCES), Map.of("kind", "INSTANCE_MASK"))
                .statusCode(201).extract().path("id");
        eve.as().get("/api/v1/annotations/{id}", id).then().statusCode(404).body("latest", nullValue());
        eve.as().get("/api/v1/annotations/{id}/versions/1/class-map", id).then().statusCode(404);
        Uploads.annotation(eve, s.image(), TestFiles.mask16(INSTANCES), Map.of("kind", "INSTANCE_MASK")).statusCode(404);
        eve.as().delete("/api/v1/annotations/{id}", id).then().statusCode(404);
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
