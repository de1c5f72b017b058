package org.labscale.it.bench;

import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Times a first screen inside Chromium, without WebDriver's polling in the measurement: a script installed in every
 * new document (CDP {@code Page.addScriptToEvaluateOnNewDocument}) checks on every animation frame whether the screen
 * {@code name} is shown and keeps the first such moment, in ms since the navigation started
 * ({@code performance.now()}). A condition checked in an animation frame holds for the frame painted right after it,
 * so the moment is "navigation start to the first frame that shows it". {@link #phases} adds where the time went: the
 * HTML, the load event, Vaadin's server round trips and the images (thumbnails, tiles) from the browser's resource
 * timing.
 */
final class FirstScreenProbe {

    /**
     * The screens, each a JavaScript expression: the gallery's 24 thumbnails loaded; the jobs grid's first rows shown
     * (more than 20 cells with text, the grid not loading); the viewer's first tile drawn, and every visible tile drawn.
     */
    static final Map<String, String> SCREENS = Map.of(
            "thumbnails", "(() => { const i = document.querySelectorAll('#gallery img');"
                    + " return i.length >= 24 && [...i].every(x => x.complete && x.naturalWidth > 0); })()",
            "gallery", "document.querySelectorAll('#gallery .image-card').length >= 24",
            "jobRows", "(() => { const g = document.getElementById('jobs-grid'); if (!g || !(g.size > 0) || g.loading)"
                    + " return false; let n = 0; for (const c of g.querySelectorAll('vaadin-grid-cell-content'))"
                    + " if (c.textContent.trim()) n++; return n > 20; })()",
            "firstTile", "(() => { const h = document.getElementById('viewer'), v = h && h.$viewer;"
                    + " return !!v && v.stats.loaded > 0 && !v.pending; })()",
            "allTiles", "(() => { const h = document.getElementById('viewer'), v = h && h.$viewer;"
                    + " if (!v || v.stats.loaded === 0 || v.pending) return false;"
                    + " for (const t of v.cache.values()) if (!t.bitmap && !t.failed) return false; return true; })()");

    private FirstScreenProbe() {
    }

    /** Installs the probe in every document {@code driver} opens from now on. */
    static void install(WebDriver driver) {
        StringBuilder checks = new StringBuilder();
        SCREENS.forEach((name, condition) -> checks.append("if (!('").append(name).append("' in seen)) { try { if (")
                .append(condition).append(") seen['").append(name).append("'] = now; } catch (e) {} }\n"));
        String source = "(() => { const seen = window.__labscaleFirstScreen = {};\n"
                + "const frame = () => { const now = performance.now();\n" + checks
                + "if (now < 60000) requestAnimationFrame(frame); };\n"
                + "requestAnimationFrame(frame); })();";
        ((HasCdp) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    /** When screen {@code name} was first shown in the current document (ms from navigation), or -1 while not yet. */
    static long shownAt(WebDriver driver, String name) {
        Object at = ((JavascriptExecutor) driver).executeScript(
                "const s = window.__labscaleFirstScreen; return s && (arguments[0] in s) ? Math.round(s[arguments[0]])"
                        + " : -1;", name);
        return ((Number) at).longValue();
    }

    /**
     * Where the current document's time went, in ms from navigation: HTML received / load event; Vaadin's server
     * round trips as start-end each, with the wait for the server's first byte; the images (thumbnails, tiles): how many, the first asked for, the last received.
     */
    static String phases(WebDriver driver) {
        Object text = ((JavascriptExecutor) driver).executeScript("""
                const r = Math.round, n = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                const trips = res.filter(e => /[?&]v-r=(uidl|init)/.test(e.name))
                    .map(e => r(e.startTime) + '-' + r(e.responseEnd) + ' (server ' + r(e.responseStart - e.requestStart) + ')');
                const imgs = res.filter(e => /\\/ui-api\\/images\\//.test(e.name));
                const first = imgs.length ? r(Math.min(...imgs.map(e => e.startTime))) : 0;
                const last = imgs.length ? r(Math.max(...imgs.map(e => e.responseEnd))) : 0;
                return (n ? r(n.responseEnd) + ' / ' + r(n.loadEventEnd) : '?') + '; trips ' + (trips.join(' ') || '-')
                    + '; ' + imgs.length + ' img ' + first + '-' + last;""");
        return String.valueOf(text);
    }

    static String ms(long value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%d", value);
    }
}
