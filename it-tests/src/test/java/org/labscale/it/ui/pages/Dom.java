package org.labscale.it.ui.pages;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Reads of pages that re-render themselves (a job's page every few seconds, a dialog closing) in one browser call,
 * so that no element reference can go stale between finding an element and reading it.
 */
final class Dom {

    private Dom() {
    }

    /** Whether the element {@code id} is in the page and takes up room. */
    static boolean shown(WebDriver driver, String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); return !!e && e.getClientRects().length > 0;", id));
    }

    /** The text of the first element matching {@code css}, or "" when there is none. */
    static String text(WebDriver driver, String css) {
        Object text = ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
        return text == null ? "" : text.toString();
    }

    /** The attribute {@code name} of the element {@code id}, or null when either is missing. */
    static String attribute(WebDriver driver, String id, String name) {
        Object value = ((JavascriptExecutor) driver).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                id, name);
        return value == null ? null : value.toString();
    }
}
