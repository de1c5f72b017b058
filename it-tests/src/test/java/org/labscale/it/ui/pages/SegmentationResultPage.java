package org.labscale.it.ui.pages;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A segmentation job's result page ({@code /labs/<lab>/jobs/<job>/results}): progress, scores, the viewer with the
 * label overlay, the per-cell table, histograms and downloads. Reads the canvas's pixels and the viewer's state, so
 * tests assert on what is drawn.
 */
public final class SegmentationResultPage extends ShellPage {

    private SegmentationResultPage(WebDriver driver) {
        super(driver);
        visible("result-state");
        waitForVaadin();
    }

    public static SegmentationResultPage open(WebDriver driver, String uiUrl, String labId, String jobId) {
        driver.get(uiUrl + "/labs/" + labId + "/jobs/" + jobId + "/results");
        return new SegmentationResultPage(driver);
    }

    public static SegmentationResultPage current(WebDriver driver) {
        return new SegmentationResultPage(driver);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The job's state as the page shows it (QUEUED, RUNNING, SUCCEEDED...). */
    public String state() {
        return Dom.attribute(driver, "result-state", "data-state");
    }

    /** Waits (the page refreshes itself) until the job has ended and, if it succeeded, the cell table is shown. */
    public SegmentationResultPage waitUntilEnded(Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(() -> "waiting for the job to end")
                .until(d -> {
                    String s = state();
                    return ("SUCCEEDED".equals(s) && !d.findElements(By.id("cells-grid")).isEmpty())
                            || "FAILED".equals(s) || "CANCELLED".equals(s);
                });
        waitForVaadin();
        return this;
    }

    public String summary() {
        return text("result-summary");
    }

    public List<List<String>> scores() {
        return gridRows("result-scores");
    }

    /** The cell table's rendered rows (label first), in the order shown. */
    public List<List<String>> cells() {
        waitUntil("the cell table has rows", () -> !gridRows("cells-grid").isEmpty());
        return gridRows("cells-grid");
    }

    public String cellCount() {
        return text("cells-count");
    }

    /** Clicks row {@code index} of the cell table. */
    public SegmentationResultPage clickRow(int index) {
        clickGridRow("cells-grid", index);
        return this;
    }

    /** The label of the cell selected on the page ("0" for none). */
    public String selectedLabel() {
        return Dom.attribute(driver, "result-selected", "data-label");
    }

    /** The cell the viewer highlights. */
    public long viewerSelection() {
        Object v = js("return document.getElementById('viewer').$viewer.stats.selectedCell || 0;");
        return ((Number) v).longValue();
    }

    /** Waits until the viewer's tiles and its label overlay are loaded, then draws a frame. */
    public SegmentationResultPage waitForOverlay() {
        waitUntil("the viewer has its tiles and the label overlay", () -> Boolean.TRUE.equals(js(
                "const v = document.getElementById('viewer') && document.getElementById('viewer').$viewer;"
                        + "if (!v || v.stats.loaded === 0 || v.pending) return false;"
                        + "if ([...v.cache.values()].some(t => !t.bitmap && !t.failed)) return false;"
                        + "return !!(v.overlay && v.overlay.labels && v.overlay.paintedMode);")));
        js("document.getElementById('viewer').$viewer.render();");
        return this;
    }

    /** Waits until the label overlay is drawn by tiles (an image above the UI's overlay limit). */
    public SegmentationResultPage waitForTiledOverlay() {
        ViewerCanvas.waitForTiledOverlay(this, "/label-map/");
        return this;
    }

    /** "STATUS path" of every request the browser made whose URL contains {@code part}. */
    public List<String> requests(String part) {
        return ViewerCanvas.requests(driver, part);
    }

    /** The overlay tile URLs the viewer holds. */
    public List<String> overlayTiles() {
        return ViewerCanvas.overlayTiles(driver);
    }

    /** The canvas's [r, g, b] over image pixel (x, y). */
    public List<Long> rgbAt(double x, double y) {
        return ViewerCanvas.rgbAt(driver, x, y);
    }

    /** The label the viewer's overlay has at image pixel (x, y). */
    public long labelAt(int x, int y) {
        return ViewerCanvas.labelAt(driver, x, y);
    }

    /** Hovers image pixel (x, y) and answers the viewer's status line once it names the cell. */
    public String hover(double x, double y) {
        return ViewerCanvas.hover(this, x, y);
    }

    /** Picks the overlay's style, "Outlines" or "Filled", and waits until the viewer has drawn it. */
    public SegmentationResultPage style(String style) {
        clickInView(driver.findElements(By.cssSelector("#result-overlay-style vaadin-radio-button")).stream()
                .filter(e -> e.getText().strip().equals(style)).findFirst().orElseThrow());
        waitForVaadin();
        String mode = "Filled".equals(style) ? "filled" : "outline";
        waitUntil("the viewer draws the overlay " + mode, () -> Boolean.TRUE.equals(js(
                "const o = document.getElementById('viewer').$viewer.overlay; return !!o && o.mode === arguments[0];",
                mode)));
        return waitForTiledOverlay();
    }

    /** Canvas pixels by colour: {@code yellow} outlines, {@code cyan} the selected cell's fill, {@code lit}. */
    @SuppressWarnings("unchecked")
    public Map<String, Long> colours() {
        js("document.getElementById('viewer').$viewer.render();");
        return (Map<String, Long>) js("const c = document.getElementById('viewer-canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const n = {yellow: 0, cyan: 0, lit: 0};"
                + "for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i + 1], b = d[i + 2];"
                + "  if (r > 40 || g > 40 || b > 40) n.lit++;"
                + "  if (r > 150 && g > 120 && b < 90) n.yellow++;"
                + "  if (r < 90 && g > 150 && b > 150) n.cyan++; }"
                + "return n;");
    }

    /** Clicks the canvas over image pixel (x, y), as a user clicking a cell would. */
    public SegmentationResultPage clickImageAt(double x, double y) {
        js("document.getElementById('viewer').scrollIntoView({block: 'center'});");
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js("const v = document.getElementById('viewer').$viewer, h = v.host;"
                + "return [(arguments[0] + 0.5 - v.view.cx) * v.view.scale + h.clientWidth / 2,"
                + " (arguments[1] + 0.5 - v.view.cy) * v.view.scale + h.clientHeight / 2];", x, y);
        WebElement canvas = driver.findElement(By.id("viewer-canvas"));
        int w = canvas.getSize().getWidth(), h = canvas.getSize().getHeight();
        new Actions(driver).moveToElement(canvas, (int) Math.round(at.get(0).doubleValue() - w / 2.0),
                (int) Math.round(at.get(1).doubleValue() - h / 2.0)).click().perform();
        waitForVaadin();
        return this;
    }

    /** The {@code data-count} of a histogram (the values it bins). */
    public int histogramCount(String id) {
        return Integer.parseInt(visible(id).getAttribute("data-count"));
    }

    /** The zip download's URL as the page links it (relative to the UI). */
    public String zipLink() {
        return driver.findElement(By.id("download-zip")).getAttribute("href");
    }

    /** The session cookie the browser sends the UI, for downloading the way the browser would. */
    public String sessionCookie() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }
}
