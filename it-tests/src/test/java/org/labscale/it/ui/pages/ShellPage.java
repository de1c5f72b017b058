package org.labscale.it.ui.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What every lab page shares: the shell's breadcrumbs, lab switcher and menu, and the "not found" page. */
public abstract class ShellPage extends VaadinPage {

    ShellPage(WebDriver driver) {
        super(driver);
    }

    /** The breadcrumb trail's texts, the lab first. */
    public List<String> breadcrumbs() {
        waitForVaadin();
        return driver.findElements(By.cssSelector("#breadcrumbs [data-crumb]")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    /** The menu entries' labels. */
    public List<String> menu() {
        return driver.findElements(By.cssSelector("#lab-menu vaadin-side-nav-item")).stream()
                .map(e -> e.getText().strip()).toList();
    }

    /** Scrolls the page back to its top (the shell's content and the window), as a person opening it sees it. */
    public void scrollToTop() {
        ((JavascriptExecutor) driver).executeScript("""
                window.scrollTo(0, 0);
                const shell = document.querySelector('vaadin-app-layout');
                const roots = [document, ...(shell && shell.shadowRoot ? [shell.shadowRoot] : [])];
                roots.forEach(r => r.querySelectorAll('*').forEach(e => { if (e.scrollTop > 0) e.scrollTop = 0; }));
                """);
        waitForVaadin();
    }

    /** The {@code <input type=file>} of the vaadin-upload {@code id}, which the file picker would fill. */
    WebElement fileInput(String id) {
        WebElement upload = visible(id);
        return (WebElement) ((JavascriptExecutor) driver).executeScript(
                "const u = arguments[0]; return u.querySelector('input[type=file]')"
                        + " || u.shadowRoot.querySelector('input[type=file]');", upload);
    }

    /** {@code file}'s canonical path: chromedriver refuses to send a path with {@code ..} in it to a file input. */
    static String realPath(java.nio.file.Path file) {
        try {
            return file.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot upload " + file, e);
        }
    }

    /** The text of the "not found" page the browser shows now. */
    public static String notFoundText(WebDriver driver, String url) {
        driver.get(url);
        NotFound page = new NotFound(driver);
        return page.text("not-found");
    }

    private static final class NotFound extends ShellPage {
        NotFound(WebDriver driver) {
            super(driver);
            visible("not-found");
            waitForVaadin();
        }
    }
}
