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
}
