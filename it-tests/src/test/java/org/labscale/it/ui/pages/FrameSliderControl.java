package org.labscale.it.ui.pages;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The frame slider of a time series (web-ui's {@code FrameSlider}), on whichever page shows it: moved as a user's
 * drag moves it (the range input's value and its {@code input} event), then waited for until the server has taken
 * the frame (the component's {@code data-frame}).
 */
final class FrameSliderControl {

    private FrameSliderControl() {
    }

    static void moveTo(VaadinPage page, int frame) {
        WebDriver driver = page.driver;
        ((JavascriptExecutor) driver).executeScript("const input = document.getElementById('frame-slider');"
                + "input.scrollIntoView({block: 'center'});"
                + "input.value = String(arguments[0]);"
                + "input.dispatchEvent(new Event('input', {bubbles: true}));"
                + "input.dispatchEvent(new Event('change', {bubbles: true}));", frame);
        page.waitUntil("the server shows frame " + frame, () -> Integer.toString(frame).equals(frame(driver)));
        page.waitForVaadin();
    }

    /** The frame the server shows (from 0), as the component says. */
    static String frame(WebDriver driver) {
        Object f = ((JavascriptExecutor) driver).executeScript(
                "const b = document.getElementById('frame-slider-box'); return b ? b.getAttribute('data-frame') : null;");
        return f == null ? null : f.toString();
    }

    /** The label over the slider, e.g. "Frame 2 of 4 · 10 min". */
    static String label(WebDriver driver) {
        return Dom.text(driver, "#frame-label");
    }
}
