package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /labs/{lab}/models/{model}/versions/{n}}: the model card. */
public final class ModelCardPage extends ShellPage {

    private ModelCardPage(WebDriver driver) {
        super(driver);
        visible("model-card");
        waitForVaadin();
    }

    public static ModelCardPage current(WebDriver driver) {
        return new ModelCardPage(driver);
    }

    public static ModelCardPage open(WebDriver driver, String url) {
        driver.get(url);
        return new ModelCardPage(driver);
    }

    /** The sharing panel's text: who may use the version, its grants and its use by other labs. */
    public String sharing() {
        return text("model-sharing");
    }

    public String summary() {
        return text("model-summary");
    }

    /** The card's pixel size: "0.5 µm per pixel: ..." or "None: ...". */
    public String pixelSize() {
        return text("model-pixel-size");
    }

    public String quality() {
        return text("model-quality");
    }

    /** The validation metrics' keys as the card lists them. */
    public List<String> metricKeys() {
        return driver.findElements(By.cssSelector("#model-metrics [data-metric]")).stream()
                .map(e -> e.getAttribute("data-metric")).toList();
    }

    /** The (member, epoch) points of the card's curves. */
    public int curvePoints() {
        Object n = ((JavascriptExecutor) driver).executeScript(
                "const s = document.querySelector('#model-curves svg');"
                        + " return s ? Number(s.getAttribute('data-points')) : 0;");
        return ((Number) n).intValue();
    }

    public String postProcessing() {
        return text("model-post-processing");
    }

    public String provenance() {
        return text("model-provenance");
    }

    /** The members' download links (relative to the UI). */
    public List<String> downloads() {
        return driver.findElements(By.cssSelector("#model-downloads a.member-download")).stream()
                .map(e -> e.getAttribute("href")).toList();
    }

    /** The link of "Segment images with this model", or null when it is not offered. */
    public String segmentLink() {
        List<WebElement> a = driver.findElements(By.id("segment-with-model"));
        return a.isEmpty() ? null : a.get(0).getAttribute("href");
    }

    /** Grants the version to one of the user's own other labs, picked by name in the sharing panel. */
    public ModelCardPage grantOwnLab(String labName) {
        WebElement input = visible("sharing-own-labs").findElement(By.cssSelector("input"));
        input.sendKeys(labName);
        // The typed name filters the drop-down to that lab and highlights it; Enter picks it.
        waitUntil("the drop-down offers " + labName, () -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("const c = document.getElementById('sharing-own-labs'); return c.opened"
                        + " && (c.filteredItems || []).some(i => i && i.label === arguments[0]);", labName)));
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitForVaadin();
        waitUntil("the grant to " + labName + " is listed", () -> sharing().contains(labName)
                && sharing().contains("Shared with"));
        return this;
    }

    /** Deprecates the version with {@code reason}; answers the panel's deprecation sentence. */
    public String deprecate(String reason) {
        type("deprecation-reason", reason);
        click("deprecate");
        waitUntil("the version reads deprecated", () -> "true".equals(driver.findElement(id("deprecation-state"))
                .getAttribute("data-deprecated")));
        return text("deprecation-state");
    }

    /** The href of "Download as a bioimage.io model package". */
    public String bioimageioExport() {
        return visible("bioimageio-export").getAttribute("href");
    }
}
