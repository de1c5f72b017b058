package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ModelCardPage;
import org.labscale.it.ui.pages.PackageImportPage;
import org.labscale.it.ui.pages.TrainingSetVersionPage;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Packages in the browser: a scientist with two labs exports a training-set version of the first (through the API)
 * and imports it into the second on the "Import a package" page (a tampered copy is refused with the file named);
 * the imported version's page offers it as a zip again. She imports the vendor's bioimage.io U-Net there too, grants
 * it to her first lab by picking that lab by name, deprecates it with a reason, and downloads it as a bioimage.io
 * package. Screenshots go to {@code target/screenshots/}. The model half is skipped without {@code ../shared/vendor}.
 */
class PackagesJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TempDir
    static Path dir;

    private static LocalPlatform platform;
    private static Person rosalind;
    private static String firstLabName;
    private static UUID secondLab;
    private static Path setZip;

    @BeforeAll
    static void aVersionExportedFromTheFirstLab() throws IOException {
        platform = LocalPlatform.get();
        rosalind = Lab.person(platform, "Rosalind Franklin");
        UUID first = Lab.createLab(rosalind, "Franklin Lab");
        firstLabName = rosalind.as().get("/api/v1/labs/{id}", first).then().extract().path("name");
        secondLab = Lab.createLab(rosalind, "Franklin Teaching Lab");
        UUID project = Lab.createProject(rosalind, first, "Discs");
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(96, 96, 9, 700 + i);
            String image = Lab.uploadImage(rosalind, project, "disc-" + i + ".png", discs.png(), "image/png",
                    Map.of("channelNames", "nuclear"));
            items.add(Map.entry(image, Lab.annotateInstances(rosalind, image, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(rosalind, first, "discs to share", items);
        setZip = Files.write(dir.resolve("discs.training-set.zip"), rosalind.as()
                .get("/api/v1/training-sets/{s}/versions/1/package", set).then().statusCode(200).extract()
                .asByteArray());
    }

    @Test
    void shouldImportPackagesByUploadAndDeprecateGrantAndDownloadInTheBrowser() throws IOException {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(rosalind.email(), rosalind.password());
        PackageImportPage page = PackageImportPage.open(browser.driver(), platform.uiUrl(), secondLab.toString());

        PackageImportPage.Outcome refused = page.trainingSet(tampered(setZip), "");
        assertEquals("refused", refused.state(), refused.toString());
        assertTrue(refused.text().contains("SHA-256") && refused.text().contains("images/"), refused.text());
        PackageImportPage.Outcome imported = page.trainingSet(setZip, "Discs from the first lab");
        assertEquals("imported", imported.state(), imported.toString());
        assertTrue(imported.text().contains("2 items"), imported.text());
        browser.screenshot("package-import");

        TrainingSetVersionPage version = TrainingSetVersionPage.open(browser.driver(), imported.link());
        assertEquals(List.of("200", "application/zip"), download(version.exportLink()).subList(0, 2),
                "the imported version downloads as a zip");

        Path vendor = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor"))
                .resolve("bioimageio/unet2d_nuclei_broad");
        assumeTrue(Files.isDirectory(vendor), "The vendor bioimage.io package is not at " + vendor.toAbsolutePath()
                + "; the model half of this test is skipped.");
        page = PackageImportPage.open(browser.driver(), platform.uiUrl(), secondLab.toString());
        PackageImportPage.Outcome model = page.model(Files.write(dir.resolve("unet.zip"), zip(vendor)),
                "Vendor U-Net");
        assertEquals("imported", model.state(), model.toString());

        ModelCardPage card = ModelCardPage.open(browser.driver(), model.link());
        card.grantOwnLab(firstLabName);
        String state = card.deprecate("superseded by our own nuclei model");
        assertTrue(state.startsWith("Deprecated: superseded by our own nuclei model"), state);
        assertTrue(state.contains("no version of this model is current"), state);
        browser.screenshot("model-sharing-deprecation");
        List<String> zip = download(card.bioimageioExport());
        assertEquals(List.of("200", "application/zip"), zip.subList(0, 2), zip.toString());
        assertTrue(Integer.parseInt(zip.get(2)) > 100_000, "the package with its weights: " + zip);
    }

    /** Fetches {@code url} in the signed-in browser: status, content type, bytes. */
    private static List<String> download(String url) {
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([String(r.status),"
                        + " String(r.headers.get('content-type')).split(';')[0], String(b.byteLength)])))"
                        + ".catch(e => done(['error', String(e), '0']));", url);
        @SuppressWarnings("unchecked")
        List<String> parts = (List<String>) answer;
        return parts;
    }

    /** The package with one byte of its first image changed (its manifest unchanged). */
    private static Path tampered(Path zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean changed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)));
             ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (!changed && e.getName().startsWith("images/")) {
                    bytes[bytes.length / 2] ^= 0x5a;
                    changed = true;
                }
                copy.putNextEntry(new ZipEntry(e.getName()));
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return Files.write(dir.resolve("tampered.zip"), out.toByteArray());
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
