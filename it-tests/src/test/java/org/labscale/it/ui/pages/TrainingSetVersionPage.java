package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.WebDriver;

/** {@code /labs/{lab}/training-sets/{set}/versions/{n}}: a frozen version's content, and "Train a model". */
public final class TrainingSetVersionPage extends ShellPage {

    private TrainingSetVersionPage(WebDriver driver) {
        super(driver);
        visible("version-hash");
        waitForVaadin();
    }

    public static TrainingSetVersionPage current(WebDriver driver) {
        return new TrainingSetVersionPage(driver);
    }

    public static TrainingSetVersionPage open(WebDriver driver, String url) {
        driver.get(url);
        return new TrainingSetVersionPage(driver);
    }

    public String hash() {
        return text("version-hash");
    }

    /** The content's rows: thumbnail, image, annotation, cells, channel roles. */
    public List<List<String>> items(int expected) {
        waitUntil(expected + " items are listed", () -> gridRows("version-items").size() >= expected);
        return gridRows("version-items");
    }

    /** Whether "Train a model" is offered (not to viewers). */
    public boolean offersTraining() {
        return isShown("train-model");
    }

    /** Opens "Train a model" and answers the preset the default task picks, as the dialog describes it. */
    public String openTraining() {
        click("train-model");
        visible("train-preset"); // the dialog's host element itself has no box
        waitForVaadin();
        return text("train-preset");
    }

    /** Fills the key settings and starts the training; the job's page opens. */
    public TrainingJobPage train(int patchesPerEpoch, int epochs, int members) {
        type("train-patches", Integer.toString(patchesPerEpoch));
        type("train-epochs", Integer.toString(epochs));
        type("train-members", Integer.toString(members));
        click("train-submit");
        return TrainingJobPage.current(driver);
    }

    /** The "Train a model" dialog's pixel size field: its one sentence (helper text). */
    public String pixelSizeHelp() {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return document.getElementById('train-pixel-size').helperText;"));
    }

    /** Types the pixel size to train at into the dialog (empty: the API's default). */
    public TrainingSetVersionPage pixelSize(String micrometres) {
        type("train-pixel-size", micrometres);
        return this;
    }

    /** Submits settings the API refuses; answers the error shown next to {@code fieldId}. */
    public String trainExpectingError(String fieldId, String value) {
        type(fieldId, value);
        click("train-submit");
        waitForVaadin();
        waitUntil("the refusal is shown next to " + fieldId, () -> Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                        "return document.getElementById(arguments[0]).invalid;", fieldId)));
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return document.getElementById(arguments[0]).errorMessage;", fieldId));
    }

    /** The href of "Download as a zip". */
    public String exportLink() {
        return visible("training-set-export").getAttribute("href");
    }
}
