package org.labscale.it.ui.pages;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every page object of the Vaadin UI needs: explicit waits, typing into a Vaadin field's inner
 * {@code <input>}, and reading a {@code vaadin-grid}.
 *
 * <p>Vaadin renders asynchronously: a click is a round trip to the server, after which the client patches the DOM.
 * Page objects therefore wait for what the user would see (an element, a text, a URL), never for a fixed time.
 */
abstract class VaadinPage {

    /** Long enough for a cold server round trip on a busy 2-core machine; the happy path takes milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final WebDriver driver;
    final WebDriverWait wait;

    VaadinPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(50));
    }

    static By id(String id) {
        return By.id(id);
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(id(id)));
    }

    /** Types into the Vaadin field {@code id} (its inner input), replacing what was there, and commits the value. */
    void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input, #" + id + " textarea")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        waitUntil("field " + id + " holds the typed text", () -> text.equals(input.getAttribute("value")));
        // Vaadin sends a field's value on 'change', which leaving the field fires (dropping files does not).
        input.sendKeys(Keys.TAB);
        waitForVaadin();
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(id(id))).click();
    }

    /**
     * Clicks {@code element} after scrolling it to the middle of the viewport, where nothing at the page's edges
     * (a grid's own scroller, the window's bottom) lies over it.
     */
    void clickInView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'});",
                element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /**
     * Opens the {@code vaadin-select} {@code id} and picks the first item whose text matches {@code label}, then
     * waits until its overlay has closed and the server has the value. The item is selected through the list box's
     * own click handler once the overlay has opened, as the overlay's opening animation moves items under the mouse.
     */
    void pick(String id, java.util.function.Predicate<String> label, String what) {
        click(id);
        // Other selects' closed overlays keep their items, which Selenium still calls displayed: only an item
        // that is on top at its own centre belongs to the open drop-down.
        @SuppressWarnings("unchecked")
        java.util.function.Function<WebDriver, List<WebElement>> onTop = d -> (List<WebElement>) ((JavascriptExecutor) d)
                .executeScript("return [...document.querySelectorAll('vaadin-select-item')].filter(i => {"
                        + " const r = i.getBoundingClientRect(); if (!r.width || !r.height) return false;"
                        + " const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                        + " return !!e && (e === i || i.contains(e)); });");
        WebElement item = wait.withMessage(() -> "waiting for item " + what + " in " + id)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return document.getElementById(arguments[0]).opened;", id))
                        ? onTop.apply(d).stream().filter(e -> label.test(e.getText().strip())).findFirst()
                                .orElse(null)
                        : null);
        ((JavascriptExecutor) driver).executeScript("arguments[0].click();", item);
        waitUntil("the drop-down " + id + " has closed", () -> Boolean.FALSE.equals(((JavascriptExecutor) driver)
                .executeScript("return !!document.getElementById(arguments[0]).opened;", id)));
        waitForVaadin();
    }

    /** Whether {@code id} is in the page and shown (Vaadin hides components with the {@code hidden} attribute). */
    boolean isShown(String id) {
        List<WebElement> found = driver.findElements(id(id));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    String text(String id) {
        return visible(id).getText().strip();
    }

    /** Waits until the Vaadin client has no request in flight, so the DOM shows the server's latest state. */
    void waitForVaadin() {
        waitUntil("Vaadin is idle", () -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const f = window.Vaadin && window.Vaadin.Flow;"
                        + "return !!(f && f.clients && Object.values(f.clients).every(c => !c.isActive()));")));
    }

    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        wait.withMessage(() -> "waiting until " + what + " (page " + driver.getCurrentUrl() + ")")
                .until(d -> condition.getAsBoolean());
    }

    /**
     * The rows of the {@code vaadin-grid} with this id, in row order, each as its cells' texts in column order. Rows
     * whose data has not arrived yet are left out. The grid keeps its rows in its shadow DOM and its cell contents in
     * the light DOM, linked by slots, so this reads them in the browser.
     */
    @SuppressWarnings("unchecked")
    List<List<String>> gridRows(String gridId) {
        Object rows = ((JavascriptExecutor) driver).executeScript("""
                const grid = document.getElementById(arguments[0]);
                if (!grid || !grid.shadowRoot) return [];
                return Array.from(grid.shadowRoot.querySelectorAll('tbody#items tr'))
                    .filter(tr => !tr.hidden && !tr.hasAttribute('loading') && tr.index !== undefined
                            && tr.index < grid.size)
                    .sort((a, b) => a.index - b.index)
                    .map(tr => Array.from(tr.querySelectorAll('td')).map(td => {
                        const slot = td.querySelector('slot');
                        const content = slot && slot.assignedElements()[0];
                        return content ? content.textContent.trim() : '';
                    }));
                """, gridId);
        List<List<String>> result = new ArrayList<>();
        for (Object row : (List<Object>) rows) {
            result.add(List.copyOf((List<String>) row));
        }
        return result;
    }

    /** Clicks row {@code index} (in data order) of the {@code vaadin-grid} with this id. */
    void clickGridRow(String gridId, int index) {
        WebElement content = (WebElement) ((JavascriptExecutor) driver).executeScript("""
                const grid = document.getElementById(arguments[0]);
                const tr = Array.from(grid.shadowRoot.querySelectorAll('tbody#items tr')).find(t => t.index === arguments[1]);
                return tr.querySelector('td slot').assignedElements()[0];
                """, gridId, index);
        clickInView(content);
        waitForVaadin();
    }
}
