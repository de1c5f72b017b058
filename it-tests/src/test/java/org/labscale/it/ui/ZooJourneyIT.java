package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.TinyModel;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ModelCardPage;
import org.labscale.it.ui.pages.SegmentPage;
import org.labscale.it.ui.pages.ShellPage;
import org.labscale.it.ui.pages.ZooCardPage;
import org.labscale.it.ui.pages.ZooPage;

/**
 * The model zoo in the browser: lab A trains a small model through the API (synthetic nuclei) and grants its version
 * to lab B. B's member finds it in the zoo by a full-text search (with its lab, Jaccard and the held-out images it
 * was measured on), opens its card, forks it into B, and goes on to "Segment my images with it", which lands on B's
 * segment page with A's version preselected and creates a segmentation job of B's image. A's owner reads the grant
 * and that use (one segmentation, one fork, one lab) in the card's sharing panel. A lab C user finds nothing
 * and reads the card's address as "Not found". Screenshots go to {@code target/screenshots/}.
 */
class ZooJourneyIT {

    static final int SIDE = 128;

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static Person alice;
    private static UUID labA;
    private static Person bob;
    private static Person carol;
    private static UUID labB;
    private static UUID labC;
    private static String modelA;
    private static String versionA;
    private static String modelName;

    @BeforeAll
    static void labAGrantsItsModelToLabB() throws InterruptedException {
        platform = LocalPlatform.get();
        platform.ensureJobWorker();
        alice = Lab.person(platform, "Barbara McClintock");
        labA = Lab.createLab(alice, "McClintock Lab");
        modelName = "zoo nuclei " + UUID.randomUUID().toString().substring(0, 8);
        // publishing validates the card: licence, description, author, cover
        Jobs.Ended trained = new TinyModel(500, 1000, 1, 17).train(alice, labA, modelName, Map.of(
                "licence", "CC-BY-4.0",
                "description", "Nuclei of synthetic discs, a tiny net for the zoo's browser test."));
        modelA = trained.job().getString("result.modelId");
        versionA = alice.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", labA, modelA).then().statusCode(200)
                .extract().path("id");

        bob = Lab.person(platform, "Salvador Luria");
        labB = Lab.createLab(bob, "Luria Lab");
        alice.as().put("/api/v1/labs/{lab}/models/{m}/versions/1/grants/{g}", labA, modelA, labB).then()
                .statusCode(200);
        UUID mine = Lab.createProject(bob, labB, "Our nuclei");
        SyntheticNuclei discs = SyntheticNuclei.generate(SIDE, SIDE, 12, 600);
        Lab.uploadImage(bob, mine, "ours-0.png", discs.png(), "image/png", Map.of("channelNames", "DAPI"));

        carol = Lab.person(platform, "Esther Lederberg");
        labC = Lab.createLab(carol, "Lederberg Lab");
    }

    @Test
    void shouldLetLabBFindForkAndRunLabAsSharedModelAndShowLabCNothing() {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(bob.email(), bob.password());
        ZooPage zoo = ZooPage.open(browser.driver(), platform.uiUrl(), labB.toString());
        assertEquals(List.of("Projects", "Training sets", "Models", "Model zoo", "Jobs", "Lab settings"), zoo.menu());
        List<List<String>> rows = zoo.search(modelName).rows(1);
        List<String> row = rows.get(0);
        assertEquals(modelName + " \u00b7 v1", row.get(0), rows.toString());
        assertTrue(row.get(1).startsWith("McClintock Lab"), "A's lab: " + row);
        assertTrue(row.get(3).contains("nuclear"), "the input channel: " + row);
        assertTrue(row.get(4).matches("\\d\\.\\d{3} on 1 held-out image"), "Jaccard and its data: " + row);
        assertEquals("shared", row.get(6), row.toString());
        browser.screenshot("model-zoo");

        ZooCardPage card = zoo.open(versionA);
        assertTrue(card.facts().contains("McClintock Lab"), card.facts());
        String fork = card.fork();
        assertTrue(fork.startsWith(modelName), "the fork's link: " + fork);
        assertEquals(1, bob.as().get("/api/v1/labs/{lab}/models", labB).then().statusCode(200).extract()
                .<Integer>path("total"), "the fork is a model of lab B");

        SegmentPage segment = card.segment();
        assertTrue(segment.model().startsWith(modelName + " (McClintock Lab"), "A's version is preselected: "
                + segment.model());
        segment.project("Our nuclei").allImages();
        assertEquals("1 \u00b7 DAPI", segment.channelFor("nuclear"));
        segment.submit();
        JsonPath jobs = bob.as().get("/api/v1/labs/{lab}/jobs", labB).then().statusCode(200).extract().jsonPath();
        assertEquals(1, jobs.getInt("total"), jobs.prettify());
        assertEquals("SEGMENTATION", jobs.getString("items[0].kind"));
        assertEquals(modelA, jobs.getString("items[0].payload.modelId"), "the job runs A's model");

        browser.signOutAll();
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(alice.email(), alice.password());
        String sharing = ModelCardPage.open(browser.driver(), platform.uiUrl() + "/labs/" + labA + "/models/" + modelA
                + "/versions/1").sharing();
        assertTrue(sharing.contains("Shared with 1 lab(s)") && sharing.contains("Luria Lab"), sharing);
        assertTrue(sharing.contains("1 segmentation(s), 0 training(s), 1 fork(s), by 1 lab(s)"), sharing);
        browser.screenshot("model-sharing");

        browser.signOutAll();
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(carol.email(), carol.password());
        ZooPage other = ZooPage.open(browser.driver(), platform.uiUrl(), labC.toString());
        assertTrue(other.search(modelName).rows(0).isEmpty(), "lab C does not see A's model");
        assertTrue(ShellPage.notFoundText(browser.driver(), platform.uiUrl() + "/labs/" + labC + "/zoo/" + versionA)
                .contains("Not found"), "nor its card");
    }
}
