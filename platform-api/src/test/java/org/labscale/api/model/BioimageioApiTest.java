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
import org.labscale.api.testing.Api;
import org.labscale.bioimageio.ModelPackage;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.run.GraphRunner;

import io.quarkus.test.junit.QuarkusTest;

/**
 * bioimage.io packages through the API: export of a trained version (whoever may read it; the card must be
 * complete), import of the vendor's U-Net (and refusals that leave nothing behind), and publishing that validates.
 */
@QuarkusTest
class BioimageioApiTest {

    private static final String VERSION = "/api/v1/labs/{lab}/models/{m}/versions/{n}";
    private static final String IMPORT = "/api/v1/labs/{lab}/models/bioimageio";

    private static byte[] export(Api.User user, java.util.UUID lab, String model, int status) {
        return user.as().get(VERSION + "/bioimageio", lab, model, 1).then().statusCode(status).extract()
                .asByteArray();
    }

    @Test
    void anExportedVersionRunsFromTheZipAloneAndOnlyReadersGetIt() throws Exception {
        ModelFixture a = ModelFixture.create();
        ModelFixture stranger = ModelFixture.create();
        String model = a.train("Export nuclei", ModelFixture.goodOutputs(2));
        ModelPackage p = ModelPackage.read(export(a.alice(), a.lab(), model, 200));
        assertEquals("CC-BY-4.0", p.rdf().license());
        assertEquals("alice", p.rdf().authors().get(0).name());
        Npy.Tensor input = Npy.read(p.file(p.rdf().inputs().get(0).testTensor(), "test_tensor"));
        assertEquals(64, input.shape()[3]); // a stored image of the training set
        try (GraphRunner fresh = new GraphRunner(p.file(p.rdf().onnx().source(), "weights"), 1)) {
            TestTensorComparison c = TestTensorComparison.compare(fresh.run(input),
                    Npy.read(p.file(p.rdf().outputs().get(0).testTensor(), "test_tensor")));
            assertTrue(c.passes(), c.describe());
        }
        // Another lab cannot tell the version exists.
        stranger.alice().as().get(VERSION + "/bioimageio", a.lab(), model, 1).then().statusCode(404)
                .body("code", equalTo("not-found"));
    }

    @Test
    void anExportNeedsALicenceAndAnAuthor() {
        ModelFixture a = ModelFixture.create();
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        files.put("card.json", new String(files.get("card.json"), StandardCharsets.UTF_8)
                .replace("\"authors\":[\"alice\"],\"licence\":\"CC-BY-4.0\",", "").getBytes(StandardCharsets.UTF_8));
        String model = a.train("No licence", files);
        a.alice().as().get(VERSION + "/bioimageio", a.lab(), model, 1).then().statusCode(400)
                .body("code", equalTo("bioimageio.card-incomplete"))
                .body("message", containsString("licence")).body("message", containsString("authors"));
        // Nor can it be published.
        ModelFixture b = ModelFixture.create();
        a.alice().as().put(VERSION + "/grants/{g}", a.lab(), model, 1, b.lab()).then().statusCode(409)
                .body("code", equalTo("publish.card-incomplete")).body("details.missing", hasItem("authors (at least one)"));
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
        ModelPackage back = ModelPackage.read(export(a.alice(), a.lab(), modelId, 200));
        assertEquals("UNet 2D Nuclei Broad", back.rdf().name());
        ModelFixture b = ModelFixture.create();
        a.alice().as().put(VERSION + "/grants/{g}", a.lab(), modelId, 1, b.lab()).then().statusCode(200)
                .body("visibility", equalTo("SHARED"));
    }
}
