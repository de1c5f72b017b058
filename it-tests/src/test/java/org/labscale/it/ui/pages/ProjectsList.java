package org.labscale.it.ui.pages;

import org.openqa.selenium.WebDriver;

/** A lab's projects ({@code /labs/<lab>/projects}). */
public final class ProjectsList extends ShellPage {

    private ProjectsList(WebDriver driver) {
        super(driver);
        visible("projects-grid");
        waitForVaadin();
    }

    public static ProjectsList current(WebDriver driver) {
        return new ProjectsList(driver);
    }

    /** Whether "New project" is offered (not to viewers). */
    public boolean offersNewProject() {
        return isShown("new-project");
    }
}
