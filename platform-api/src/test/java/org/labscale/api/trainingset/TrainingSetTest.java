package org.labscale.api.trainingset;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

@QuarkusTest
class TrainingSetTest {

    static final int[][] CELLS = {
            {0, 0, 0, 0, 0, 0},
            {0, 1, 1, 1, 0, 0},
            {0, 1, 1, 1, 0, 2},
            {0, 1, 1, 1, 0, 2},
            {0, 0, 0, 0, 0, 0}};

    record Fixture(User alice, UUID lab, UUID project, String imageA, String imageB, String annotationA,
                   String annotationB) {
    }

    Fixture fixture() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Training Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        byte[] twoChannels = TestFiles.tiff("LZW", TestFiles.pages(2, 6, 5, DataBuffer.TYPE_USHORT)
                .toArray(BufferedImage[]::new));
        String imageA = Uploads.image(alice, project, "a.tif", twoChannels, Map.of("channelNames", "phase,dapi"))
                .statusCode(201).extract().path("id");
        String imageB = Uploads.accepted(alice, project, "b.png",
                TestFiles.png(TestFiles.gray(6, 5, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))).toString();
        String annotationA = annotate(alice, imageA, CELLS);
        String annotationB = annotate(alice, imageB, CELLS);
        return new Fixture(alice, lab, project, imageA, imageB, annotationA, annotationB);
    }

    static String annotate(User user, String imageId, int[][] cells) {
        return Uploads.annotation(user, UUID.fromString(imageId), TestFiles.mask16(cells),
                Map.of("kind", "INSTANCE_MASK", "name", "nuclei")).statusCode(201).extract().path("id");
    }

    static Map<String, Object> item(String image, String annotation, Map<String, String> roles) {
        Map<String, Object> item = new HashMap<>();
        item.put("imageId", image);
        item.put("annotationId", annotation);
        if (roles != null) {
            item.put("channelRoles", roles);
        }
        return item;
    }

    static String newSet(User user, UUID lab, String name) {
        return user.as().body(Map.of("name", name, "description", "nuclei of HeLa", "visibility", "PRIVATE"))
                .post("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(201).header("ETag", "\"0\"")
                .body("latestVersion", equalTo(0)).extract().path("id");
    }

    @Test
    void shouldFreezeVersionsWithAStableContentHash() throws Exception {
        Fixture f = fixture();
        String set = newSet(f.alice(), f.lab(), "HeLa nuclei");
        Map<String, Object> a = item(f.imageA(), f.annotationA(), Map.of("1", "nuclear", "0", "phase"));
        Map<String, Object> b = item(f.imageB(), f.annotationB(), null);

        var v1 = f.alice().as().body(Map.of("notes", "first", "items", List.of(a, b)))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(201)
                .body("version", equalTo(1)).body("items.imageId", contains(f.imageA(), f.imageB()))
                .body("items.annotationVersion", contains(1, 1))
                .body("items[0].channelRoles", equalTo(Map.of("0", "phase", "1", "nuclear")))
                .body("items[1].channelRoles", equalTo(Map.of("0", "channel-0"))).extract();
        String hash = v1.path("contentHash");
        List<String> lines = new ArrayList<>();
        lines.add(v1.path("items[0].imageSha256") + "\t" + v1.path("items[0].annotationSha256")
                + "\tINSTANCE_MASK\t0=phase,1=nuclear\n");
        lines.add(v1.path("items[1].imageSha256") + "\t" + v1.path("items[1].annotationSha256")
                + "\tINSTANCE_MASK\t0=channel-0\n");
        assertEquals(canonicalHash(lines), hash, "the documented canonical serialisation");

        f.alice().as().body(Map.of("items", List.of(b, a))).post("/api/v1/training-sets/{id}/versions", set).then()
                .statusCode(201).body("version", equalTo(2)).body("contentHash", equalTo(hash));

        // A new annotation version changes what "latest" means, but never an existing training-set version.
        annotate(f.alice(), f.imageA(), new int[][]{
                {1, 1, 0, 0, 0, 0}, {1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}});
        String v3 = f.alice().as().body(Map.of("items", List.of(a, b))).post("/api/v1/training-sets/{id}/versions", set)
                .then().statusCode(201).body("items[0].annotationVersion", equalTo(2)).extract().path("contentHash");
        assertNotEquals(hash, v3);
        f.alice().as().get("/api/v1/training-sets/{id}/versions/1", set).then().statusCode(200)
                .body("contentHash", equalTo(hash)).body("notes", equalTo("first"))
                .body("items.annotationVersion", contains(1, 1));
        f.alice().as().get("/api/v1/training-sets/{id}/versions", set).then().statusCode(200)
                .body("total", equalTo(3)).body("items.version", contains(3, 2, 1));
        f.alice().as().get("/api/v1/training-sets/{id}", set).then().statusCode(200).body("latestVersion", equalTo(3))
                .body("latestContentHash", equalTo(v3));
        // The lab's list carries each set's latest hash (no call per set): null for a set without versions.
        String empty = newSet(f.alice(), f.lab(), "Empty set");
        f.alice().as().get("/api/v1/labs/{lab}/training-sets", f.lab()).then().statusCode(200)
                .body("items.find { it.id == '" + set + "' }.latestContentHash", equalTo(v3))
                .body("items.find { it.id == '" + empty + "' }.latestContentHash", equalTo(null));
        f.alice().as().get("/api/v1/training-sets/{id}/versions/9", set).then().statusCode(404);
    }

    @Test
    void shouldRefuseItemsOfOtherLabsAsIfTheyDidNotExist() {
        Fixture f = fixture();
        UUID otherLab = Api.newLab(f.alice(), "Other Lab");
        UUID otherProject = Api.newProject(f.alice(), otherLab, "Elsewhere");
        String foreignImage = Uploads.accepted(f.alice(), otherProject, "x.png",
                TestFiles.png(TestFiles.gray(6, 5, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))).toString();
        String foreignAnnotation = annotate(f.alice(), foreignImage, CELLS);
        String set = newSet(f.alice(), f.lab(), "Mine only");
        Map<String, Object> good = item(f.imageB(), f.annotationB(), null);

        String missingMessage = f.alice().as().body(Map.of("items", List.of(good,
                        item(UUID.randomUUID().toString(), f.annotationB(), null))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(404).extract().path("code");
        f.alice().as().body(Map.of("items", List.of(good, item(foreignImage, foreignAnnotation, null))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(404)
                .body("code", equalTo(missingMessage)).body("details.item", equalTo(1))
                .body("details.resource", equalTo("image"));
        f.alice().as().body(Map.of("items", List.of(item(f.imageB(), foreignAnnotation, null))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(404)
                .body("details.item", equalTo(0)).body("details.resource", equalTo("annotation"));
        f.alice().as().get("/api/v1/training-sets/{id}", set).then().body("latestVersion", equalTo(0));

        User eve = Api.newUser("Eve");
        eve.as().get("/api/v1/training-sets/{id}", set).then().statusCode(404);
        eve.as().body(Map.of("items", List.of(good))).post("/api/v1/training-sets/{id}/versions", set).then()
                .statusCode(404);
    }

    @Test
    void shouldRefuseInvalidItems() {
        Fixture f = fixture();
        String set = newSet(f.alice(), f.lab(), "Strict");
        String url = "/api/v1/training-sets/{id}/versions";
        f.alice().as().body(Map.of("items", List.of())).post(url, set).then().statusCode(400)
                .body("details.field", equalTo("items"));
        f.alice().as().body(Map.of("items", List.of(item(f.imageA(), f.annotationB(), null)))).post(url, set).then()
                .statusCode(400).body("code", equalTo("training-set.annotation-not-of-image"));
        f.alice().as().body(Map.of("items", List.of(item(f.imageA(), f.annotationA(), Map.of("2", "nuclear")))))
                .post(url, set).then().statusCode(400).body("details.field", equalTo("channelRoles"))
                .body("details.item", equalTo(0));
        f.alice().as().body(Map.of("items", List.of(item(f.imageA(), f.annotationA(), Map.of("first", "phase")))))
                .post(url, set).then().statusCode(400).body("details.field", equalTo("channelRoles"));
        f.alice().as().body(Map.of("items", List.of(item(f.imageA(), f.annotationA(), Map.of())))).post(url, set)
                .then().statusCode(400).body("details.field", equalTo("channelRoles"));
        Map<String, Object> versioned = item(f.imageB(), f.annotationB(), null);
        versioned.put("annotationVersion", 1);
        f.alice().as().body(Map.of("items", List.of(item(f.imageB(), f.annotationB(), null), versioned)))
                .post(url, set).then().statusCode(400).body("code", equalTo("training-set.duplicate-item"))
                .body("details.item", equalTo(1)).body("details.duplicateOf", equalTo(0));
        versioned.put("annotationVersion", 4);
        f.alice().as().body(Map.of("items", List.of(versioned))).post(url, set).then().statusCode(404)
                .body("details.resource", equalTo("annotation version"));
        f.alice().as().get("/api/v1/training-sets/{id}/versions", set).then().body("total", equalTo(0));
    }

    @Test
    void shouldProtectFrozenDataUntilTheSetIsDeleted() {
        Fixture f = fixture();
        String set = newSet(f.alice(), f.lab(), "Frozen");
        f.alice().as().body(Map.of("items", List.of(item(f.imageB(), f.annotationB(), null))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(201);
        f.alice().as().delete("/api/v1/images/{id}", f.imageB()).then().statusCode(409)
                .body("code", equalTo("image.in-training-set"));
        f.alice().as().delete("/api/v1/annotations/{id}", f.annotationB()).then().statusCode(409)
                .body("code", equalTo("annotation.in-training-set"));
        f.alice().as().delete("/api/v1/projects/{id}", f.project()).then().statusCode(409)
                .body("code", equalTo("project.in-training-set"));
        f.alice().as().header("If-Match", "\"1\"").body(Map.of("name", "Renamed", "description", "d"))
                .patch("/api/v1/training-sets/{id}", set).then().statusCode(200).body("name", equalTo("Renamed"));
        f.alice().as().header("If-Match", "\"1\"").delete("/api/v1/training-sets/{id}", set).then().statusCode(412);
        f.alice().as().header("If-Match", "\"2\"").delete("/api/v1/training-sets/{id}", set).then().statusCode(204);
        f.alice().as().delete("/api/v1/images/{id}", f.imageB()).then().statusCode(204);
        f.alice().as().get("/api/v1/labs/{lab}/training-sets", f.lab()).then().body("total", equalTo(0));
    }

    @Test
    void shouldLetViewersReadButNotFreeze() {
        Fixture f = fixture();
        User victor = Api.newUser("Victor");
        Api.join(f.alice(), f.lab(), victor, "VIEWER");
        String set = newSet(f.alice(), f.lab(), "Shared");
        victor.as().get("/api/v1/training-sets/{id}", set).then().statusCode(200);
        victor.as().body(Map.of("items", List.of(item(f.imageB(), f.annotationB(), null))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(403);
        victor.as().body(Map.of("name", "x")).post("/api/v1/labs/{lab}/training-sets", f.lab()).then().statusCode(403);
        f.alice().as().body(Map.of("name", "shared")).post("/api/v1/labs/{lab}/training-sets", f.lab()).then()
                .statusCode(409).body("code", equalTo("training-set.name-taken"));
    }

    static String canonicalHash(List<String> lines) throws Exception {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update("labscale-training-set/1\n".getBytes(StandardCharsets.UTF_8));
        sorted.forEach(l -> digest.update(l.getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }
}
