package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ModelCardPage;
import org.labscale.it.ui.pages.ProjectPage;
import org.labscale.it.ui.pages.ProjectPage.Outcome;
import org.labscale.it.ui.pages.SegmentPage;
import org.labscale.it.ui.pages.SegmentationResultPage;
import org.labscale.it.ui.pages.TrainingJobPage;
import org.labscale.it.ui.pages.TrainingSetVersionPage;
import org.labscale.it.ui.pages.TrainingSetsPage;
import org.labscale.it.ui.pages.ViewerPage;

/**
 * Issue 17's done-when, on real microscopy: a new user signs in and, without leaving the browser, creates a lab and a
 * project, uploads four GOWT1 nucleus images ({@code ../shared/data/nuclei/gowt1-gfp}) and their reference masks,
 * freezes a training set of three, trains a small net, segments the fourth image with the model's recommended
 * post-processing, and reads the result page: the scores against the reference, the overlay and the per-cell
 * table. Skipped, with a message, without the data.
 */
class RealNucleiBrowserJourneyIT {

    private static final List<String> TRAIN = List.of("t01.tif", "t21.tif", "t31.tif");
    private static final String TEST = "t52.tif";
    private static final Pattern LAB = Pattern.compile("/labs/([0-9a-f-]{36})/");

    @RegisterExtension
    static final Browser browser = new Browser();

    private static Path gowt1;
    private static LocalPlatform platform;

    @BeforeAll
    static void data() {
        gowt1 = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).resolve("nuclei/gowt1-gfp");
        assumeTrue(Files.isDirectory(gowt1), "GOWT1 nuclei not found at " + gowt1.toAbsolutePath()
                + "; set -Dlabscale.data.dir to run this test.");
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
    }

    @Test
    void shouldGoFromSignInToAScoredSegmentationOfRealNucleiInTheBrowser() {
        Person person = Lab.person(platform, "Hilde Mangold");
        ProjectPage project = LoginPage.open(browser.driver(), platform.uiUrl())
                .signIn(person.email(), person.password())
                .createLab("Mangold Lab", "Embryonic stem cells")
                .createProject("GOWT1", "GFP-tagged nuclei, confocal", "nuclei")
                .openProject("GOWT1");
        String labId = labId(browser.driver().getCurrentUrl());

        List<Path> images = Stream.concat(TRAIN.stream(), Stream.of(TEST))
                .map(name -> gowt1.resolve("images").resolve(name)).toList();
        List<Outcome> outcomes = project.upload("nuclear", "", images);
        assertTrue(outcomes.stream().allMatch(Outcome::stored), outcomes.toString());
        for (Path image : images) {
            String name = image.getFileName().toString();
            ViewerPage viewer = project.openImage(name);
            String stored = viewer.uploadMask(gowt1.resolve("masks").resolve(name));
            assertTrue(stored.matches(Pattern.quote(name) + ": default v1, \\d+ cells.*"), stored);
            browser.driver().navigate().back();
            project = ProjectPage.current(browser.driver());
            project.galleryRange(images.size());
        }

        TrainingSetsPage.Builder builder = TrainingSetsPage.open(browser.driver(), platform.uiUrl(), labId)
                .newSet("GOWT1");
        builder.annotations(images.size());
        builder.name("GOWT1 nuclei");
        TRAIN.forEach(builder::tick);
        TrainingSetVersionPage version = builder.freeze();
        assertEquals(3, version.items(3).size());
        assertTrue(version.openTraining().startsWith("nuclear-net-fast"), "nuclei, fast net: the default task");
        TrainingJobPage training = version.train(3000, 2, 1);
        assertEquals("Succeeded", training.waitUntilFinal(Duration.ofMinutes(6)));
        ModelCardPage card = training.openModel();
        assertTrue(card.summary().contains("nuclear-net-fast"), card.summary());

        browser.driver().get(card.segmentLink());
        SegmentationResultPage result = SegmentPage.current(browser.driver()).project("GOWT1")
                .images(List.of(TEST)).submit().waitUntilEnded(Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", result.state(), result.summary());
        List<List<String>> scores = result.scores();
        List<String> pooled = scores.get(scores.size() - 1);
        assertEquals("All images", pooled.get(0), scores.toString());
        double jaccard = Double.parseDouble(pooled.get(3));
        System.out.println("GOWT1 " + TEST + " segmented in the browser: " + pooled);
        assertTrue(jaccard > 0.6, "mean per-cell Jaccard on real nuclei: " + scores);
        result.waitForOverlay();
        Map<String, Long> drawn = result.colours();
        assertTrue(drawn.get("yellow") > 300, "cell outlines are drawn over the image: " + drawn);
        assertTrue(result.cells().size() >= 10, "the per-cell table lists the nuclei");
        browser.screenshot("real-nuclei-result");
    }

    private static String labId(String url) {
        Matcher m = LAB.matcher(url);
        assertTrue(m.find(), "a lab's page: " + url);
        return m.group(1);
    }
}
