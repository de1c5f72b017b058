package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** {@code /labs/{lab}/zoo}: the model zoo, its search and filters and the grid of visible model versions. */
public final class ZooPage extends ShellPage {

    private ZooPage(WebDriver driver) {
        super(driver);
        visible("zoo-grid");
        waitForVaadin();
    }

    public static ZooPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/zoo");
        return new ZooPage(driver);
    }

    /** Types a full-text search and waits for the count line to follow it. */
    public ZooPage search(String text) {
        type("zoo-search", text);
        waitForVaadin();
        return this;
    }

    /** "N model versions". */
    public String count() {
        return text("zoo-count");
    }

    /** Rows: model, lab, segments, inputs, validation Jaccard, licence, shared; waits for {@code expected} rows. */
    public List<List<String>> rows(int expected) {
        waitUntil(expected + " zoo row(s) are listed", () -> gridRows("zoo-grid").size() == expected
                && count().startsWith(expected + " "));
        return gridRows("zoo-grid");
    }

    /** Opens the card of the version with this id from its name in the grid. */
    public ZooCardPage open(String versionId) {
        clickInView(wait.until(d -> d.findElement(By.cssSelector("a.zoo-open[data-version='" + versionId + "']"))));
        return ZooCardPage.current(driver);
    }
}
