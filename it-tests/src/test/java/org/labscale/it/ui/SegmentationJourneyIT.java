package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.TinyModel;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.SegmentPage;
import org.labscale.it.ui.pages.SegmentationResultPage;

/**
 * The journey 4 in the browser: a lab with a small model trained through the API (on synthetic nuclei,
 * bright discs on noise, with instance masks) segments two annotated images from the segment page, then reads the
 * result page: the label overlay drawn on the canvas, the per-cell table, the scores against the references, a row
 * selecting its cell in the viewer and a click on a cell selecting its row, and the zip downloaded through the UI.
 * Screenshots go to {@code target/screenshots/}.
 */
class SegmentationJourneyIT {

    static final int SIDE = 128;

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static Person owner;
    private static UUID lab;
    private static String modelId;
    private static int referenceCells;

    @BeforeAll
    static void labWithATrainedModel() throws InterruptedException {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        owner = Lab.person(platform, "Ruth Sager");
        lab = Lab.createLab(owner, "Sager Lab");
        modelId = new TinyModel(300, 2000, 2, 11).train(owner, lab, "synthetic nuclei").job()
                .getString("result.modelId");
        UUID toSegment = Lab.createProject(owner, lab, "Discs to segment");
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 14, 400 + i);
            String image = Lab.uploadImage(owner, toSegment, "sample-" + i + ".png", discs.png(), "image/png",
                    Map.of("channelNames", "DAPI"));
            Lab.annotateInstances(owner, image, discs.maskPng(), discs.cells());
            referenceCells += discs.cells();
        }
    }

    @Test
    void shouldSegmentImagesFromTheBrowserAndShowOverlayCellsAndScores() throws Exception {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());

        SegmentPage cancelled = SegmentPage.open(browser.driver(), platform.uiUrl(), lab.toString(), modelId + ":1");
        int jobsBefore = jobCount();
        cancelled.cancel();
        assertEquals(jobsBefore, jobCount(), "a cancelled segment page creates nothing");

        SegmentPage page = SegmentPage.open(browser.driver(), platform.uiUrl(), lab.toString(), modelId + ":1");
        assertEquals("synthetic nuclei \u00b7 v1", page.model(), "preselected by ?modelVersion=");
        assertTrue(page.postProcessingSource().contains("synthetic nuclei \u00b7 v1"), page.postProcessingSource());
        page.project("Discs to segment").images(List.of("sample-0.png", "sample-1.png"));
        assertEquals("1 \u00b7 DAPI", page.channelFor("nuclear"), "the model's nuclear input reads DAPI");
        browser.screenshot("segment-form");

        SegmentationResultPage result = page.submit().waitUntilEnded(Duration.ofMinutes(2));
        assertEquals("SUCCEEDED", result.state());
        assertTrue(result.summary().startsWith("2 image(s), 2 segmented"), result.summary());
        List<List<String>> scores = result.scores();
        assertEquals(3, scores.size(), "two images and the pooled row: " + scores);
        assertEquals("All images", scores.get(2).get(0));
        assertEquals(Integer.toString(referenceCells), scores.get(2).get(1), "reference cells of both images: "
                + scores);

        result.waitForOverlay();
        Map<String, Long> drawn = result.colours();
        assertTrue(drawn.get("yellow") > 300, "cell outlines are drawn over the image: " + drawn);
        assertEquals(0, drawn.get("cyan"), "no cell selected yet: " + drawn);
        List<List<String>> cells = result.cells();
        assertTrue(cells.size() >= 5, "the cells of sample-0.png: " + cells);
        assertTrue(result.histogramCount("area-histogram") >= 5);

        String first = cells.get(0).get(0);
        result.clickRow(0);
        assertEquals(first, result.selectedLabel(), "the row's cell is selected");
        assertEquals(Long.parseLong(first), result.viewerSelection(), "and highlighted in the viewer");
        assertTrue(result.colours().get("cyan") > 20, "the selected cell is drawn filled in cyan");
        result.scrollToTop(); // the row's click scrolled to the table: the screenshot shows the page as it opens
        browser.screenshot("segmentation-result");

        List<String> other = cells.get(cells.size() - 1);
        double x = Double.parseDouble(other.get(2)), y = Double.parseDouble(other.get(3));
        result.clickImageAt(x, y);
        assertEquals(other.get(0), result.selectedLabel(), "a click on a cell in the viewer selects its row");
        assertEquals(Long.parseLong(other.get(0)), result.viewerSelection());

        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(result.zipLink()))
                .header("Cookie", result.sessionCookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        Set<String> entries = entries(zip.body());
        assertTrue(entries.contains("scores.json") && entries.contains("report.json")
                && entries.stream().filter(e -> e.endsWith("/cells.csv")).count() == 2, entries.toString());
        HttpResponse<byte[]> signedOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(result.zipLink())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertNotEquals(200, signedOut.statusCode(), "without the session, no download");
    }

    private static int jobCount() {
        return owner.as().get("/api/v1/labs/{lab}/jobs", lab).then().statusCode(200).extract().path("total");
    }

    private static Set<String> entries(byte[] zip) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
