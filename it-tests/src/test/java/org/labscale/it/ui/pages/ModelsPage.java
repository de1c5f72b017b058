package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.WebDriver;

/** {@code /labs/{lab}/models}: the lab's model versions. */
public final class ModelsPage extends ShellPage {

    private ModelsPage(WebDriver driver) {
        super(driver);
        visible("models-grid");
        waitForVaadin();
    }

    public static ModelsPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/models");
        return new ModelsPage(driver);
    }

    /** Rows: model, version, preset, task, created, Jaccard, F1, visibility. */
    public List<List<String>> rows(int expected) {
        waitUntil(expected + " model version(s) are listed", () -> gridRows("models-grid").size() >= expected);
        return gridRows("models-grid");
    }
}
