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
 * A tracking job's series page ({@code /labs/<lab>/jobs/<job>/series}): progress, then the viewer with the frame
 * slider and the track-coloured outlines, the picked track, scores, merge check, figures and downloads. Reads the
 * viewer's overlay (its labels and painted pixels), so tests assert on what is drawn.
 */
public final class SeriesPage extends ShellPage {

    private SeriesPage(WebDriver driver) {
        super(driver);
        visible("series-state");
        waitForVaadin();
    }

    public static SeriesPage open(WebDriver driver, String uiUrl, String labId, String jobId) {
        driver.get(uiUrl + "/labs/" + labId + "/jobs/" + jobId + "/series");
        return new SeriesPage(driver);
    }

    public static SeriesPage current(WebDriver driver) {
        return new SeriesPage(driver);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public String state() {
        return Dom.attribute(driver, "series-state", "data-state");
    }

    /** Waits (the page refreshes itself) until the job has ended and, if it succeeded, the viewer is shown. */
    public SeriesPage waitUntilEnded(Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(() -> "waiting for the job to end")
                .until(d -> {
                    String s = state();
                    return ("SUCCEEDED".equals(s) && !d.findElements(By.id("frame-slider")).isEmpty())
                            || "FAILED".equals(s) || "CANCELLED".equals(s);
                });
        waitForVaadin();
        return this;
    }

    public String error() {
        return Dom.text(driver, "#series-error");
    }

    public String summary() {
        return text("series-summary");
    }

    /** Waits until the viewer has its tiles and the track overlay of frame {@code mask} (e.g. "mask001"). */
    public SeriesPage waitForOverlay(String mask) {
        waitUntil("the viewer has its tiles and the track overlay " + mask, () -> Boolean.TRUE.equals(js(
                "const v = document.getElementById('viewer') && document.getElementById('viewer').$viewer;"
                        + "if (!v || v.stats.loaded === 0 || v.pending) return false;"
                        + "if ([...v.cache.values()].some(t => !t.bitmap && !t.failed)) return false;"
                        + "return !!(v.overlay && v.overlay.url.includes(arguments[0] + '.png') && v.overlay.labels"
                        + " && v.overlay.paintedMode);", mask)));
        js("document.getElementById('viewer').$viewer.render();");
        return this;
    }

    /**
     * JavaScript defining {@code each(fn)}: calls {@code fn(x, y, label, rgba, i)} for every pixel of the track overlay
     * shown now, whole or by the tiles of the level shown ({@code rgba[i..i+3]} the painted pixel; stops when fn
     * answers true).
     */
    private static final String EACH = "const v = document.getElementById('viewer').$viewer, o = v.overlay;"
            + "function each(fn) {"
            + "  if (!o.tiled) { const w = o.source.width;"
            + "    const d = o.canvas.getContext('2d').getImageData(0, 0, o.canvas.width, o.canvas.height).data;"
            + "    for (let p = 0; p < o.labels.length; p++) if (fn(p % w, Math.floor(p / w), o.labels[p], d, p * 4)) return;"
            + "    return; }"
            + "  for (const [url, t] of o.tiled) { const m = url.match(/\\/(\\d+)\\/(\\d+)\\/(\\d+)\\.png$/);"
            + "    const z = +m[1]; if (z !== v.stats.level || !t.labels || !t.painted) continue;"
            + "    const f = 2 ** z, pw = t.width - 2, ph = t.height - 2;"
            + "    const d = t.painted.getContext('2d').getImageData(0, 0, pw, ph).data;"
            + "    for (let py = 0; py < ph; py++) for (let px = 0; px < pw; px++)"
            + "      if (fn((+m[2] * 256 + px) * f, (+m[3] * 256 + py) * f, t.labels[(py + 1) * t.width + px + 1], d,"
            + "          (py * pw + px) * 4)) return; } }";

    /** The labels (track ids) in the overlay shown now, ascending. */
    @SuppressWarnings("unchecked")
    public List<Long> labels() {
        return (List<Long>) js(EACH + "const seen = new Set(); each((x, y, l) => { if (l > 0) seen.add(l); });"
                + "return [...seen].sort((a, b) => a - b);");
    }

    /** The colour [r, g, b] the overlay paints track {@code id} with now (its outline), or null when not drawn. */
    @SuppressWarnings("unchecked")
    public List<Long> colourOf(long id) {
        return (List<Long>) js(EACH + "let c = null;"
                + "each((x, y, l, d, i) => { if (l === arguments[0] && d[i + 3] > 0) { c = [d[i], d[i + 1], d[i + 2]];"
                + " return true; } return false; }); return c;", id);
    }

    /** The centre (x, y) of track {@code id}'s pixels in the overlay shown now. */
    @SuppressWarnings("unchecked")
    public List<Number> centreOf(long id) {
        return (List<Number>) js(EACH + "let n = 0, sx = 0, sy = 0;"
                + "each((x, y, l) => { if (l === arguments[0]) { n++; sx += x; sy += y; } });"
                + "return [sx / n, sy / n];", id);
    }

    /** Waits until frame {@code mask}'s track overlay is drawn by tiles (an image above the UI's overlay limit). */
    public SeriesPage waitForTiledOverlay(String mask) {
        ViewerCanvas.waitForTiledOverlay(this, "/track-map/" + mask + "/tiles");
        return this;
    }

    /** "STATUS path" of every request the browser made whose URL contains {@code part}. */
    public List<String> requests(String part) {
        return ViewerCanvas.requests(driver, part);
    }

    /** The canvas's [r, g, b] over image pixel (x, y). */
    public List<Long> rgbAt(double x, double y) {
        return ViewerCanvas.rgbAt(driver, x, y);
    }

    /** Every tile URL the viewer has asked for, in order. */
    @SuppressWarnings("unchecked")
    public List<String> tileRequests() {
        return (List<String>) js("return document.getElementById('viewer').$viewer.stats.requested.slice();");
    }

    /** Moves the frame slider to {@code frame} (from 0), as a drag would. */
    public SeriesPage frame(int frame) {
        FrameSliderControl.moveTo(this, frame);
        return this;
    }

    /** Clicks the "next frame" button and waits for the server to show it. */
    public SeriesPage next() {
        String before = FrameSliderControl.frame(driver);
        clickInView(visible("frame-next"));
        waitUntil("the next frame is shown", () -> !before.equals(FrameSliderControl.frame(driver)));
        waitForVaadin();
        return this;
    }

    /** Clicks "play", waits until the frames move on by themselves, clicks again to pause; the frame reached. */
    public int playAndPause() {
        String before = FrameSliderControl.frame(driver);
        // the page is scrolled down to the figures: the button is scrolled back into view before it counts as shown
        WebElement play = driver.findElement(id("frame-play"));
        clickInView(play);
        waitUntil("playing moves to another frame", () -> !before.equals(FrameSliderControl.frame(driver)));
        clickInView(play);
        waitUntil("paused", () -> play.getAttribute("data-playing") == null);
        waitForVaadin();
        return Integer.parseInt(FrameSliderControl.frame(driver));
    }

    public String frameLabel() {
        return FrameSliderControl.label(driver);
    }

    /** Clicks the canvas over image pixel (x, y), as a user clicking a cell would. */
    public SeriesPage clickImageAt(double x, double y) {
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

    /** The track the page shows as picked ("0" for none). */
    public String pickedTrack() {
        return Dom.attribute(driver, "series-track", "data-track");
    }

    public String trackTitle() {
        return text("series-track-title");
    }

    public String trackFacts() {
        return Dom.text(driver, "#series-track-facts");
    }

    /** How many frames the picked track's area curve plots. */
    public long areaCurvePoints() {
        return ((Number) js("return document.querySelectorAll('#series-track-curve svg circle').length;")).longValue();
    }

    /** The figures shown, name to the width their PNG was decoded at (waits until all have loaded). */
    @SuppressWarnings("unchecked")
    public Map<String, Long> figures() {
        js("document.getElementById('series-figures').scrollIntoView();");
        waitUntil("the figures have loaded", () -> Boolean.TRUE.equals(js(
                "const f = [...document.querySelectorAll('img.series-figure')];"
                        + "return f.length > 0 && f.every(i => i.complete);")));
        return (Map<String, Long>) js("const out = {};"
                + "document.querySelectorAll('img.series-figure').forEach(i => out[i.dataset.figure] = i.naturalWidth);"
                + "return out;");
    }

    public String scores() {
        return Dom.text(driver, "#series-scores");
    }

    public String mergeCheck() {
        return Dom.text(driver, "#series-merges-overall");
    }

    /** A download's URL as the page links it. */
    public String link(String id) {
        return driver.findElement(By.id(id)).getAttribute("href");
    }

    /** The session cookie the browser sends the UI, for downloading the way the browser would. */
    public String sessionCookie() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** Scrolls to the top of the page (for a screenshot of the viewer). */
    public SeriesPage top() {
        js("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
        return this;
    }
}
