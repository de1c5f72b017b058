package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The landing page ({@code /}): the greeting, the user's labs with their role in each, the selected lab's projects,
 * and the "New lab" / "New project" dialogs.
 */
public final class LandingPage extends VaadinPage {

    /** A row of the lab list as the user sees it. */
    public record LabRow(String name, String role) {
    }

    /** A row of the project grid as the user sees it (the "updated" column is left out). */
    public record ProjectRow(String name, String description, String tags, String images) {
    }

    private LandingPage(WebDriver driver) {
        super(driver);
        visible("main-view");
        waitUntil("the greeting is shown", () -> driver.findElement(id("greeting")).getText().startsWith("Hello"));
        waitForVaadin();
    }

    /** The landing page the browser is on now, once it has rendered. */
    public static LandingPage current(WebDriver driver) {
        return new LandingPage(driver);
    }

    public String greeting() {
        return text("greeting");
    }

    /** The lab list, once it holds at least {@code atLeast} rows. */
    public List<LabRow> labs(int atLeast) {
        waitUntil("the lab list has " + atLeast + " rows", () -> gridRows("lab-list").size() >= atLeast);
        return gridRows("lab-list").stream().map(r -> new LabRow(r.get(0), r.get(1))).toList();
    }

    /** Waits until {@code name} is the lab shown on the right. */
    public LandingPage waitForSelectedLab(String name) {
        waitUntil("lab '" + name + "' is selected", () -> name.equals(driver.findElement(id("lab-title")).getText().strip()));
        waitForVaadin();
        return this;
    }

    /** The user's role in the selected lab as the page states it, e.g. "Owner" or "Viewer · read only". */
    public String roleHint() {
        return text("role-hint");
    }

    /** The selected lab's projects, once the grid holds at least {@code atLeast} rows. */
    public List<ProjectRow> projects(int atLeast) {
        waitUntil("the project grid has " + atLeast + " rows", () -> gridRows("project-grid").size() >= atLeast);
        return gridRows("project-grid").stream().map(r -> new ProjectRow(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
    }

    /** Whether the "New project" button is offered (it is absent for viewers). */
    public boolean offersNewProject() {
        waitForVaadin();
        return isShown("new-project");
    }

    /** Creates a lab through the "New lab" dialog and waits until it is the selected lab. */
    public LandingPage createLab(String name, String description) {
        click("new-lab");
        visible("lab-form");
        type("lab-name", name);
        type("lab-description", description);
        click("lab-save");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(id("lab-form")));
        return waitForSelectedLab(name);
    }

    /** Creates a project in the selected lab through the "New project" dialog and waits until it is listed. */
    public LandingPage createProject(String name, String description, String tags) {
        click("new-project");
        visible("project-form");
        type("project-name", name);
        type("project-description", description);
        type("project-tags", tags);
        click("project-save");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(id("project-form")));
        waitUntil("project '" + name + "' is listed",
                () -> gridRows("project-grid").stream().anyMatch(r -> r.get(0).equals(name)));
        return this;
    }

    /** Opens the selected lab's project called {@code name} by its link in the project grid. */
    public ProjectPage openProject(String name) {
        waitUntil("project '" + name + "' is listed",
                () -> gridRows("project-grid").stream().anyMatch(r -> r.get(0).equals(name)));
        driver.findElements(org.openqa.selenium.By.cssSelector("#project-grid a")).stream()
                .filter(a -> a.getText().strip().equals(name)).findFirst().orElseThrow().click();
        return ProjectPage.current(driver);
    }

    /** Signs out and waits for the login page. */
    public LoginPage signOut() {
        click("sign-out");
        wait.until(ExpectedConditions.urlMatches("/login(\\?.*)?$"));
        return LoginPage.current(driver);
    }
}
