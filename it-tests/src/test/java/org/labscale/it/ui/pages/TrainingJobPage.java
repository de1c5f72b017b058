package org.labscale.it.ui.pages;

import java.time.Duration;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** {@code /labs/{lab}/jobs/{job}} of a TRAINING job: state, estimate, where it is, the live curves, the model link. */
public final class TrainingJobPage extends ShellPage {

    private TrainingJobPage(WebDriver driver) {
        super(driver);
        visible("training-panel");
        waitForVaadin();
    }

    public static TrainingJobPage current(WebDriver driver) {
        return new TrainingJobPage(driver);
    }

    public static TrainingJobPage open(WebDriver driver, String url) {
        driver.get(url);
        return new TrainingJobPage(driver);
    }

    public String state() {
        return Dom.text(driver, "#job .job-state");
    }

    public String estimate() {
        waitUntil("the estimate is shown", () -> !Dom.text(driver, "#training-estimate").isEmpty());
        return Dom.text(driver, "#training-estimate");
    }

    /** Where the training is ("Member 1 of 2, epoch 2 of 3, ..."), or empty. */
    public String where() {
        return Dom.text(driver, "#training-where");
    }

    /** The (member, epoch) points the drawn curve holds now (the SVG's own count), 0 before it is drawn. */
    public int points() {
        Object n = ((JavascriptExecutor) driver).executeScript(
                "const s = document.querySelector('#training-curves svg');"
                        + " return s ? Number(s.getAttribute('data-points')) : 0;");
        return ((Number) n).intValue();
    }

    /** The circles drawn in the SVG (validation loss and accuracy per point). */
    public int circles() {
        Object n = ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('#training-curves svg circle.point').length;");
        return ((Number) n).intValue();
    }

    /** Whether "Cancel job" is offered (to members while the job runs). */
    public boolean offersCancel() {
        return Dom.shown(driver, "job-cancel");
    }

    /** Waits (up to {@code limit}) until the curve holds at least {@code n} points; answers how many it holds. */
    public int waitForPoints(int n, Duration limit) {
        new WebDriverWait(driver, limit, Duration.ofMillis(100))
                .withMessage(() -> "waiting for " + n + " curve points; state " + state() + ", " + where())
                .until(d -> points() >= n || "Failed".equals(state()));
        return points();
    }

    /** Waits (up to {@code limit}) until the job is final; answers its state. */
    public String waitUntilFinal(Duration limit) {
        new WebDriverWait(driver, limit, Duration.ofMillis(200))
                .withMessage(() -> "waiting for the training to end; state " + state() + ", " + where())
                .until(d -> state().matches("Succeeded|Failed|Cancelled"));
        return state();
    }

    /** Follows "Open the model card". */
    public ModelCardPage openModel() {
        waitUntil("the model link is shown", () -> Dom.shown(driver, "training-model"));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('training-model').click();");
        return ModelCardPage.current(driver);
    }
}
