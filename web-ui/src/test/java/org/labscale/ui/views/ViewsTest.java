package org.labscale.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.ui.Fixtures;
import org.labscale.ui.StubApi;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.service.InMemorySessionStore;
import org.labscale.ui.service.LabscaleService;

/** The views' own logic, run without a browser or server: the service talks to a canned-answer stub. */
class ViewsTest {

    private final StubApi stub = new StubApi();
    private final InMemorySessionStore sessions = new InMemorySessionStore();

    @AfterEach
    void stop() {
        stub.close();
    }

    private LabscaleService service(URI url) {
        return new LabscaleService(new LabscaleApiClient(url, Duration.ofSeconds(2), Duration.ofSeconds(5)), sessions,
                Clock.systemUTC());
    }

    private LabscaleService signedIn() {
        LabscaleService service = service(stub.url());
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2099-01-01T00:00:00Z"));
        service.signIn("ada@lab.org", "pw");
        return service;
    }

    @Test
    void loginShouldShowTheApisMessageOnWrongPassword() {
        stub.on("POST /api/v1/auth/login", 401, Fixtures.error("auth.invalid-credentials", "Email or password is wrong."));
        LoginView view = new LoginView(service(stub.url()));
        view.email.setValue("ada@lab.org");
        view.password.setValue("nope");

        view.submit.click();

        assertTrue(view.error.isVisible());
        assertEquals("Email or password is wrong.", view.error.getText());
        assertEquals("", view.password.getValue(), "the wrong password is cleared");
        assertTrue(sessions.get().isEmpty());
    }

    @Test
    void loginShouldSayWhenTheApiIsNotReachable() {
        URI dead = StubApi.deadUrl();
        LoginView view = new LoginView(service(dead));
        view.email.setValue("ada@lab.org");
        view.password.setValue("pw");

        view.submit.click();

        assertEquals("The Labscale API at " + dead + " is not reachable.", view.error.getText());
    }

    @Test
    void loginShouldAskForBothFieldsWithoutCallingTheApi() {
        LoginView view = new LoginView(service(stub.url()));
        view.email.setValue("ada@lab.org");

        view.submit.click();

        assertEquals("Enter your email and password.", view.error.getText());
        assertTrue(stub.seen().isEmpty());
    }

    @Test
    void loginShouldKeepTheTokenInTheSession() {
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2099-01-01T00:00:00Z"));
        LoginView view = new LoginView(service(stub.url()));
        view.email.setValue("ada@lab.org");
        view.password.setValue("pw");

        view.submit.click();

        assertFalse(view.error.isVisible());
        assertEquals("t0k3n", sessions.get().orElseThrow().token());
    }

    @Test
    void mainShouldListLabsAndShowTheFirstLabsProjects() {
        LabscaleService service = signedIn();
        stub.on("GET /api/v1/labs", 200, Fixtures.page(2,
                Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER"),
                Fixtures.lab(Fixtures.LAB_VIEWED, "Imaging Core", "VIEWER")));
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 200, Fixtures.page(2,
                Fixtures.project(Fixtures.LAB_OWNED, "HeLa mitosis", "HeLa", "20x"),
                Fixtures.project(Fixtures.LAB_OWNED, "U2OS nuclei")));
        MainView view = new MainView(service);

        view.refreshLabs(null);

        assertEquals(List.of("Hansen Lab", "Imaging Core"),
                view.labs.getListDataView().getItems().map(LabDto::name).toList());
        assertEquals("Hansen Lab", view.labs.asSingleSelect().getValue().name());
        assertEquals("Hansen Lab", view.labTitle.getText());
        assertEquals(List.of("HeLa mitosis", "U2OS nuclei"),
                view.projects.getListDataView().getItems().map(ProjectDto::name).toList());
        assertTrue(view.newProject.isVisible(), "owners may create projects");
        assertFalse(view.projectsEmpty.isVisible());
        assertFalse(view.error.isVisible());
    }

    @Test
    void mainShouldHideNewProjectForViewers() {
        LabscaleService service = signedIn();
        stub.on("GET /api/v1/labs", 200, Fixtures.page(1, Fixtures.lab(Fixtures.LAB_VIEWED, "Imaging Core", "VIEWER")));
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_VIEWED + "/projects", 200, Fixtures.page(0));
        MainView view = new MainView(service);

        view.refreshLabs(null);

        assertFalse(view.newProject.isVisible());
        assertEquals("Viewer · read only", view.roleHint.getText());
        assertTrue(view.projectsEmpty.isVisible());
        assertEquals("No projects yet.", view.projectsEmpty.getText());
    }

    @Test
    void mainShouldSelectANewlyCreatedLab() {
        LabscaleService service = signedIn();
        String newLab = "7d9f3a10-0000-4000-8000-000000000003";
        stub.on("GET /api/v1/labs", 200, Fixtures.page(1, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER")));
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 200, Fixtures.page(0));
        stub.on("GET /api/v1/labs/" + newLab + "/projects", 200, Fixtures.page(0));
        MainView view = new MainView(service);
        view.refreshLabs(null);
        stub.on("POST /api/v1/labs", 201, Fixtures.lab(newLab, "Zebrafish Lab", "OWNER"));
        stub.on("GET /api/v1/labs", 200, Fixtures.page(2, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER"),
                Fixtures.lab(newLab, "Zebrafish Lab", "OWNER")));

        view.labForm.name.setValue("Zebrafish Lab");
        view.labForm.save.click();

        assertEquals("Zebrafish Lab", view.labs.asSingleSelect().getValue().name());
        assertEquals("Zebrafish Lab", view.labTitle.getText());
        assertTrue(stub.seen().stream().anyMatch(s -> s.pathAndQuery().equals("/api/v1/labs/" + newLab + "/projects?page=0&size=100")));
    }

    @Test
    void mainShouldShowTheApisMessageInTheProjectFormWhenCreationFails() {
        LabscaleService service = signedIn();
        stub.on("GET /api/v1/labs", 200, Fixtures.page(1, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER")));
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 200, Fixtures.page(0));
        stub.on("POST /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 409,
                Fixtures.error("project.name-taken", "This lab already has a project named HeLa."));
        MainView view = new MainView(service);
        view.refreshLabs(null);

        view.projectForm.name.setValue("HeLa");
        view.projectForm.save.click();

        assertTrue(view.projectForm.error.isVisible());
        assertEquals("This lab already has a project named HeLa.", view.projectForm.error.getText());
    }

    @Test
    void mainShouldForwardToLoginWhenTheApiRefusesTheTokenOnEntering() {
        LabscaleService service = signedIn();
        stub.on("GET /api/v1/labs", 401, Fixtures.error("auth.invalid-token",
                "The token is unknown, expired or revoked; sign in again or create a new API token."));
        MainView view = new MainView(service);
        List<String> forwarded = new ArrayList<>();

        view.enter(sessions.get().orElseThrow(), () -> forwarded.add("login"));

        assertEquals(List.of("login"), forwarded, "a revoked token must send the browser to the login page");
        assertTrue(sessions.get().isEmpty(), "the ended session is forgotten");
        assertFalse(view.error.isVisible());
    }

    @Test
    void mainShouldStayWhenEnteringWorks() {
        LabscaleService service = signedIn();
        stub.on("GET /api/v1/labs", 200, Fixtures.page(1, Fixtures.lab(Fixtures.LAB_OWNED, "Hansen Lab", "OWNER")));
        stub.on("GET /api/v1/labs/" + Fixtures.LAB_OWNED + "/projects", 200, Fixtures.page(0));
        MainView view = new MainView(service);
        List<String> forwarded = new ArrayList<>();

        view.enter(sessions.get().orElseThrow(), () -> forwarded.add("login"));

        assertEquals(List.of(), forwarded);
        assertEquals("Hello, Ada Lovelace", view.greeting.getText());
        assertEquals("Hansen Lab", view.labTitle.getText());
    }

    @Test
    void mainShouldSayWhenTheApiIsNotReachable() {
        LabscaleService service = signedIn();
        stub.close();
        MainView view = new MainView(service);

        view.refreshLabs(null);

        assertTrue(view.error.isVisible());
        assertEquals("The Labscale API at " + stub.url() + " is not reachable.", view.error.getText());
    }
}
