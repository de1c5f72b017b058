package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The segment page ({@code /labs/<lab>/segment[?modelVersion=]}): model version, images, channel roles,
 * post-processing, "Segment" and "Cancel".
 */
public final class SegmentPage extends ShellPage {

    private SegmentPage(WebDriver driver) {
        super(driver);
        visible("segment-model");
        waitForVaadin();
    }

    public static SegmentPage open(WebDriver driver, String uiUrl, String labId, String modelVersion) {
        driver.get(uiUrl + "/labs/" + labId + "/segment" + (modelVersion == null ? "" : "?modelVersion=" + modelVersion));
        return new SegmentPage(driver);
    }

    /** The segment page a link led to. */
    public static SegmentPage current(WebDriver driver) {
        return new SegmentPage(driver);
    }

    /** The text a {@code vaadin-select} shows for its value. */
    private String selected(String id) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const b = document.querySelector('#' + arguments[0] + ' vaadin-select-value-button');"
                        + "return b ? b.textContent.trim() : '';", id);
    }

    /** The chosen model version as shown, e.g. "synthetic nuclei · v1". */
    public String model() {
        return selected("segment-model");
    }

    /** The line saying where the post-processing values come from. */
    public String postProcessingSource() {
        return text("postprocessing-source");
    }

    public String threshold() {
        return driver.findElement(By.cssSelector("#postprocessing-threshold input")).getAttribute("value");
    }

    /** The image channel chosen for the model input {@code role}, as shown. */
    public String channelFor(String role) {
        return selected("segment-role-" + role);
    }

    public SegmentPage project(String name) {
        pick("segment-project", l -> l.startsWith(name), name);
        visible("segment-images");
        return this;
    }

    /** Ticks the images whose label starts with each of {@code names}. */
    public SegmentPage images(List<String> names) {
        for (String name : names) {
            WebElement input = wait.withMessage(() -> "waiting for image " + name).until(d -> (WebElement)
                    ((JavascriptExecutor) d).executeScript("const box = [...document.querySelectorAll("
                            + "'#segment-images vaadin-checkbox')].find(b => b.textContent.trim().startsWith(arguments[0]));"
                            + "return box ? box.querySelector('input') : null;", name));
            // the checkbox's own input is visually hidden under its styled box: click it as the label would
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
            waitForVaadin();
        }
        return this;
    }

    /** Clicks "All of them" under the project's images. */
    public SegmentPage allImages() {
        clickInView(visible("segment-images-all"));
        waitForVaadin();
        return this;
    }

    public SegmentationResultPage submit() {
        clickInView(visible("segment-submit"));
        return SegmentationResultPage.current(driver);
    }

    /** Clicks "Cancel" and waits for the jobs page it leads to. */
    public void cancel() {
        clickInView(visible("segment-cancel"));
        waitUntil("the jobs page is shown", () -> driver.getCurrentUrl().endsWith("/jobs"));
        waitForVaadin();
    }
}
