package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ModelCardPage;
import org.labscale.it.ui.pages.ModelsPage;
import org.labscale.it.ui.pages.ProjectPage;
import org.labscale.it.ui.pages.ShellPage;
import org.labscale.it.ui.pages.TrainingJobPage;
import org.labscale.it.ui.pages.TrainingSetVersionPage;
import org.labscale.it.ui.pages.TrainingSetsPage;
import org.labscale.it.ui.pages.ViewerPage;

/**
 * The journey 3 in the browser: build a training set from annotated images (synthetic nuclei uploaded with
 * the API), start a tiny training job (nuclear-net-fast, 400 patches x 3 epochs x 2 members, about a minute on the
 * platform's CPU worker), watch its curve grow on the job page, and read the model card; a viewer of the lab sees
 * those pages without any button to create, train or cancel; another lab's member gets "not found". Screenshots go
 * to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final int SIDE = 128;

    private static LocalPlatform platform;
    private static Person owner;
    private static Person viewer;
    private static Person stranger;
    private static UUID lab;
    private static UUID project;
    private static String plainId;
    private static String setVersionUrl;
    private static String jobUrl;
    private static String modelUrl;

    @BeforeAll
    static void labWithAnnotatedImages() {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        owner = Lab.person(platform, "Alice Ball");
        viewer = Lab.person(platform, "Lise Meitner");
        stranger = Lab.person(platform, "Otto Hahn");
        lab = Lab.createLab(owner, "Ball Lab");
        Lab.invite(owner, lab, viewer, "VIEWER");
        Lab.createLab(stranger, "Hahn Lab");
        project = Lab.createProject(owner, lab, "Discs");
        for (int i = 0; i < 3; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 14, 300 + i);
            String image = Lab.uploadImage(owner, project, "discs-" + i + ".png", discs.png(), "image/png",
                    Map.of("channelNames", "nuclear", "pixelSizeUm", "0.5"));
            Lab.annotateInstances(owner, image, discs.maskPng(), discs.cells());
        }
        plainId = Lab.uploadImage(owner, project, "plain.png", SyntheticNuclei.generate(SIDE, SIDE, 5, 9).png(),
                "image/png", Map.of("channelNames", "nuclear"));
    }

    @Test
    @Order(1)
    void shouldBuildATrainingSetTrainWithLiveCurvesAndShowTheModelCard() {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());
        TrainingSetsPage sets = TrainingSetsPage.open(browser.driver(), platform.uiUrl(), lab.toString());
        assertEquals(List.of("Projects", "Training sets", "Models", "Model zoo", "Jobs", "Lab settings"), sets.menu());

        TrainingSetsPage.Builder builder = sets.newSet("Discs");
        Map<String, String> offered = builder.annotations(4);
        assertEquals("", offered.get("plain.png"), offered.toString());
        assertTrue(offered.get("discs-0.png").matches("nuclei v1 \u00b7 instance mask \u00b7 \\d+ cells"),
                offered.toString());
        assertFalse(builder.selectable("plain.png"), "an image without annotation cannot be picked");
        assertEquals("nuclear", builder.role(0), "prefilled from the channel name");
        builder.tick("discs-0.png").cancel();
        assertEquals(0, owner.as().get("/api/v1/labs/{lab}/training-sets", lab).then().statusCode(200)
                .extract().jsonPath().getInt("total"), "a cancelled dialog creates nothing");

        builder = sets.newSet("Discs").tick("discs-0.png");
        String apisSentence = owner.as().body(Map.of("name", "")).post("/api/v1/labs/{lab}/training-sets", lab)
                .then().statusCode(400).extract().path("message");
        assertEquals(apisSentence, builder.name(" ").freezeExpectingError(), "the API's sentence next to the name");
        TrainingSetVersionPage version = builder.name("Synthetic discs").tick("discs-1.png").tick("discs-2.png")
                .freeze();
        JsonPath stored = owner.as().get("/api/v1/labs/{lab}/training-sets", lab).then().extract().jsonPath();
        assertEquals(1, stored.getInt("total"), "the refused attempt left no set behind");
        String setId = stored.getString("items[0].id");
        String hash = version.hash();
        assertEquals(owner.as().get("/api/v1/training-sets/{s}/versions/1", setId).then().extract()
                .path("contentHash"), hash);
        List<List<String>> items = version.items(3);
        assertTrue(items.stream().allMatch(r -> r.get(2).startsWith("nuclei v1") && r.get(3).matches("\\d+")
                && r.get(4).equals("0 nuclear")), items.toString());
        assertEquals(List.of("Training sets", "Synthetic discs", "Version 1"), version.breadcrumbs().subList(1, 4),
                "after the lab's name");
        setVersionUrl = browser.driver().getCurrentUrl();
        browser.screenshot("training-set-version");

        assertTrue(version.openTraining().startsWith("nuclear-net-fast"), "nuclei, fast net: the default task");
        assertTrue(version.pixelSizeHelp().endsWith("empty: the finest of the images' pixel sizes (here 0.5 \u00b5m"
                + " per pixel)."), version.pixelSizeHelp());
        String tooFine = version.trainExpectingError("train-pixel-size", "0.001");
        assertTrue(tooFine.contains("cannot be brought to the training's 0.001 um per pixel"), tooFine);
        version.pixelSize("0.5");
        String refused = version.trainExpectingError("train-patches", "50");
        assertTrue(refused.startsWith("patchesPerEpoch must be"), refused);
        TrainingJobPage job = version.train(400, 3, 2);
        jobUrl = browser.driver().getCurrentUrl();
        assertTrue(job.estimate().startsWith("Estimated time: about"), job.estimate());
        assertTrue(job.offersCancel() || !job.state().matches("Queued|Running"), "members may cancel");

        int early = job.waitForPoints(1, Duration.ofMinutes(3));
        assertTrue(early >= 1 && early < 6, "the first epochs are drawn while the job runs: " + early);
        browser.screenshot("training-curves-running");
        assertEquals("Succeeded", job.waitUntilFinal(Duration.ofMinutes(4)));
        int late = job.waitForPoints(6, Duration.ofSeconds(30));
        assertEquals(6, late, "2 members x 3 epochs");
        assertTrue(late > early, "the curve grew: " + early + " -> " + late);
        assertEquals(12, job.circles(), "validation loss and accuracy per point");
        browser.screenshot("training-curves");

        ModelCardPage card = job.openModel();
        modelUrl = browser.driver().getCurrentUrl();
        assertTrue(card.summary().contains("nuclear \u2192 background, boundary, interior"), card.summary());
        assertTrue(card.summary().contains("nuclear-net-fast"), card.summary());
        assertTrue(card.pixelSize().startsWith("0.5 \u00b5m per pixel: images with a pixel size are resampled to it"),
                card.pixelSize());
        assertEquals(6, card.curvePoints(), "the card's curves are the job's");
        assertTrue(card.metricKeys().contains("balancedPixelAccuracy"), card.metricKeys().toString());
        assertTrue(card.quality().contains("Member 1:") && card.quality().contains("Member 2:"), card.quality());
        assertFalse(card.postProcessing().isEmpty());
        assertTrue(card.provenance().contains(hash) || card.provenance().contains("Seed"),
                card.provenance());
        assertEquals(2, card.downloads().size());
        assertTrue(card.downloads().get(0).contains("/ui-download/labs/" + lab + "/models/"),
                card.downloads().toString());
        assertTrue(card.segmentLink().contains("/labs/" + lab + "/segment?modelVersion="), card.segmentLink());
        browser.screenshot("model-card");

        List<List<String>> models = ModelsPage.open(browser.driver(), platform.uiUrl(), lab.toString()).rows(1);
        assertEquals("Synthetic discs", models.get(0).get(0));
        assertEquals("Version 1", models.get(0).get(1));
        assertEquals("nuclear-net-fast", models.get(0).get(2));
        assertEquals("private", models.get(0).get(7));

        ProjectPage gallery = ProjectPage.open(browser.driver(), platform.uiUrl(), lab.toString(),
                project.toString());
        assertTrue(gallery.imageFacts("discs-0.png").endsWith("0.5 \u00b5m/px"), gallery.imageFacts("discs-0.png"));
        assertFalse(gallery.imageFacts("plain.png").contains("\u00b5m/px"), "plain.png has no pixel size");
        ViewerPage image = gallery.openImage("discs-0.png");
        assertTrue(image.facts().contains("0.5 \u00b5m/px"), image.facts());

        // plain.png was uploaded without a pixel size: set one on its page (a bad one refused next to the field)
        ViewerPage plain = ProjectPage.open(browser.driver(), platform.uiUrl(), lab.toString(), project.toString())
                .openImage("plain.png");
        assertTrue(plain.facts().contains("pixel size unknown"), plain.facts());
        String negative = plain.savePixelSize("-1");
        assertTrue(negative.startsWith("pixelSizeUm must be a positive number"), negative);
        assertTrue(plain.savePixelSize("0.25").startsWith("Saved: 0.25 \u00b5m/px."), "saved");
        assertTrue(plain.facts().contains("0.25 \u00b5m/px"), plain.facts());
        assertEquals(0.25f, owner.as().get("/api/v1/images/{id}", plainId).then().extract().<Float>path(
                "pixelSizeUm"));
        // typed by mistake: emptied and saved, the pixel size is unknown again
        assertTrue(plain.savePixelSize("").startsWith("Cleared: pixel size unknown"), "cleared");
        browser.screenshot("image-pixel-size-cleared");
        assertTrue(plain.facts().contains("pixel size unknown"), plain.facts());
        assertNull(owner.as().get("/api/v1/images/{id}", plainId).then().extract().path("pixelSizeUm"));
    }

    @Test
    @Order(2)
    void shouldDownloadAMemberThroughTheUiWithoutTheToken() throws Exception {
        assertNotNull(modelUrl, "the journey ran first");
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());
        String href = ModelCardPage.open(browser.driver(), modelUrl).downloads().get(0);
        Object bytes = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.arrayBuffer())"
                        + ".then(b => done(b.byteLength)).catch(e => done(-1));", href);
        assertTrue(((Number) bytes).longValue() > 1_000, "an ONNX file of " + bytes + " bytes");
    }

    @Test
    @Order(3)
    void shouldShowAViewerThePagesWithoutButtonsAndAStrangerNothing() {
        assertNotNull(jobUrl, "the journey ran first");
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(viewer.email(), viewer.password());
        assertFalse(TrainingSetsPage.open(browser.driver(), platform.uiUrl(), lab.toString()).offersCreate());
        TrainingSetVersionPage version = TrainingSetVersionPage.open(browser.driver(), setVersionUrl);
        assertFalse(version.offersTraining(), "a viewer cannot train");
        assertEquals(3, version.items(3).size());
        TrainingJobPage job = TrainingJobPage.open(browser.driver(), jobUrl);
        assertEquals(6, job.points(), "a viewer sees the curves");
        assertFalse(job.offersCancel());
        ModelCardPage card = ModelCardPage.open(browser.driver(), modelUrl);
        assertEquals(6, card.curvePoints());
        assertNull(card.segmentLink(), "a viewer cannot segment");

        browser.signOutAll();
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(stranger.email(), stranger.password());
        String missing = ShellPage.notFoundText(browser.driver(), platform.uiUrl() + "/labs/" + UUID.randomUUID()
                + "/models");
        for (String url : List.of(setVersionUrl, jobUrl, modelUrl, platform.uiUrl() + "/labs/" + lab
                + "/training-sets", platform.uiUrl() + "/labs/" + lab + "/models")) {
            assertEquals(missing, ShellPage.notFoundText(browser.driver(), url), url);
        }
    }
}
