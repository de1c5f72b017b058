package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The viewer ({@code viewer.js}) on whichever page shows it, read as a user would see it: the requests the browser
 * really made (the Resource Timing entries, with their HTTP status), the canvas's pixels at an image point, and the
 * overlay drawn by tiles (images above the UI's {@code labscale.ui.viewer.overlay-max-pixels}).
 */
final class ViewerCanvas {

    private ViewerCanvas() {
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** "STATUS path?query" of every request the page made whose URL contains {@code part}, in order. */
    @SuppressWarnings("unchecked")
    static List<String> requests(WebDriver driver, String part) {
        return (List<String>) js(driver, "return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes(arguments[0]))"
                + ".map(e => e.responseStatus + ' ' + new URL(e.name).pathname + new URL(e.name).search);", part);
    }

    /**
     * Waits until the image tiles have loaded and the overlay is drawn by tiles from a URL containing {@code part}:
     * at least one overlay tile, none still loading; then draws a frame.
     */
    static void waitForTiledOverlay(VaadinPage page, String part) {
        // the browser keeps 250 entries by default; hovering alone asks for pixel values many times
        js(page.driver, "performance.setResourceTimingBufferSize(100000);");
        page.waitUntil("the viewer shows its tiles and the overlay tiles of " + part, () -> Boolean.TRUE.equals(js(
                page.driver, "const v = document.getElementById('viewer') && document.getElementById('viewer').$viewer;"
                        + "if (!v || v.stats.loaded === 0 || v.pending) return false;"
                        + "if ([...v.cache.values()].some(t => !t.bitmap && !t.failed)) return false;"
                        + "const o = v.overlay; if (!o || !o.tiled || !o.tiles.includes(arguments[0])) return false;"
                        + "v.render();"
                        + "const tiles = [...o.tiled.values()];"
                        + "return tiles.length > 0 && tiles.every(t => t.labels && t.painted);", part)));
    }

    /** The overlay's tile URLs the viewer holds now (those of the level shown and any kept from before). */
    @SuppressWarnings("unchecked")
    static List<String> overlayTiles(WebDriver driver) {
        return (List<String>) js(driver, "const o = document.getElementById('viewer').$viewer.overlay;"
                + "return o && o.tiled ? [...o.tiled.keys()] : [];");
    }

    /** The screen point (CSS pixels from the canvas's top-left corner) of image pixel (x, y)'s centre. */
    @SuppressWarnings("unchecked")
    static List<Number> screenPoint(WebDriver driver, double x, double y) {
        return (List<Number>) js(driver, "const v = document.getElementById('viewer').$viewer, h = v.host;"
                + "return [(arguments[0] + 0.5 - v.view.cx) * v.view.scale + h.clientWidth / 2,"
                + " (arguments[1] + 0.5 - v.view.cy) * v.view.scale + h.clientHeight / 2];", x, y);
    }

    /** The canvas's [r, g, b] over image pixel (x, y)'s centre, after drawing a frame. */
    @SuppressWarnings("unchecked")
    static List<Long> rgbAt(WebDriver driver, double x, double y) {
        List<Number> at = screenPoint(driver, x, y);
        return (List<Long>) js(driver, "const v = document.getElementById('viewer').$viewer; v.render();"
                + "const d = window.devicePixelRatio || 1;"
                + "const p = v.canvas.getContext('2d').getImageData(Math.floor(arguments[0] * d),"
                + " Math.floor(arguments[1] * d), 1, 1).data; return [p[0], p[1], p[2]];", at.get(0), at.get(1));
    }

    /** Moves the mouse over image pixel (x, y) and answers the viewer's status line once it names a cell. */
    static String hover(VaadinPage page, double x, double y) {
        WebDriver driver = page.driver;
        js(driver, "document.getElementById('viewer').scrollIntoView({block: 'center'});");
        List<Number> at = screenPoint(driver, x, y);
        WebElement canvas = driver.findElement(By.id("viewer-canvas"));
        int w = canvas.getSize().getWidth(), h = canvas.getSize().getHeight();
        new Actions(driver).moveToElement(canvas, (int) Math.round(at.get(0).doubleValue() - w / 2.0),
                (int) Math.round(at.get(1).doubleValue() - h / 2.0)).perform();
        page.waitUntil("the status line names the cell under the cursor",
                () -> driver.findElement(By.id("viewer-status")).getText().contains(" cell "));
        return driver.findElement(By.id("viewer-status")).getText();
    }

    /** The overlay's label at image pixel (x, y) as the viewer reads it (0: background or not loaded). */
    static long labelAt(WebDriver driver, int x, int y) {
        return ((Number) js(driver, "return document.getElementById('viewer').$viewer.labelAt(arguments[0], arguments[1]);",
                x, y)).longValue();
    }
}
