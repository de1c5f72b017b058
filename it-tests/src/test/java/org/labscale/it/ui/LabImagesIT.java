package org.labscale.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.ui.pages.JoinPage;
import org.labscale.it.ui.pages.LoginPage;
import org.labscale.it.ui.pages.ProjectsList;
import org.labscale.it.ui.pages.ProjectPage;
import org.labscale.it.ui.pages.ProjectPage.Outcome;
import org.labscale.it.ui.pages.SettingsPage;
import org.labscale.it.ui.pages.ShellPage;
import org.labscale.it.ui.pages.ViewerPage;

/**
 * A lab's images in the browser, on the real HeLa-S3 images of {@code ../shared/data/cytoplasm/hela-s3} (two 16-bit
 * pages: phase contrast and a nuclear marker, 1280 x 1080, with instance masks): the journeys 1 (upload with a
 * bad file among good ones, a mask), 2 (the viewer: zoom, contrast, channels, overlay, asserted on the canvas and the
 * tile requests), 5 (a viewer of the lab changes nothing; another lab's member gets "not found" by URL) and 6 (an
 * API token created and revoked; an invited person joins with the link).
 * Skipped, with a message, without the data. Screenshots of the main pages go to {@code target/screenshots/}.
 */
class LabImagesIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static Path hela;
    private static Person owner;
    private static Person viewer;
    private static Person stranger;
    private static UUID lab;
    private static UUID project;
    private static String image;

    @BeforeAll
    static void labWithAnnotatedImage() throws IOException {
        hela = Path.of(System.getProperty("labscale.data.dir", "../../shared/data")).resolve("cytoplasm/hela-s3");
        assumeTrue(Files.isDirectory(hela), "HeLa-S3 images not found at " + hela.toAbsolutePath()
                + "; set -Dlabscale.data.dir to run these tests.");
        platform = LocalPlatform.get();
        owner = Lab.person(platform, "Barbara McClintock");
        viewer = Lab.person(platform, "Nettie Stevens");
        stranger = Lab.person(platform, "Santiago Cajal");
        lab = Lab.createLab(owner, "McClintock Lab");
        Lab.invite(owner, lab, viewer, "VIEWER");
        Lab.createLab(stranger, "Cajal Lab");
        project = Lab.createProject(owner, lab, "HeLa-S3 phase + nuclear");
        image = Lab.uploadImage(owner, project, "set1.tif", Files.readAllBytes(hela.resolve("images/set1.tif")),
                "image/tiff", Map.of("pageMode", "CHANNELS", "channelNames", "phase,nuclear", "pixelSizeUm", "0.65"));
        owner.raw().multiPart("file", "set1.tif", Files.readAllBytes(hela.resolve("masks/set1.tif")), "image/tiff")
                .multiPart("kind", "INSTANCE_MASK").multiPart("name", "cells")
                .post("/api/v1/images/{i}/annotations", image).then().statusCode(201);
    }

    @Test
    void shouldCreateALabAndAProjectAndUploadImagesReportingTheBadFileAndAMask(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.tif"), "cell_id,area\n1,2600\n");
        String labName = "Hopkins Lab " + UUID.randomUUID().toString().substring(0, 6);
        Person rosalind = Lab.person(platform, "Rosalind Hopkins");

        ProjectPage page = LoginPage.open(browser.driver(), platform.uiUrl())
                .signIn(rosalind.email(), rosalind.password())
                .createLab(labName, "Live-cell imaging")
                .createProject("HeLa mitosis", "Phase contrast and Hoechst", "HeLa, phase")
                .openProject("HeLa mitosis");
        assertEquals(List.of(labName, "Projects", "HeLa mitosis"), page.breadcrumbs());
        assertEquals(List.of("Projects", "Training sets", "Models", "Model zoo", "Jobs", "Lab settings"), page.menu());

        List<Outcome> outcomes = page.upload("phase, nuclear", "0.65", List.of(hela.resolve("images/set1.tif"),
                notes, hela.resolve("images/set2.tif"), hela.resolve("images/set3.tif")));

        String apisSentence = rosalind.raw().multiPart("file", "notes.tif", Files.readAllBytes(notes),
                        "application/octet-stream").post("/api/v1/projects/{p}/images", projectIdOf(rosalind))
                .then().statusCode(415).extract().path("message");
        assertEquals(4, outcomes.size(), outcomes.toString());
        Outcome bad = outcomes.stream().filter(o -> o.file().equals("notes.tif")).findFirst().orElseThrow();
        assertFalse(bad.stored());
        assertEquals(apisSentence, bad.message(), "the API's own sentence, next to the file");
        assertEquals(3, outcomes.stream().filter(Outcome::stored).count(), outcomes.toString());
        assertTrue(outcomes.stream().filter(Outcome::stored).allMatch(o -> o.message().startsWith("1280 \u00d7 1080, 2 channel(s), 16-bit")),
                outcomes.toString());
        assertEquals("Images 1\u20133 of 3", page.galleryRange(3));
        page.waitUntilThumbnailsLoaded();
        browser.screenshot("project-gallery");
        page = page.sortBy("Name Z\u2013A");
        assertEquals(List.of("set3.tif", "set2.tif", "set1.tif"), page.imageNamesOnceThey(List.of("set3.tif",
                "set2.tif", "set1.tif")));
        page = page.filterByName("SET2");
        assertEquals(List.of("set2.tif"), page.imageNamesOnceThey(List.of("set2.tif")));
        assertTrue(browser.driver().getCurrentUrl().contains("sort=-name"), browser.driver().getCurrentUrl());
        // A quick user clears the filter and picks a sort at once: the sort must see the cleared filter.
        page = page.filterByName("");
        page = page.sortBy("Oldest first");
        assertEquals("Images 1\u20133 of 3", page.galleryRange(3));
        assertFalse(browser.driver().getCurrentUrl().contains("name="), browser.driver().getCurrentUrl());

        JsonPath images = rosalind.as().get("/api/v1/projects/{p}/images", projectIdOf(rosalind)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, images.getInt("total"), "the refused file left no row");
        assertEquals(List.of("phase", "nuclear"), images.getList("items[0].channelNames", String.class));
        assertEquals(0.65, images.getDouble("items[0].pixelSizeUm"), 1e-9);

        ViewerPage viewerPage = page.openImage("set1.tif");
        String stored = viewerPage.uploadMask(hela.resolve("masks/set1.tif"));
        assertTrue(stored.startsWith("set1.tif: default v1, 172 cells"), stored);
        String refused = viewerPage.uploadMask(notes);
        assertTrue(refused.startsWith("notes.tif: "), refused);
        assertNotEquals(stored, refused);
    }

    @Test
    void shouldZoomChangeContrastAndChannelsAndOverlayTheAnnotationInTheViewer() {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());
        ViewerPage page = ViewerPage.open(browser.driver(), platform.uiUrl(), lab.toString(), image).waitForTiles();
        assertEquals("set1.tif", page.title());
        List<String> first = page.tileRequests();
        assertTrue(first.stream().allMatch(u -> u.contains("channel=0") && u.contains("channel=1")
                && u.contains("color=00ff00") && u.contains("color=ff00ff")), first.toString());
        Map<String, Long> composite = page.colours();
        assertTrue(composite.get("lit") > 10_000, "the image is drawn: " + composite);
        assertTrue(page.scaleBar().endsWith("\u00b5m"), "a scale bar from 0.65 \u00b5m/px: " + page.scaleBar());
        String values = page.valuesUnderCursor();
        assertTrue(values.contains("phase ") && values.contains("nuclear "), values);
        browser.screenshot("viewer-composite");

        assertTrue(first.stream().allMatch(u -> u.contains("/tiles/0/")), "fitted, 1280 px at ~0.6: level 0");
        int requested = first.size();
        page.wheel(800).waitForTiles();
        long out = page.level();
        assertTrue(out > 0, "zoomed out, a coarser level is shown");
        List<String> coarse = page.tileRequests().subList(requested, page.tileRequests().size());
        assertFalse(coarse.isEmpty(), "zooming out asks for the coarser tiles");
        assertTrue(coarse.stream().allMatch(u -> u.contains("/tiles/" + out + "/")), coarse.toString());
        page.wheel(-1800).waitForTiles();
        assertEquals(0, page.level(), "zoomed in, the original pixels are shown");

        int beforeHiding = page.tileRequests().size();
        page.showChannel(0, false).waitForTiles();
        List<String> nuclearOnly = page.tileRequests().subList(beforeHiding, page.tileRequests().size());
        assertFalse(nuclearOnly.isEmpty(), "new settings, new tiles");
        assertTrue(nuclearOnly.size() < first.size(), "zoomed in, only the visible tiles are fetched: "
                + nuclearOnly.size() + " of " + first.size());
        String last = nuclearOnly.get(nuclearOnly.size() - 1);
        assertFalse(last.contains("channel=0"), last);
        Map<String, Long> magenta = page.colours();
        assertEquals(0, magenta.get("green"), "phase hidden: nothing green is left " + magenta);

        page.colour(1, "Green").waitForTiles();
        Map<String, Long> green = page.colours();
        assertTrue(green.get("green") > 1_000, "nuclei now green: " + green);
        String autoRange = page.range(1);
        page.maxSlider(1, 50).waitForTiles();
        assertNotEquals(autoRange, page.range(1));
        assertTrue(page.colours().get("green") > green.get("green"), "a lower max brightens more pixels");
        page.autoContrast(1).waitForTiles();
        assertEquals(autoRange, page.range(1));

        page.overlay("cells", "Outlines").waitForOverlay(true);
        assertTrue(page.colours().get("yellow") > 1_000, "cell outlines are drawn over the image");
        browser.screenshot("viewer-overlay");
        page.overlay("None", null).waitForOverlay(false);
        assertEquals(0, page.colours().get("yellow"), "no outlines without the overlay");

        browser.driver().navigate().refresh();
        assertEquals("set1.tif", ViewerPage.current(browser.driver()).title(), "the viewer's URL survives a reload");
    }

    @Test
    void shouldListAnAnnotationsVersionsWithWhoAndWhenAndDrawTheChosenVersionsClassMap() throws IOException {
        UUID versioned = Lab.createProject(owner, lab, "Annotation versions"); // the shared project keeps one image
        String twoVersions = Lab.uploadImage(owner, versioned, "set2.tif", Files.readAllBytes(hela.resolve(
                "images/set2.tif")), "image/tiff", Map.of("pageMode", "CHANNELS", "channelNames", "phase,nuclear"));
        for (String mask : List.of("masks/set2.tif", "masks/set3.tif")) { // v2 is another image's cells: it differs
            owner.raw().multiPart("file", "mask.tif", Files.readAllBytes(hela.resolve(mask)), "image/tiff")
                    .multiPart("kind", "INSTANCE_MASK").multiPart("name", "nuclei-and-cells")
                    .post("/api/v1/images/{i}/annotations", twoVersions).then().statusCode(201);
        }
        JsonPath versions = owner.as().get("/api/v1/annotations/{a}/versions", owner.as().get(
                        "/api/v1/images/{i}/annotations", twoVersions).then().extract().path("[0].id").toString())
                .then().statusCode(200).extract().jsonPath();

        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());
        ViewerPage page = ViewerPage.open(browser.driver(), platform.uiUrl(), lab.toString(), twoVersions)
                .waitForTiles();
        page.overlay("nuclei-and-cells", "Outlines").waitForOverlay(true);
        List<List<String>> rows = page.annotationVersions();
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("v2", rows.get(0).get(0));
        assertEquals("v1", rows.get(1).get(0));
        for (int i = 0; i < 2; i++) {
            int version = 2 - i;
            int cells = versions.getInt("items.find { it.version == " + version + " }.cellCount");
            assertEquals(cells + " cells", rows.get(i).get(1), "the version's cell count");
            assertTrue(rows.get(i).get(2).matches("\\d+\\.\\d% / \\d+\\.\\d%"), rows.get(i).toString());
            assertEquals(owner.email(), rows.get(i).get(3), "who made the version");
            assertFalse(rows.get(i).get(4).isBlank(), "when");
        }
        assertTrue(page.overlayUrl().endsWith("/versions/2/class-map"), page.overlayUrl());
        long newest = page.colours().get("yellow");
        assertTrue(newest > 1_000, "the newest version's outlines are drawn: " + newest);
        browser.screenshot("annotation-versions");

        page.selectAnnotationVersion(1).waitForOverlay(true);
        assertTrue(page.overlayUrl().endsWith("/versions/1/class-map"), page.overlayUrl());
        long oldest = page.colours().get("yellow");
        assertTrue(oldest > 1_000, "version 1's outlines are drawn: " + oldest);
        assertNotEquals(newest, oldest, "another version, other outlines on the canvas");
    }

    @Test
    void shouldShowAViewerEverythingButNoButtonsAndAStrangerNothing() {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(viewer.email(), viewer.password());
        ProjectPage page = ProjectPage.open(browser.driver(), platform.uiUrl(), lab.toString(), project.toString());
        assertEquals("Images 1\u20131 of 1", page.galleryRange(1));
        assertFalse(page.offersUpload(), "a viewer cannot upload");
        assertEquals(List.of(), page.showAnnotated("Not annotated").imageNamesOnceThey(List.of()));
        assertEquals("No image matches the filter.", page.emptyText());
        page = page.showAnnotated("Annotated");
        assertEquals(List.of("set1.tif"), page.imageNamesOnceThey(List.of("set1.tif")));
        assertFalse(page.offersEditing(), "a viewer cannot rename or delete");
        ViewerPage image = page.openImage("set1.tif").waitForTiles();
        assertFalse(image.offersMaskUpload(), "a viewer cannot add masks");

        browser.signOutAll();
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(stranger.email(), stranger.password());
        String missing = ShellPage.notFoundText(browser.driver(),
                platform.uiUrl() + "/labs/" + UUID.randomUUID() + "/projects/" + UUID.randomUUID());
        for (String url : List.of("/labs/" + lab + "/projects", "/labs/" + lab + "/projects/" + project,
                "/labs/" + lab + "/images/" + LabImagesIT.image)) {
            assertEquals(missing, ShellPage.notFoundText(browser.driver(), platform.uiUrl() + url), url);
        }
        browser.screenshot("not-found");
    }

    /** Strong enough for the password policy (a guessable one is refused on the join page). */
    private static final String NEW_MEMBER_PASSWORD = "heron-tundra-plasmid-58";

    @Test
    void shouldCreateAndRevokeAnApiTokenAndLetAnInvitedPersonJoinWithTheLink() {
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(owner.email(), owner.password());
        SettingsPage settings = SettingsPage.open(browser.driver(), platform.uiUrl(), lab.toString());

        String token = settings.createToken("nightly pipeline");
        assertTrue(token.startsWith("lsk_"), "the API token, shown once");
        given().baseUri(platform.apiUrl()).auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        settings.revokeToken("nightly pipeline");
        given().baseUri(platform.apiUrl()).auth().oauth2(token).get("/api/v1/me").then().statusCode(401);

        String email = "grete." + UUID.randomUUID().toString().substring(0, 8) + "@lab.example";
        String link = settings.invite(email);
        assertTrue(link.startsWith(platform.uiUrl() + "/join?token="), link);
        browser.screenshot("lab-settings");

        browser.signOutAll();
        ProjectsList landing = JoinPage.open(browser.driver(), link).createAccount("Grete Kellenberger", NEW_MEMBER_PASSWORD)
                .signInTo(email, NEW_MEMBER_PASSWORD);
        assertEquals(List.of(owner.as().get("/api/v1/labs/{l}", lab).then().extract().path("name"), "Projects"),
                landing.breadcrumbs(), "the new member lands on the lab's projects");
        String memberToken = Lab.signIn(platform.apiUrl(), email, NEW_MEMBER_PASSWORD);
        given().baseUri(platform.apiUrl()).auth().oauth2(memberToken).get("/api/v1/labs/{l}", lab).then()
                .statusCode(200).body("role", org.hamcrest.Matchers.equalTo("MEMBER"));
    }

    private static String projectIdOf(Person person) {
        String labId = person.as().get("/api/v1/labs").then().statusCode(200).extract().path("items[0].id");
        return person.as().get("/api/v1/labs/{l}/projects", labId).then().statusCode(200).extract().path("items[0].id");
    }
}
