package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.SyntheticSeries;
import org.labscale.it.support.TinyModel;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.SegmentationResultPage;
import org.labscale.it.ui.pages.SeriesPage;
import org.labscale.it.ui.pages.ViewerPage;
import org.labscale.tracking.plot.TrackColours;

/**
 * Overlays of images above the viewer's whole-overlay limit ({@code labscale.ui.viewer.overlay-max-pixels}), drawn by
 * overlay tiles in a real browser: a second packaged web UI runs with a limit of 256 x 256 pixels, so a 600 x 400
 * image, its annotation, its segmentation and a 320 x 288 time-lapse all take the tiled path that 20,000 x 20,000
 * images take with the default limit. Each page is checked on the browser's real requests (tiles only, all answered
 * 200, the whole overlay never asked for) and on the canvas: outlines where the cells' edges are, fills inside them,
 * the opacity blended as set, the hovered and clicked cell, each track in its lineage colour from frame to frame.
 * Screenshots go to {@code target/screenshots/}.
 */
class LargeOverlayJourneyIT {

    /** The second UI's limit: every image of this test is larger. */
    static final long OVERLAY_MAX_PIXELS = 256 * 256;
    static final int WIDTH = 600;
    static final int HEIGHT = 400;

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static LocalPlatform.WebUi ui;
    private static Person owner;
    private static UUID lab;
    private static SyntheticNuclei field;
    private static String image;
    private static String segmentation;
    private static String tracking;

    @BeforeAll
    static void largeImagesSegmentedAndTracked() throws InterruptedException {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        ui = platform.startWebUi("web-ui-small-overlay-limit",
                Map.of("LABSCALE_UI_VIEWER_OVERLAY_MAX_PIXELS", Long.toString(OVERLAY_MAX_PIXELS)));
        owner = Lab.person(platform, "Lynn Margulis");
        lab = Lab.createLab(owner, "Margulis Lab");
        String model = new TinyModel(700, 1000, 1, 23).train(owner, lab, "tiled nuclei").job()
                .getString("result.modelId");

        UUID project = Lab.createProject(owner, lab, "Large fields");
        field = SyntheticNuclei.generate(WIDTH, HEIGHT, 60, 901);
        image = Lab.uploadImage(owner, project, "field.png", field.png(), "image/png",
                Map.of("channelNames", "nuclear"));
        Lab.annotateInstances(owner, image, field.maskPng(), field.cells());
        SyntheticSeries series = SyntheticSeries.generate(10, 9, 3, 29);
        String seriesImage = Lab.uploadImage(owner, project, "cells.tif", series.tiff(), "image/tiff",
                Map.of("pageMode", "FRAMES", "channelNames", "nuclear"));

        segmentation = Jobs.submit(owner, lab, "SEGMENTATION", Map.of("modelId", model, "modelVersion", 1,
                "imageIds", List.of(image)), "segment-" + UUID.randomUUID());
        tracking = Jobs.submit(owner, lab, "TRACKING", Map.of("imageId", seriesImage, "modelId", model),
                "track-" + UUID.randomUUID());
        for (String job : List.of(segmentation, tracking)) {
            Jobs.Ended ended = Jobs.await(owner, job, Duration.ofMinutes(3));
            assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        }
    }

    @AfterAll
    static void stopTheSecondUi() {
        if (ui != null) {
            ui.process().stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void shouldDrawTheAnnotationOverlayByTilesWithOutlinesFillsAndOpacity() {
        LoginPage.open(browser.driver(), ui.url()).signIn(owner.email(), owner.password());
        ViewerPage page = ViewerPage.open(browser.driver(), ui.url(), lab.toString(), image).waitForTiles();
        page.overlay("nuclei", "Outlines").waitForTiledOverlay();

        List<String> tiles = page.requests("/class-map/tiles/");
        assertTrue(tiles.size() >= 2, "the visible overlay tiles were fetched: " + tiles);
        assertTrue(tiles.stream().allMatch(r -> r.startsWith("200 ")), "every overlay tile answered: " + tiles);
        assertTrue(tiles.stream().allMatch(r -> r.contains("/class-map/tiles/" + page.level() + "/")),
                "tiles of the level shown (" + page.level() + "): " + tiles);
        for (String held : page.overlayTiles()) {
            assertTrue(tiles.stream().anyMatch(r -> r.endsWith(held.substring(held.indexOf("/annotations/")))),
                    "the viewer's tile " + held + " came from a request: " + tiles);
        }
        assertTrue(page.requests("/class-map").stream().allMatch(r -> r.contains("/class-map/tiles/")),
                "the whole class map is never read: " + page.requests("/class-map"));

        Disc disc = Disc.largest(field);
        List<Long> edge = page.rgbAt(disc.left(), disc.cy());
        List<Long> centre = page.rgbAt(disc.cx(), disc.cy());
        assertTrue(yellow(edge), "the cell's edge is outlined in yellow: " + edge);
        assertTrue(grey(centre), "outlines leave the cell's inside as the image: " + centre);

        page.overlay("nuclei", "Filled").waitForTiledOverlay().opacity(100).waitForTiledOverlay();
        assertEquals(List.of(0L, 200L, 255L), page.rgbAt(disc.cx(), disc.cy()),
                "filled at full opacity: the interior colour itself");
        browser.screenshot("large-annotation-overlay");
        page.opacity(0);
        List<Long> plain = page.rgbAt(disc.cx(), disc.cy());
        assertTrue(grey(plain), "opacity 0 shows the image alone: " + plain);
        page.opacity(40).waitForTiledOverlay();
        // this disc's centre row is the first of the second tile row: where neighbouring tiles overlap
        List<Long> blended = page.rgbAt(disc.cx(), disc.cy());
        long[] expected = {Math.round(0.6 * plain.get(0)), Math.round(0.4 * 200 + 0.6 * plain.get(1)),
                Math.round(0.4 * 255 + 0.6 * plain.get(2))};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(blended.get(c) - expected[c]) <= 3, "40% of the fill over the image, once: "
                    + blended + " vs " + List.of(expected[0], expected[1], expected[2]));
        }
    }

    @Test
    void shouldDrawTheSegmentationByTilesAndShowTheHoveredAndClickedCell() {
        LoginPage.open(browser.driver(), ui.url()).signIn(owner.email(), owner.password());
        SegmentationResultPage page = SegmentationResultPage.open(browser.driver(), ui.url(), lab.toString(),
                segmentation).waitUntilEnded(Duration.ofSeconds(30)).waitForTiledOverlay();

        List<String> tiles = page.requests("/label-map/" + image + "/tiles/");
        assertTrue(tiles.size() >= 2, "the visible label tiles were fetched: " + tiles);
        assertTrue(tiles.stream().allMatch(r -> r.startsWith("200 ")), "every label tile answered: " + tiles);
        assertEquals(List.of(), page.requests("/label-map/" + image + ".png"), "the whole label mask is never read");
        Map<String, Long> drawn = page.colours();
        assertTrue(drawn.get("yellow") > 1000, "the cells are outlined over the image: " + drawn);
        assertEquals(0, drawn.get("cyan"), "no cell selected yet: " + drawn);

        List<List<String>> cells = page.cells();
        List<String> cell = cells.get(cells.size() - 1);
        long label = Long.parseLong(cell.get(0));
        double x = Double.parseDouble(cell.get(2)), y = Double.parseDouble(cell.get(3));
        assertEquals(label, page.labelAt((int) x, (int) y), "the tile under the cell's centre has its label");
        assertTrue(grey(page.rgbAt(x, y)), "outlines leave the cell's inside as the image");
        String status = page.hover(x, y);
        assertTrue(status.contains("cell " + label + ": "), "hovering names the cell and its measurements: " + status);

        page.clickImageAt(x, y);
        assertEquals(Long.toString(label), page.selectedLabel(), "a click on the cell selects its row");
        assertEquals(label, page.viewerSelection());
        assertTrue(page.colours().get("cyan") > 20, "the selected cell is filled cyan: " + page.colours());

        page.style("Filled");
        List<Long> selectedFill = page.rgbAt(x, y);
        assertTrue(selectedFill.get(0) < 90 && selectedFill.get(1) > 150 && selectedFill.get(2) > 150,
                "the selected cell stays filled cyan: " + selectedFill);
        List<String> other = cells.get(0);
        List<Long> otherFill = page.rgbAt(Double.parseDouble(other.get(2)), Double.parseDouble(other.get(3)));
        assertFalse(grey(otherFill), "filled: another cell's inside has its own colour: " + otherFill);
        page.scrollToTop();
        browser.screenshot("large-segmentation-overlay");
    }

    @Test
    void shouldDrawTracksByTilesInTheirLineageColourInEveryFrame() {
        LoginPage.open(browser.driver(), ui.url()).signIn(owner.email(), owner.password());
        SeriesPage series = SeriesPage.open(browser.driver(), ui.url(), lab.toString(), tracking)
                .waitUntilEnded(Duration.ofSeconds(30)).waitForTiledOverlay("mask000");
        List<String> tiles = series.requests("/track-map/mask000/tiles/");
        assertTrue(tiles.size() >= 2, "the visible track tiles were fetched: " + tiles);
        assertTrue(tiles.stream().allMatch(r -> r.startsWith("200 ")), "every track tile answered: " + tiles);
        assertEquals(List.of(), series.requests("/track-map/mask000.png"), "the whole mask is never read");

        List<Long> first = series.labels();
        assertTrue(first.size() >= 45, "most of the 90 discs are tracked in frame 1: " + first);
        for (long id : first.subList(0, 5)) {
            int rgb = TrackColours.of((int) id);
            assertEquals(List.of((long) (rgb >> 16 & 255), (long) (rgb >> 8 & 255), (long) (rgb & 255)),
                    series.colourOf(id), "track " + id + " has the lineage tree's colour");
        }
        series.frame(1).waitForTiledOverlay("mask001");
        assertTrue(series.requests("/track-map/mask001/tiles/").size() >= 2, "frame 2's tiles were fetched");
        List<Long> second = series.labels();
        long kept = first.stream().filter(second::contains).findFirst().orElseThrow();
        int rgb = TrackColours.of((int) kept);
        assertEquals(List.of((long) (rgb >> 16 & 255), (long) (rgb >> 8 & 255), (long) (rgb & 255)),
                series.colourOf(kept), "track " + kept + " keeps its colour in frame 2");
        List<Number> centre = series.centreOf(kept);
        series.clickImageAt(centre.get(0).doubleValue(), centre.get(1).doubleValue());
        assertEquals(Long.toString(kept), series.pickedTrack(), "a click on a cell picks its track");
        browser.screenshot("large-series-overlay");
    }

    private static boolean yellow(List<Long> rgb) {
        return rgb.get(0) > 150 && rgb.get(1) > 120 && rgb.get(2) < 90;
    }

    private static boolean grey(List<Long> rgb) {
        return Math.abs(rgb.get(0) - rgb.get(1)) <= 3 && Math.abs(rgb.get(1) - rgb.get(2)) <= 3;
    }

    /** A disc of the synthetic field: its centre and its leftmost pixel on the centre row. */
    private record Disc(int cx, int cy, int left) {

        static Disc largest(SyntheticNuclei f) {
            int[] count = new int[f.cells() + 1];
            for (int l : f.labels()) {
                count[l]++;
            }
            int best = 1;
            for (int l = 2; l <= f.cells(); l++) {
                best = count[l] > count[best] ? l : best;
            }
            long sx = 0, sy = 0;
            for (int p = 0; p < f.labels().length; p++) {
                if (f.labels()[p] == best) {
                    sx += p % f.width();
                    sy += p / f.width();
                }
            }
            int cx = (int) (sx / count[best]), cy = (int) (sy / count[best]);
            int left = cx;
            while (left > 0 && f.labels()[cy * f.width() + left - 1] == best) {
                left--;
            }
            return new Disc(cx, cy, left);
        }
    }
}
