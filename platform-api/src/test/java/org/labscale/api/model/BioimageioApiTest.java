package org.labscale.api.model;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * bioimage.io packages through the API: export of a trained version (whoever may read it; the card must be
 * complete), import of the vendor's U-Net (and refusals that leave nothing behind), and publishing that validates.
 */
@QuarkusTest
class BioimageioApiTest {

    private static final String VERSION = "/api/v1/labs/{lab}/models/{m}/versions/{n}";
    private static final String IMPORT = "/api/v1/labs/{lab}/models/bioimageio";

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource dataSource;

    private long versionFiles(java.util.UUID lab) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("select count(*) from model_version_file where lab_id = ?")) {
            s.setObject(1, lab);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static byte[] export(Api.User user, java.util.UUID lab, String model, int status) {
        return user.as().get(VERSION + "/bioimageio", lab, model, 1).then().statusCode(status).extract()
                .asByteArray();
    }

    @Test
    void anExportedVersionRunsFromTheZipAloneAndOnlyReadersGetIt() throws Exception {
        ModelFixture a = ModelFixture.create();
        ModelFixture stranger = ModelFixture.create();
        String model = a.train("Export nuclei", ModelFixture.goodOutputs(2));
        // The package's contents; that its graph reproduces its test output from the zip alone is proved in the
        // bioimageio module (ONNX Runtime is not loaded twice into one test JVM).
        Map<String, byte[]> p = unzip(export(a.alice(), a.lab(), model, 200));
        String rdf = new String(p.get("rdf.yaml"), StandardCharsets.UTF_8);
        assertTrue(rdf.contains("license: CC-BY-4.0") && rdf.contains("name: alice"), rdf);
        assertTrue(new String(p.get("test_input.npy"), 0, 128, StandardCharsets.ISO_8859_1)
                .contains("'shape': (1, 1, 64, 64)"), "a stored image of the training set");
        for (String f : List.of("weights.onnx", "test_output.npy", "cover.png", "documentation.md")) {
            assertTrue(p.containsKey(f), f);
        }
        // A viewer's export reads only; a member's keeps the test files with the version (for publishing).
        ModelFixture other = ModelFixture.create();
        String second = other.train("Export by a viewer", ModelFixture.goodOutputs(2));
        Api.User viewer = Api.newUser("Viewer");
        Api.join(other.alice(), other.lab(), viewer, "VIEWER");
        List<String> objects = store.list(StorageKeys.labPrefix(other.lab())).stream().sorted().toList();
        export(viewer, other.lab(), second, 200);
        assertEquals(0, versionFiles(other.lab()), "a reader's export stored nothing");
        assertEquals(objects, store.list(StorageKeys.labPrefix(other.lab())).stream().sorted().toList());
        export(other.alice(), other.lab(), second, 200);
        assertEquals(3, versionFiles(other.lab()), "test input, test output and cover");
        // Another lab cannot tell the version exists.
        stranger.alice().as().get(VERSION + "/bioimageio", a.lab(), model, 1).then().statusCode(404)
                .body("code", equalTo("not-found"));
    }

    @Test
    void anExportNeedsALicenceAndTheCardNamesTheSubmitterAsAuthor() {
        ModelFixture a = ModelFixture.create();
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        files.put("card.json", new String(files.get("card.json"), StandardCharsets.UTF_8)
                .replace("\"authors\":[\"alice\"],\"licence\":\"CC-BY-4.0\",", "").getBytes(StandardCharsets.UTF_8));
        String model = a.train("No licence", files);
        a.alice().as().get(VERSION + "/bioimageio", a.lab(), model, 1).then().statusCode(400)
                .body("code", equalTo("bioimageio.card-incomplete"))
                .body("message", containsString("licence"))
                .body("message", org.hamcrest.Matchers.not(containsString("authors")));
        // The worker named no author: the API made the job's submitter the author.
        a.alice().as().get(VERSION, a.lab(), model, 1).then().statusCode(200)
                .body("card.authors", org.hamcrest.Matchers.contains(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.emptyOrNullString())));
        // Nor can it be published.
        ModelFixture b = ModelFixture.create();
        a.alice().as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(409)
                .body("code", equalTo("publish.card-incomplete"))
                .body("details.missing", hasItem(containsString("licence")));
        a.alice().as().get(VERSION + "/grants", a.lab(), model, 1).then().statusCode(200)
                .body("visibility", equalTo("PRIVATE"));
    }

    @Test
    void publishingRunsTheStoredTestInputAndPasses() {
        ModelFixture a = ModelFixture.create();
        String model = a.train("Published nuclei", ModelFixture.goodOutputs(2));
        a.alice().as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", a.lab(), model, 1).then()
                .statusCode(200).body("visibility", equalTo("PUBLIC"));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static byte[] vendorZip(boolean withOnnx) throws Exception {
        Path dir = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor"))
                .resolve("bioimageio/unet2d_nuclei_broad");
        assumeTrue(Files.isDirectory(dir), "vendor package absent at " + dir.toAbsolutePath() + "; skipped");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                byte[] content = Files.readAllBytes(f);
                if (!withOnnx && f.getFileName().toString().equals("bioimageio.yaml")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("  onnx:", "  keras_hdf5:")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(content);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theVendorUnetImportsAndWhatCannotRunLeavesNothingBehind() throws Exception {
        ModelFixture a = ModelFixture.create();
        a.alice().as().contentType("application/zip").body(vendorZip(false)).post(IMPORT, a.lab()).then()
                .statusCode(400).body("code", equalTo("bioimageio.no-onnx-weights"))
                .body("message", containsString("ONNX"));
        a.alice().as().get("/api/v1/labs/{lab}/models", a.lab()).then().statusCode(200).body("total", equalTo(0));

        String modelId = a.alice().as().contentType("application/zip").body(vendorZip(true)).post(IMPORT, a.lab())
                .then().statusCode(201).body("version", equalTo(1)).body("card.licence", equalTo("MIT"))
                .body("card.provenance.source", equalTo("imported from bioimage.io UNet 2D Nuclei Broad/unversioned"))
                .body("card.authors", hasItem("Fynn Beuttenmueller")).body("members.size()", equalTo(1))
                .extract().path("modelId");
        a.alice().as().get(VERSION, a.lab(), modelId, 1).then().statusCode(200)
                .body("card.classes", equalTo(List.of("background", "interior")));
        // An imported version exports the package it came from, and publishes after its own test passes.
        Map<String, byte[]> back = unzip(export(a.alice(), a.lab(), modelId, 200));
        assertTrue(new String(back.get("bioimageio.yaml"), StandardCharsets.UTF_8)
                .contains("name: UNet 2D Nuclei Broad"));
        ModelFixture b = ModelFixture.create();
        a.alice().as().put(VERSION + "/grants/{g}", a.lab(), modelId, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("SHARED"));
    }
}
