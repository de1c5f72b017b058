package org.labscale.it.sharing;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;

/**
 * Both kinds of package on the packaged platform and its CPU worker, on real nuclei: lab A freezes two NIH-3T3
 * images with their masks and exports the version; lab B imports that training-set package (the same content hash)
 * and the vendor's bioimage.io U-Net ({@code ../shared/vendor}), then segments the imported set's images with the
 * imported model through the API: the job succeeds, is scored against the imported masks, and its label images
 * come back. Skipped, with a message, without the vendor package or the data.
 */
class ImportedPackagesIT {

    private static final Duration JOB = Duration.ofMinutes(6);

    @Test
    void shouldSegmentAnImportedTrainingSetWithTheImportedVendorUnet() throws Exception {
        Path vendor = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor"))
                .resolve("bioimageio/unet2d_nuclei_broad");
        assumeTrue(Files.isDirectory(vendor), "The vendor bioimage.io package is not at " + vendor.toAbsolutePath()
                + "; set -Dlabscale.vendor.dir to run this test.");
        Path nuclei = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"))
                .resolve("nuclei/nih3t3-hoechst");
        assumeTrue(Files.isDirectory(nuclei), "Real nuclei data not found at " + nuclei.toAbsolutePath()
                + "; set -Dlabscale.data.dir to run this test.");
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person alice = Lab.person(platform, "Alice");
        Person bob = Lab.person(platform, "Bob");
        UUID labA = Lab.createLab(alice, "Package lab A");
        UUID labB = Lab.createLab(bob, "Package lab B");

        // A freezes two real images with their binary masks and exports the version.
        UUID project = Lab.createProject(alice, labA, "NIH-3T3");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (Path image : pngs(nuclei.resolve("images")).subList(0, 2)) {
            String id = Lab.uploadImage(alice, project, image.getFileName().toString(), Files.readAllBytes(image),
                    "image/png", Map.of());
            String annotation = Lab.annotate(alice, id, Files.readAllBytes(nuclei.resolve("masks")
                    .resolve(image.getFileName())), "BINARY_MASK").extract().path("id");
            items.add(Map.entry(id, annotation));
        }
        String setA = Lab.trainingSet(alice, labA, "NIH-3T3 pair", items);
        String hash = alice.as().get("/api/v1/training-sets/{s}/versions/1", setA).then().statusCode(200).extract()
                .path("contentHash");
        byte[] setZip = alice.as().get("/api/v1/training-sets/{s}/versions/1/package", setA).then().statusCode(200)
                .extract().asByteArray();

        // B imports the training-set package and the vendor's U-Net.
        String setB = bob.as().contentType("application/zip").body(setZip)
                .post("/api/v1/labs/{lab}/training-sets/import", labB).then().statusCode(201)
                .body("contentHash", equalTo(hash)).extract().path("trainingSetId");
        String model = bob.as().contentType("application/zip").body(zip(vendor))
                .post("/api/v1/labs/{lab}/models/bioimageio", labB).then().statusCode(201)
                .body("card.classes", equalTo(List.of("background", "interior"))).extract().path("modelId");

        // B segments the imported set's images with the imported model: scored against the imported masks.
        String job = Jobs.submit(bob, labB, "SEGMENTATION", Map.of("modelId", model,
                "trainingSet", Map.of("trainingSetId", setB, "version", 1)), "imported-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(bob, job, JOB);
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        JsonPath result = ended.job();
        List<Map<String, Object>> images = result.getList("result.images");
        assertEquals(2, images.size(), result.prettify());
        for (int i = 0; i < images.size(); i++) {
            String at = "result.images[" + i + "]";
            assertEquals("SUCCEEDED", result.getString(at + ".status"), result.prettify());
            int cells = result.getInt(at + ".cells");
            int reference = result.getInt(at + ".scores.referenceCells");
            double jaccard = result.getDouble(at + ".scores.meanJaccard");
            System.out.printf("imported U-Net on imported %s: %d cells of %d, mean Jaccard %.3f%n",
                    result.getString(at + ".imageId"), cells, reference, jaccard);
            assertTrue(reference > 10 && cells > reference / 2, "found most nuclei: " + cells + " of " + reference);
            assertTrue(jaccard > 0.6, "matches the imported masks: mean Jaccard " + jaccard);
            byte[] labels = bob.as().get("/api/v1/labs/{lab}/jobs/{j}/output-files/{n}", labB, job,
                    result.getString(at + ".imageId") + "/labels.png").then().statusCode(200).extract()
                    .asByteArray();
            assertTrue(labels.length > 1000, "a label image came back");
        }
    }

    private static List<Path> pngs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }

    private static byte[] zip(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
            }
        }
        return bytes.toByteArray();
    }
}
