package org.labscale.api.model;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Training-set packages through the API: export (whoever may read the version; others cannot tell it exists), import
 * into another lab with the same content hash and bytes, and every refusal of a damaged or tampered package with a
 * 4xx naming the problem and nothing left behind (no rows, no objects).
 */
@QuarkusTest
class TrainingSetPackageTest {

    private static final String VERSION = "/api/v1/training-sets/{set}/versions/{n}";
    private static final String IMPORT = "/api/v1/labs/{lab}/training-sets/import";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRoundTripAVersionIntoAnotherLabWithTheSameContent() throws Exception {
        ModelFixture a = ModelFixture.create(0.65);
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        String set = a.trainingSet();
        var original = a.alice().as().get(VERSION, set, 1).then().statusCode(200).extract();
        String hash = original.path("contentHash");

        // edited after freezing: the package carries the pixel size version 1 froze
        a.alice().as().body(Map.of("pixelSizeUm", 2.0)).patch("/api/v1/images/{id}", a.imageA()).then()
                .statusCode(200);
        byte[] zip = export(a.alice(), set, 200);
        Map<String, byte[]> files = unzip(zip);
        ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
        assertEquals(0.65, manifest.get("images").get(0).get("pixelSizeUm").asDouble(), manifest.toString());
        assertTrue(manifest.get("images").get(1).get("pixelSizeUm") == null, "B has none: " + manifest);
        assertEquals("labscale-training-set", manifest.get("format").asText());
        assertEquals(hash, manifest.get("contentHash").asText());
        assertEquals(4, manifest.get("files").size(), "two images and two masks: " + manifest);
        for (var f : manifest.get("files")) {
            byte[] bytes = files.get(f.get("path").asText());
            assertEquals(f.get("sha256").asText(), Http.sha256(bytes), f.toString());
            assertEquals(f.get("sizeBytes").asLong(), bytes.length);
        }
        assertEquals("nuclear", manifest.get("items").get(0).get("channelRoles").get("0").asText());

        // Others: a lab without a grant cannot tell it exists; anonymous must sign in; a grant lets B export.
        UUID missing = UUID.randomUUID();
        String hidden = new String(export(c.alice(), set, 404), StandardCharsets.UTF_8).replace(set, "ID");
        assertEquals(new String(c.alice().as().get(VERSION + "/package", missing, 1).then().statusCode(404).extract()
                .asByteArray(), StandardCharsets.UTF_8).replace(missing.toString(), "ID"), hidden,
                "reads as a missing set");
        RestAssured.given().get(VERSION + "/package", set, 1).then().statusCode(401);
        a.alice().as().put(VERSION + "/grants/{g}", set, 1, b.lab()).then().statusCode(200);
        assertEquals(hash, JSON.readTree(unzip(export(b.alice(), set, 200)).get("manifest.json"))
                .get("contentHash").asText());

        // B imports it as its own private set: the same content hash, items, channel roles, and its own objects.
        User viewerOfB = Api.newUser("Viewer");
        Api.join(b.alice(), b.lab(), viewerOfB, "VIEWER");
        viewerOfB.as().contentType("application/zip").body(zip).post(IMPORT, b.lab()).then().statusCode(403);
        c.alice().as().contentType("application/zip").body(zip).post(IMPORT, b.lab()).then().statusCode(404);
        var imported = b.alice().as().contentType("application/zip").body(zip).queryParam("name", "A's nuclei")
                .post(IMPORT, b.lab()).then().statusCode(201).body("contentHash", equalTo(hash))
                .body("version", equalTo(1)).body("items", hasSize(2)).extract();
        String copy = imported.path("trainingSetId");
        b.alice().as().get("/api/v1/training-sets/{s}", copy).then().statusCode(200)
                .body("labId", equalTo(b.lab().toString())).body("name", equalTo("A's nuclei"))
                .body("visibility", equalTo("PRIVATE"));
        List<String> imageShas = original.path("items.imageSha256");
        List<String> maskShas = original.path("items.sha256");
        assertEquals(imageShas, imported.path("items.imageSha256"));
        assertEquals(maskShas, imported.path("items.sha256"));
        assertEquals(original.path("items.channelRoles"), (Object) imported.path("items.channelRoles"));
        assertEquals(java.util.Arrays.asList(0.65f, null), imported.path("items.pixelSizeUm"));
        b.alice().as().get("/api/v1/images/{i}", imported.<String>path("items[0].imageId")).then()
                .body("pixelSizeUm", equalTo(0.65f));
        for (String image : imported.<List<String>>path("items.imageId")) {
            b.alice().as().get("/api/v1/images/{i}", image).then().statusCode(200);
            a.alice().as().get("/api/v1/images/{i}", image).then().statusCode(404);
        }
        for (String sha : imageShas) {
            assertTrue(store.exists(StorageKeys.blob(b.lab(), sha)), "B's own copy of " + sha);
        }
        // The copy exports to the same files again.
        Map<String, byte[]> again = unzip(export(b.alice(), copy, 200));
        assertEquals(files.keySet(), again.keySet());
        for (String path : files.keySet()) {
            if (!path.equals("manifest.json")) {
                assertEquals(Http.sha256(files.get(path)), Http.sha256(again.get(path)), path);
            }
        }
        // The same package again: the name is taken (409), nothing more is stored.
        Counts before = counts(b.lab());
        b.alice().as().contentType("application/zip").body(zip).queryParam("name", "a's NUCLEI")
                .post(IMPORT, b.lab()).then().statusCode(409).body("code", equalTo("training-set.name-taken"));
        assertEquals(before, counts(b.lab()));
    }

    @Test
    void shouldRefuseEveryDamagedOrTamperedPackageAndLeaveNothingBehind() throws Exception {
        ModelFixture a = ModelFixture.create();
        ModelFixture b = ModelFixture.create();
        Map<String, byte[]> good = unzip(export(a.alice(), a.trainingSet(), 200));
        String image0 = manifestOf(good).get("images").get(0).get("file").asText();
        String mask0 = manifestOf(good).get("items").get(0).get("mask").asText();
        Counts before = counts(b.lab());

        refused(b, "not a zip".getBytes(StandardCharsets.UTF_8), 400, "training-set-package.not-a-zip", "zip");
        refused(b, new byte[0], 400, "training-set-package.empty", "empty");
        refused(b, tamper(good, f -> f.remove("manifest.json")), 400, "training-set-package.no-manifest",
                "manifest.json");
        refused(b, tamper(good, f -> f.put("manifest.json", "{\"format\":".getBytes(StandardCharsets.UTF_8))),
                400, "training-set-package.invalid-manifest", "not valid JSON");
        refused(b, tamper(good, f -> flip(f.get(image0))), 400, "training-set-package.checksum-mismatch", image0);
        refused(b, tamper(good, f -> f.put(image0, java.util.Arrays.copyOf(f.get(image0), f.get(image0).length - 1))),
                400, "training-set-package.size-mismatch", image0);
        refused(b, tamper(good, f -> f.put("images/extra.png", new byte[] {1})), 400,
                "training-set-package.unlisted-file", "images/extra.png");
        refused(b, tamper(good, f -> f.remove(mask0)), 400, "training-set-package.missing-file", mask0);
        refused(b, withManifest(good, m -> m.put("formatVersion", 2)), 400, "training-set-package.invalid-manifest",
                "formatVersion");
        refused(b, withManifest(good, m -> m.put("shareWith", "everyone")), 400,
                "training-set-package.invalid-manifest", "shareWith");
        refused(b, withManifest(good, m -> ((ObjectNode) m.get("files").get(0)).put("path", "images/../../x")), 400,
                "training-set-package.invalid-manifest", "files[0].path");
        refused(b, withManifest(good, m -> ((ObjectNode) m.get("items").get(0)).put("kind", "SPLINES")), 400,
                "training-set-package.invalid-manifest", "items");
        refused(b, withManifest(good, m -> ((ObjectNode) m.get("items").get(1)).put("image", 7)), 400,
                "training-set-package.invalid-manifest", "items[1].image");
        // Channel roles: a channel the image lacks, an invalid role; a valid but changed role breaks the hash.
        refused(b, withManifest(good, m -> {
            m.remove("contentHash");
            roles(m, 0).removeAll().put("3", "nuclear");
        }), 400, "validation.invalid-field", "channel '3' does not exist");
        refused(b, withManifest(good, m -> {
            m.remove("contentHash");
            roles(m, 0).put("0", "nuc/lear");
        }), 400, "validation.invalid-field", "role 'nuc/lear'");
        refused(b, withManifest(good, m -> roles(m, 1).put("0", "phase")), 400,
                "training-set-package.content-hash-mismatch", "channel roles");
        // Files whose checksums agree but whose content is not what they claim to be.
        byte[] text = "just text".getBytes(StandardCharsets.UTF_8);
        refused(b, replaced(good, image0, text), 415, null, image0);
        refused(b, replaced(good, image0, TestFiles.corruptPng(good.get(image0))), 422, null, image0);
        byte[] wrongSize = TestFiles.mask16(new int[8][8]);
        refused(b, replaced(good, mask0, wrongSize), 422, null, mask0);

        assertEquals(before, counts(b.lab()), "no refusal left a row or an object");

        // Without contentHash (a package made elsewhere) the same content imports and gets its hash computed.
        String hash = a.alice().as().get(VERSION, a.trainingSet(), 1).then().extract().path("contentHash");
        b.alice().as().contentType("application/zip").body(withManifest(good, m -> m.remove("contentHash")))
                .post(IMPORT, b.lab()).then().statusCode(201).body("contentHash", equalTo(hash));
    }

    // --- helpers ---

    private void refused(ModelFixture lab, byte[] zip, int status, String code, String mentioned) {
        Counts before = counts(lab.lab());
        ValidatableResponse r = lab.alice().as().contentType("application/zip").body(zip).post(IMPORT, lab.lab())
                .then().statusCode(status);
        if (code != null) {
            r.body("code", equalTo(code));
        }
        String body = r.extract().asString();
        assertTrue(body.contains(mentioned), "the answer names " + mentioned + ": " + body);
        assertEquals(before, counts(lab.lab()), "after " + code);
    }

    private static byte[] export(User user, String set, int status) {
        return user.as().get(VERSION + "/package", set, 1).then().statusCode(status).extract().asByteArray();
    }

    /** What a lab holds: rows of its images, annotations, training sets, projects and its objects. */
    record Counts(long images, long annotations, long sets, long projects, List<String> objects) {
    }

    private Counts counts(UUID lab) {
        return new Counts(count("image", lab), count("annotation", lab), count("training_set", lab),
                count("project", lab), store.list(StorageKeys.labPrefix(lab)).stream().sorted().toList());
    }

    private long count(String table, UUID lab) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where lab_id = ?")) {
            s.setObject(1, lab);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode manifestOf(Map<String, byte[]> files) throws IOException {
        return (ObjectNode) JSON.readTree(files.get("manifest.json"));
    }

    private static ObjectNode roles(ObjectNode manifest, int item) {
        return (ObjectNode) manifest.get("items").get(item).get("channelRoles");
    }

    private static void flip(byte[] bytes) {
        bytes[bytes.length / 2] ^= 0x5a;
    }

    /** The package with {@code path} replaced by {@code bytes}, its manifest entry updated to match. */
    private static byte[] replaced(Map<String, byte[]> files, String path, byte[] bytes) {
        return tamper(files, f -> {
            f.put(path, bytes);
            ObjectNode m = parse(f.get("manifest.json"));
            for (var entry : (ArrayNode) m.get("files")) {
                if (entry.get("path").asText().equals(path)) {
                    ((ObjectNode) entry).put("sha256", Http.sha256(bytes)).put("sizeBytes", bytes.length);
                }
            }
            m.remove("contentHash");
            f.put("manifest.json", write(m));
        });
    }

    private static byte[] withManifest(Map<String, byte[]> files, Consumer<ObjectNode> change) {
        return tamper(files, f -> {
            ObjectNode m = parse(f.get("manifest.json"));
            change.accept(m);
            f.put("manifest.json", write(m));
        });
    }

    private static byte[] tamper(Map<String, byte[]> files, Consumer<Map<String, byte[]>> change) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        files.forEach((k, v) -> copy.put(k, v.clone()));
        change.accept(copy);
        return zip(copy);
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ObjectNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
