package org.labscale.it.ui.pages;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * The image viewer page ({@code /labs/<lab>/images/<image>}): the tiled canvas and its side panel (channels with
 * colour, contrast and histogram; annotation overlay; mask upload). Reads what the canvas shows and which tiles the
 * viewer asked for, so tests assert on pixels and requests, not only on the DOM.
 */
public final class ViewerPage extends ShellPage {

    private ViewerPage(WebDriver driver) {
        super(driver);
        visible("image-title");
        visible("viewer-canvas");
        waitForVaadin();
    }

    public static ViewerPage open(WebDriver driver, String uiUrl, String labId, String imageId) {
        driver.get(uiUrl + "/labs/" + labId + "/images/" + imageId);
        return new ViewerPage(driver);
    }

    public static ViewerPage current(WebDriver driver) {
        return new ViewerPage(driver);
    }

    public String title() {
        return text("image-title");
    }

    /** The line of facts under the title: size, channels, bit depth, pixel size, file. */
    public String facts() {
        return text("image-facts");
    }

    /**
     * Types a pixel size into the side panel's editor (empty: forget it) and saves it; answers what the page says:
     * the saved message, or the refusal shown next to the field (each must differ from the one shown before).
     */
    public String savePixelSize(String micrometres) {
        String answer = "const f = document.getElementById('image-pixel-size');"
                + " return f.invalid ? f.errorMessage"
                + " : document.getElementById('image-pixel-size-message').textContent.trim();";
        String before = String.valueOf(js(answer));
        type("image-pixel-size", micrometres);
        click("image-pixel-size-save");
        waitForVaadin();
        waitUntil("the save is answered", () -> {
            String now = String.valueOf(js(answer));
            return !now.isEmpty() && !now.equals(before);
        });
        return String.valueOf(js(answer));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the viewer has drawn tiles for the current settings and no tile is still on its way. */
    public ViewerPage waitForTiles() {
        waitForVaadin();
        waitUntil("the viewer has loaded its visible tiles", () -> Boolean.TRUE.equals(js(
                "const v = document.getElementById('viewer').$viewer; if (!v || v.stats.loaded === 0 || v.pending)"
                        + " return false;"
                        + "return [...v.cache.values()].filter(t => !t.bitmap && !t.failed).length === 0;")));
        return this;
    }

    /** Every tile URL the viewer has asked for, in order. */
    @SuppressWarnings("unchecked")
    public List<String> tileRequests() {
        return (List<String>) js("return document.getElementById('viewer').$viewer.stats.requested.slice();");
    }

    /** Moves the time series' frame slider to {@code frame} (from 0), as a drag would. */
    public ViewerPage frame(int frame) {
        FrameSliderControl.moveTo(this, frame);
        return this;
    }

    /** The label over the frame slider, e.g. "Frame 3 of 4". */
    public String frameLabel() {
        return FrameSliderControl.label(driver);
    }

    /** The pyramid level the viewer shows now (0 = original pixels). */
    public long level() {
        return (Long) js("return document.getElementById('viewer').$viewer.stats.level;");
    }

    /** The canvas's RGB at CSS pixel (x, y) from its top-left corner. */
    @SuppressWarnings("unchecked")
    public List<Long> pixel(int x, int y) {
        return (List<Long>) js("const c = document.getElementById('viewer-canvas'); const d = window.devicePixelRatio || 1;"
                + "const p = c.getContext('2d').getImageData(Math.round(arguments[0] * d), Math.round(arguments[1] * d), 1, 1).data;"
                + "return [p[0], p[1], p[2]];", x, y);
    }

    /**
     * Counts, over the whole canvas, pixels by colour family: {@code red}, {@code green}, {@code blue} dominant
     * components, {@code yellow} (red and green high, blue low) and {@code lit} (any component above 40).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Long> colours() {
        return (Map<String, Long>) js("const c = document.getElementById('viewer-canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const n = {red: 0, green: 0, blue: 0, yellow: 0, lit: 0};"
                + "for (let i = 0; i < d.length; i += 4) { const r = d[i], g = d[i + 1], b = d[i + 2];"
                + "  if (r > 40 || g > 40 || b > 40) n.lit++;"
                + "  if (r > 150 && g > 120 && b < 90) n.yellow++;"
                + "  else if (r > g + 40 && r > b + 40) n.red++; else if (g > r + 40 && g > b + 40) n.green++;"
                + "  else if (b > r + 40 && b > g + 40) n.blue++; }"
                + "return n;");
    }

    /** Scrolls the mouse wheel over the canvas centre; negative {@code deltaY} zooms in. */
    public ViewerPage wheel(int deltaY) {
        WebElement canvas = driver.findElement(By.id("viewer-canvas"));
        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas), 0, deltaY).perform();
        return this;
    }

    /** Moves the mouse to the canvas centre and waits for the pixel values line. */
    public String valuesUnderCursor() {
        WebElement canvas = driver.findElement(By.id("viewer-canvas"));
        new Actions(driver).moveToElement(canvas).moveByOffset(3, 3).perform();
        waitUntil("pixel values are shown under the cursor",
                () -> driver.findElement(By.id("viewer-status")).getText().matches("x \\d+, y \\d+ .*\\d.*"));
        return driver.findElement(By.id("viewer-status")).getText();
    }

    /** Shows or hides channel {@code index}. */
    public ViewerPage showChannel(int index, boolean shown) {
        WebElement box = visible("channel-" + index + "-visible");
        if ((box.getAttribute("checked") != null) != shown) {
            box.click();
        }
        waitForVaadin();
        return this;
    }

    /** Picks channel {@code index}'s colour by name, e.g. "Green". */
    public ViewerPage colour(int index, String name) {
        pick("channel-" + index + "-color", name::equals, name);
        return this;
    }

    /** Moves channel {@code index}'s max slider to {@code position} of 1,000 (as dragging it would). */
    public ViewerPage maxSlider(int index, int position) {
        WebElement slider = visible("channel-" + index + "-max");
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", slider,
                Integer.toString(position));
        waitForVaadin();
        return this;
    }

    public ViewerPage autoContrast(int index) {
        click("channel-" + index + "-auto");
        waitForVaadin();
        return this;
    }

    /** The "min – max (data a – b)" line of channel {@code index}. */
    public String range(int index) {
        return text("channel-" + index + "-range");
    }

    /** Picks the overlay by the start of its label ("None" for none), and its style ("Outlines" or "Filled"). */
    public ViewerPage overlay(String labelStart, String style) {
        pick("overlay-select", l -> l.startsWith(labelStart), labelStart);
        if (style != null) {
            clickInView(driver.findElements(By.cssSelector("#overlay-style vaadin-radio-button")).stream()
                    .filter(e -> e.getText().strip().equals(style)).findFirst().orElseThrow());
            waitForVaadin();
        }
        return this;
    }

    /** The chosen annotation's versions as listed (newest first): version, content, classes, by, when. */
    public List<List<String>> annotationVersions() {
        waitUntil("the annotation's versions are listed", () -> !gridRows("annotation-versions").isEmpty());
        return gridRows("annotation-versions");
    }

    /** Selects row {@code index} of the annotation's versions (0 = newest): its class map is drawn. */
    public ViewerPage selectAnnotationVersion(int index) {
        clickGridRow("annotation-versions", index);
        return this;
    }

    /** Where the viewer reads its overlay from (the UI's proxy path), or null without one. */
    public String overlayUrl() {
        return (String) js("const o = document.getElementById('viewer').$viewer.overlay; return o ? o.url : null;");
    }

    /** Whether the viewer has an overlay bitmap ready (it is drawn on the next frame). */
    public ViewerPage waitForOverlay(boolean shown) {
        waitUntil("the overlay is " + (shown ? "drawn" : "gone"), () -> Boolean.valueOf(shown).equals(js(
                "const v = document.getElementById('viewer').$viewer;"
                        + "return !!(v.overlay && v.overlay.canvas && v.overlay.paintedMode);")));
        js("const v = document.getElementById('viewer').$viewer; v.render();");
        return this;
    }

    /** Waits until the overlay is drawn by tiles (an image above the UI's overlay limit) of the chosen annotation. */
    public ViewerPage waitForTiledOverlay() {
        ViewerCanvas.waitForTiledOverlay(this, "/class-map/tiles");
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

    /** Moves the overlay's opacity slider to {@code percent}, as dragging it would. */
    public ViewerPage opacity(int percent) {
        WebElement slider = visible("overlay-opacity");
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", slider,
                Integer.toString(percent));
        waitForVaadin();
        waitUntil("the viewer has the opacity " + percent + "%", () -> Boolean.TRUE.equals(js(
                "const o = document.getElementById('viewer').$viewer.overlay;"
                        + "return !!o && Math.abs(o.opacity - arguments[0] / 100) < 1e-6;", percent)));
        return this;
    }

    /** Whether the mask uploader is offered (not to viewers). */
    public boolean offersMaskUpload() {
        return isShown("mask-uploader");
    }

    /** Uploads a mask file as an instance mask named "default" and answers the outcome line once it changed. */
    public String uploadMask(java.nio.file.Path mask) {
        String before = driver.findElement(By.id("mask-result")).getText();
        fileInput("mask-upload").sendKeys(realPath(mask));
        waitUntil("the mask's outcome is shown", () -> {
            String now = driver.findElement(By.id("mask-result")).getText();
            return !now.isBlank() && !now.equals(before);
        });
        return text("mask-result");
    }

    public String scaleBar() {
        return (String) js("return document.getElementById('viewer').$viewer.stats.scaleBar || '';");
    }
}
