package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.labscale.it.support.SyntheticSeries;
import org.labscale.it.support.TinyModel;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.SeriesPage;
import org.labscale.it.ui.pages.ShellPage;
import org.labscale.it.ui.pages.TrackPage;
import org.labscale.it.ui.pages.ViewerPage;
import org.labscale.tracking.plot.TrackColours;

/**
 * Issue 19's series viewer (and issue 17's frame slider) in the browser: a lab with a tiny model trained through the
 * API on synthetic nuclei has a synthetic 5-frame time-lapse (discs drifting, one dividing). The image viewer's
 * frame slider shows another frame's tiles; the track page refuses a one-frame series with the API's sentence and
 * creates nothing, shows the tracker's defaults explained, and submits a TRACKING job; the series page then shows
 * every frame's cells outlined in their track's colour — the same colour in two frames, the lineage tree's colour
 * for that track, different for tracks of other colours — a click on a cell shows its track with its area curve, and
 * the figures, the merge check, the scores' panel and the downloads are there. Another lab's member gets "not found"
 * for the page and for its track masks. Screenshots go to {@code target/screenshots/}.
 */
class TrackingJourneyIT {

    static final int FRAMES = 5;

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static Person owner;
    private static UUID lab;
    private static String seriesImage;
    private static int discs;

    @BeforeAll
    static void labWithAModelAndASeries() throws InterruptedException {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        owner = Lab.person(platform, "Barbara McClintock");
        lab = Lab.createLab(owner, "McClintock Lab");
        new TinyModel(500, 1000, 1, 19).train(owner, lab, "synthetic nuclei");
        UUID timelapse = Lab.createProject(owner, lab, "Time-lapse");
        SyntheticSeries series = SyntheticSeries.generate(4, 3, FRAMES, 19);
        discs = 12;
        seriesImage = Lab.uploadImage(owner, timelapse, "cells.tif", series.tiff(), "image/tiff",
                Map.of("pageMode", "FRAMES", "channelNames", "nuclear"));
        Lab.uploadImage(owner, timelapse, "still.png", SyntheticNuclei.generate(128, 96, 8, 77).png(), "image/png",
                Map.of("channelNames", "nuclear"));
    }

    @Test
    void shouldTrackASeriesFromTheBrowserAndFollowATrackAcrossFrames() throws Exception {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());

        ViewerPage image = ViewerPage.open(browser.driver(), platform.uiUrl(), lab.toString(), seriesImage)
                .waitForTiles();
        assertEquals("Frame 1 of " + FRAMES, image.frameLabel());
        image.frame(3).waitForTiles();
        assertEquals("Frame 4 of " + FRAMES, image.frameLabel());
        assertTrue(image.tileRequests().stream().anyMatch(u -> u.contains("frame=3")),
                "the image viewer's slider fetched frame 4's tiles: " + image.tileRequests());

        TrackPage page = TrackPage.open(browser.driver(), platform.uiUrl(), lab.toString());
        assertEquals("synthetic nuclei \u00b7 v1", page.model());
        page.project("Time-lapse").series("cells.tif");
        assertEquals("Fluorescent nuclei (20-40 px across)", page.preset());
        assertEquals("30", page.value("tracker-max-distance"), "the nuclei preset's defaults are prefilled");
        assertEquals("1", page.value("tracker-gap-frames"));
        assertTrue(page.divisions());
        assertTrue(page.helper("tracker-gap-frames").contains("reappears"), "each setting has its sentence");
        page.interval("10");
        browser.screenshot("track-form");

        int jobsBefore = jobCount();
        String refusal = page.source("One image per frame, in name order").frames(List.of("still.png"))
                .submitRefused();
        assertTrue(refusal.startsWith("imageIds must list 2 to"), "the API's sentence: " + refusal);
        assertEquals(jobsBefore, jobCount(), "a refused series creates no job");
        page.source("One image whose pages are the frames");

        SeriesPage series = page.submit().waitUntilEnded(Duration.ofMinutes(2));
        assertEquals("SUCCEEDED", series.state(), series.error());
        assertTrue(series.summary().startsWith(FRAMES + " frames"), series.summary());

        series.waitForOverlay("mask000");
        List<Long> first = series.labels();
        Map<Long, List<Long>> colours = new LinkedHashMap<>();
        for (long id : first) {
            colours.put(id, series.colourOf(id));
        }
        series.frame(1).waitForOverlay("mask001");
        assertEquals("Frame 2 of " + FRAMES + " \u00b7 10 min", series.frameLabel());
        assertTrue(series.tileRequests().stream().anyMatch(u -> u.contains("frame=1")),
                "the slider shows frame 2's pixels: " + series.tileRequests());
        List<Long> second = series.labels();
        List<Long> kept = first.stream().filter(second::contains).toList();
        assertTrue(kept.size() >= discs / 2, "most tracks go on from frame 1 to 2: " + first + " -> " + second);
        for (long id : kept) {
            List<Long> now = series.colourOf(id);
            assertEquals(colours.get(id), now, "track " + id + " keeps its colour from frame 1 to frame 2");
            int rgb = TrackColours.of((int) id);
            assertEquals(List.of((long) (rgb >> 16 & 255), (long) (rgb >> 8 & 255), (long) (rgb & 255)), now,
                    "track " + id + " has the lineage tree's colour");
        }
        long a = kept.get(0);
        long b = kept.stream().filter(id -> (id - 1) % 7 != (a - 1) % 7).findFirst().orElseThrow();
        assertNotEquals(series.colourOf(a), series.colourOf(b), "tracks " + a + " and " + b + " differ");

        series.next().waitForOverlay("mask002");
        assertEquals("Frame 3 of " + FRAMES + " \u00b7 20 min", series.frameLabel(), "the step button");
        List<Long> third = series.labels();
        long picked = kept.stream().filter(third::contains).findFirst().orElseThrow();
        List<Number> centre = series.centreOf(picked);
        series.clickImageAt(centre.get(0).doubleValue(), centre.get(1).doubleValue());
        assertEquals(Long.toString(picked), series.pickedTrack(), "a click on a cell picks its track");
        assertEquals("Track " + picked, series.trackTitle());
        assertTrue(series.trackFacts().contains("frames "), series.trackFacts());
        assertTrue(series.areaCurvePoints() >= 3, "the track's area over its frames: " + series.areaCurvePoints());
        browser.screenshot("series-viewer");

        Map<String, Long> figures = series.figures();
        for (String name : List.of("lineage-tree", "growth-rate-histogram", "growth-rate-map")) {
            assertNotNull(figures.get(name), "figure " + name + " is shown: " + figures);
            assertTrue(figures.get(name) > 200, name + " is a decoded picture: " + figures);
        }
        assertTrue(series.mergeCheck().matches("\\d+ of \\d+ cells .*grew by 30% or more.*"), series.mergeCheck());
        assertTrue(series.scores().contains("Not scored"), "this series has no ground truth: " + series.scores());
        browser.screenshot("series-figures");
        int reached = series.playAndPause();
        assertNotEquals(2, reached, "play moved on from frame 3 by itself");

        Set<String> entries = entries(download(series.link("series-zip"), series.sessionCookie()).body());
        assertTrue(entries.containsAll(List.of("ctc/res_track.txt", "ctc/mask000.tif", "tracks.csv", "report.json",
                "figures/lineage-tree.png", "figures/lineage-tree.csv")), entries.toString());
        HttpResponse<byte[]> tracksCsv = download(series.link("series-tracks-csv"), series.sessionCookie());
        assertEquals(200, tracksCsv.statusCode());
        assertTrue(new String(tracksCsv.body()).startsWith("track_id,parent_track_id,frame"));
        String mask = series.link("series-zip").replace("outputs.zip", "track-map/mask000.png");
        assertNotEquals(200, download(mask, "").statusCode(), "without the session, no track mask");

        String seriesUrl = browser.driver().getCurrentUrl();
        browser.signOutAll();
        Person outsider = Lab.person(platform, "Outside Reader");
        Lab.createLab(outsider, "Outsider Lab");
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(outsider.email(), outsider.password());
        String missing = ShellPage.notFoundText(browser.driver(), platform.uiUrl() + "/labs/" + lab + "/jobs/"
                + UUID.randomUUID() + "/series");
        assertEquals(missing, ShellPage.notFoundText(browser.driver(), seriesUrl), "another lab's series page");
        HttpResponse<byte[]> foreign = download(mask, cookie());
        assertEquals(404, foreign.statusCode(), "another lab's track mask answers like a missing one");
    }

    private static String cookie() {
        return browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((x, y) -> x + "; " + y).orElse("");
    }

    private static HttpResponse<byte[]> download(String url, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
