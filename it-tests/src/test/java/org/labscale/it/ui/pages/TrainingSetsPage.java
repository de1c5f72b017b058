package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /labs/{lab}/training-sets} and its "New training set" dialog. */
public final class TrainingSetsPage extends ShellPage {

    private TrainingSetsPage(WebDriver driver) {
        super(driver);
        visible("training-sets-grid");
        waitForVaadin();
    }

    public static TrainingSetsPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/training-sets");
        return new TrainingSetsPage(driver);
    }

    /** Whether "New training set" is offered (not to viewers). */
    public boolean offersCreate() {
        return isShown("new-training-set");
    }

    /** The grid's rows: name, description, versions, latest hash, created. */
    public List<List<String>> rows(int expected) {
        waitUntil(expected + " training set(s) are listed", () -> gridRows("training-sets-grid").size() >= expected);
        return gridRows("training-sets-grid");
    }

    /** Opens the builder of a new set and picks {@code project}. */
    public Builder newSet(String project) {
        click("new-training-set");
        visible("set-project"); // the dialog's host element itself has no box
        waitForVaadin();
        pick("set-project", project::equals, project);
        return new Builder();
    }

    /** The open "New training set" dialog. */
    public final class Builder {

        /** The annotation offered for each listed image, by image name ("" for an image without one). */
        public java.util.Map<String, String> annotations(int images) {
            waitUntil(images + " images are listed", () -> driver.findElements(By.cssSelector(
                    "vaadin-select.set-annotation")).size() >= images);
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (WebElement s : driver.findElements(By.cssSelector("vaadin-select.set-annotation"))) {
                String label = s.getAttribute("data-label");
                out.put(s.getAttribute("data-image"), label == null ? "" : label);
            }
            return out;
        }

        /** Whether the image's box may be ticked (it has an annotation). */
        public boolean selectable(String image) {
            return driver.findElement(box(image)).getAttribute("disabled") == null;
        }

        public Builder tick(String image) {
            WebElement box = driver.findElement(box(image));
            clickInView(box);
            waitForVaadin();
            return this;
        }

        /** The role prefilled or typed for channel {@code c}. */
        public String role(int c) {
            return visible("set-role-" + c).findElement(By.cssSelector("input")).getAttribute("value");
        }

        public Builder name(String name) {
            type("set-name", name);
            return this;
        }

        /** Freezes and answers the error shown next to the images or the name, or opens the new version's page. */
        public TrainingSetVersionPage freeze() {
            click("set-freeze");
            return TrainingSetVersionPage.current(driver);
        }

        /** Freezes expecting a refusal; answers the sentence shown (next to the name, the images or the form). */
        public String freezeExpectingError() {
            click("set-freeze");
            waitForVaadin();
            waitUntil("an error is shown", () -> !errorText().isEmpty());
            return errorText();
        }

        private String errorText() {
            String name = String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "const f = document.getElementById('set-name'); return f && f.invalid ? f.errorMessage : '';"));
            String items = driver.findElement(By.id("set-items-error")).getText().strip();
            String form = driver.findElement(By.id("set-error")).getText().strip();
            return (name + items + form).strip();
        }

        public TrainingSetsPage cancel() {
            click("set-cancel");
            waitUntil("the dialog has closed", () -> !Dom.shown(driver, "set-project"));
            waitForVaadin();
            return TrainingSetsPage.this;
        }

        private By box(String image) {
            return By.cssSelector("vaadin-checkbox[data-image='" + image + "']");
        }
    }
}
