package org.labscale.it.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.ui.pages.LandingPage;
import org.labscale.it.ui.pages.LandingPage.LabRow;
import org.labscale.it.ui.pages.LandingPage.ProjectRow;
import org.labscale.it.ui.pages.LoginPage;

/**
 * Signing in and the landing page, in a real headless Chromium against the packaged UI and API (separate
 * processes, real PostgreSQL). Data is made through the REST API the way a lab would, and what the UI creates is
 * checked through the REST API afterwards.
 *
 * <p>The people and the lab are made once for the class (each account costs a few bcrypt rounds): Grace owns a lab
 * with one project and Marie only views it. Tests that create data use a person of their own.
 */
class SignInAndLandingIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalPlatform platform;
    private static Person grace;
    private static Person marie;
    private static UUID graceLab;
    private static String graceLabName;

    @BeforeAll
    static void labWithOwnerAndViewer() {
        platform = LocalPlatform.get();
        grace = Lab.person(platform, "Grace Hopper");
        marie = Lab.person(platform, "Marie Curie");
        graceLab = Lab.createLab(grace, "Hopper Lab");
        graceLabName = grace.as().get("/api/v1/labs/{lab}", graceLab).then().statusCode(200).extract().path("name");
        Lab.createProject(grace, graceLab, "HeLa mitosis");
        Lab.invite(grace, graceLab, marie, "VIEWER");
    }

    @Test
    void shouldShowTheApisMessageForAWrongPassword() {
        JsonPath refused = given().baseUri(platform.apiUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", grace.email(), "password", "not-" + grace.password()))
                .post("/api/v1/auth/login").then().statusCode(401).extract().jsonPath();
        assertEquals("auth.invalid-credentials", refused.getString("code"));

        LoginPage login = LoginPage.open(browser.driver(), platform.uiUrl());
        String shown = login.signInExpectingError(grace.email(), "not-" + grace.password());

        assertEquals(refused.getString("message"), shown);
        assertEquals("/login", login.path(), "a refused sign-in stays on the login page");
        assertEquals("", login.password(), "the refused password is cleared");
    }

    @Test
    void shouldGreetAPersonAndListTheirLabsAndProjectsWithTheirRole() {
        LandingPage landing = LoginPage.open(browser.driver(), platform.uiUrl()).signIn(grace.email(), grace.password());

        assertEquals("Hello, Grace Hopper", landing.greeting());
        assertEquals(List.of(new LabRow(graceLabName, "Owner")), landing.labs(1));
        landing.waitForSelectedLab(graceLabName);
        assertEquals("Owner", landing.roleHint());
        List<ProjectRow> projects = landing.projects(1);
        assertEquals(List.of("HeLa mitosis"), projects.stream().map(ProjectRow::name).toList());
        assertEquals("it", projects.get(0).tags());
        assertEquals("0", projects.get(0).images());
        assertTrue(landing.offersNewProject(), "an owner may create projects");
    }

    @Test
    void shouldNotOfferNewProjectToAViewer() {
        LandingPage landing = LoginPage.open(browser.driver(), platform.uiUrl()).signIn(marie.email(), marie.password());

        assertEquals("Hello, Marie Curie", landing.greeting());
        assertEquals(List.of(new LabRow(graceLabName, "Viewer")), landing.labs(1));
        landing.waitForSelectedLab(graceLabName);
        assertEquals("Viewer · read only", landing.roleHint());
        assertEquals("HeLa mitosis", landing.projects(1).get(0).name(), "a viewer reads the lab's projects");
        assertFalse(landing.offersNewProject(), "a viewer must not be offered \"New project\"");
        // the button is hidden because the API would refuse it
        marie.as().body(Map.of("name", "Sneaky")).post("/api/v1/labs/{lab}/projects", graceLab)
                .then().statusCode(403).body("code", equalTo("auth.forbidden"));
    }

    @Test
    void shouldCreateALabAndAProjectThatTheApiThenHas() {
        Person rosalind = Lab.person(platform, "Rosalind Franklin");
        String lab = "Franklin Lab " + UUID.randomUUID().toString().substring(0, 6);

        LandingPage landing = LoginPage.open(browser.driver(), platform.uiUrl())
                .signIn(rosalind.email(), rosalind.password())
                .createLab(lab, "Fibroblast imaging")
                .createProject("NIH-3T3 migration", "Phase contrast, 10 min frames", "3T3, phase, 10x");

        assertEquals(List.of(new LabRow(lab, "Owner")), landing.labs(1));
        JsonPath labs = rosalind.as().get("/api/v1/labs").then().statusCode(200).extract().jsonPath();
        assertEquals(1, labs.getInt("total"));
        assertEquals(lab, labs.getString("items[0].name"));
        assertEquals("Fibroblast imaging", labs.getString("items[0].description"));
        assertEquals("OWNER", labs.getString("items[0].role"));
        JsonPath projects = rosalind.as().get("/api/v1/labs/{lab}/projects", labs.getString("items[0].id"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, projects.getInt("total"));
        assertEquals("NIH-3T3 migration", projects.getString("items[0].name"));
        assertEquals("Phase contrast, 10 min frames", projects.getString("items[0].description"));
        assertEquals(List.of("3T3", "phase", "10x"), projects.getList("items[0].tags", String.class));
    }

    @Test
    void shouldSendTheBrowserBackToSignInWhenTheApiRevokesTheSessionsToken() {
        Person ada = Lab.person(platform, "Ada Lovelace");
        LoginPage.open(browser.driver(), platform.uiUrl()).signIn(ada.email(), ada.password());

        // a password change revokes every other token of the user, the one the UI holds for this browser included
        ada.as().body(Map.of("currentPassword", ada.password(), "newPassword", "changed-" + ada.password()))
                .post("/api/v1/me/password").then().statusCode(204);
        browser.driver().navigate().refresh();

        assertEquals("Your session has ended. Please sign in again.", LoginPage.current(browser.driver()).error());
    }

    @Test
    void shouldReturnToTheLoginPageOnSignOutAndKeepTheLandingPageClosed() {
        LoginPage login = LoginPage.open(browser.driver(), platform.uiUrl())
                .signIn(grace.email(), grace.password())
                .signOut();
        assertEquals("/login", login.path());

        browser.driver().get(platform.uiUrl() + "/");
        assertEquals("/login", LoginPage.current(browser.driver()).path(), "/ must send a signed-out browser to /login");
    }
}
