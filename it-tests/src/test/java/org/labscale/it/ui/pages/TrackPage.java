package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The track page ({@code /labs/<lab>/track}): the time series (a multi-frame image, or single-frame images in name
 * order) and its frame interval, the model, post-processing, tracker settings, the optional KTR read-out, "Track".
 */
public final class TrackPage extends ShellPage {

    private TrackPage(WebDriver driver) {
        super(driver);
        visible("track-model");
        waitForVaadin();
    }

    public static TrackPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/track");
        return new TrackPage(driver);
    }

    private String selected(String id) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const b = document.querySelector('#' + arguments[0] + ' vaadin-select-value-button');"
                        + "return b ? b.textContent.trim() : '';", id);
    }

    public String model() {
        return selected("track-model");
    }

    /** The chosen series source: "One image whose pages are the frames" or "One image per frame, in name order". */
    public TrackPage source(String label) {
        WebElement radio = wait.until(d -> (WebElement) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#track-source vaadin-radio-button')]"
                        + ".find(r => r.textContent.trim() === arguments[0]) || null;", label));
        ((JavascriptExecutor) driver).executeScript("arguments[0].querySelector('input').click();", radio);
        waitForVaadin();
        return this;
    }

    public TrackPage project(String name) {
        pick("track-project", l -> l.startsWith(name), name);
        return this;
    }

    public TrackPage series(String name) {
        pick("track-series", l -> l.startsWith(name), name);
        return this;
    }

    /** Ticks the single-frame images whose label starts with each of {@code names}. */
    public TrackPage frames(List<String> names) {
        for (String name : names) {
            WebElement input = wait.withMessage(() -> "waiting for frame image " + name).until(d -> (WebElement)
                    ((JavascriptExecutor) d).executeScript("const box = [...document.querySelectorAll("
                            + "'#track-frames vaadin-checkbox')].find(b => b.textContent.trim().startsWith(arguments[0]));"
                            + "return box ? box.querySelector('input') : null;", name));
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
            waitForVaadin();
        }
        return this;
    }

    public TrackPage interval(String minutes) {
        type("track-interval", minutes);
        return this;
    }

    /** A field's value as shown (the inner input's). */
    public String value(String id) {
        return driver.findElement(By.cssSelector("#" + id + " input")).getAttribute("value");
    }

    /** The preset shown, e.g. "Fluorescent nuclei (20-40 px across)". */
    public String preset() {
        return selected("tracker-preset");
    }

    /** Whether "Find divisions" is ticked. */
    public boolean divisions() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('tracker-divisions').checked;"));
    }

    /** The helper sentence under a field. */
    public String helper(String id) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const f = document.getElementById(arguments[0]); return f ? (f.helperText || '') : '';", id);
    }

    /** Clicks "Track" and expects a refusal: the sentence shown next to the series. */
    public String submitRefused() {
        clickInView(visible("track-submit"));
        waitUntil("a refusal is shown", () -> !Dom.text(driver, "#track-series-error").isEmpty()
                || !Dom.text(driver, "#track-error").isEmpty());
        return (Dom.text(driver, "#track-series-error") + " " + Dom.text(driver, "#track-error")).strip();
    }

    public SeriesPage submit() {
        clickInView(visible("track-submit"));
        return SeriesPage.current(driver);
    }
}
