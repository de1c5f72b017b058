package org.labscale.it.ui.pages;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sign-in page ({@code /login}): email, password, "Sign in", and the error line above the button. */
public final class LoginPage extends VaadinPage {

    private LoginPage(WebDriver driver) {
        super(driver);
        wait.withMessage(() -> "waiting for /login, the browser shows " + driver.getCurrentUrl())
                .until(ExpectedConditions.urlMatches("/login(\\?.*)?$"));
        visible("login-view");
        visible("login-submit");
        waitForVaadin();
    }

    /** Opens {@code /login} of the UI at {@code uiUrl}. */
    public static LoginPage open(WebDriver driver, String uiUrl) {
        driver.get(uiUrl + "/login");
        return new LoginPage(driver);
    }

    /** The login page the browser is on now (e.g. after a redirect), once it has rendered. */
    public static LoginPage current(WebDriver driver) {
        return new LoginPage(driver);
    }

    /** Signs in and waits for the landing page. */
    public LandingPage signIn(String email, String password) {
        submit(email, password);
        return LandingPage.current(driver);
    }

    /** Signs in on a login page that was opened for a lab page (an invitation, a pasted link) and lands there. */
    public ProjectsList signInTo(String email, String password) {
        submit(email, password);
        return ProjectsList.current(driver);
    }

    /** Submits credentials the API will refuse and returns the error the page then shows. */
    public String signInExpectingError(String email, String password) {
        submit(email, password);
        return error();
    }

    /** The error line, once shown. */
    public String error() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(id("login-error")));
        waitUntil("the sign-in error has text", () -> !driver.findElement(id("login-error")).getText().isBlank());
        return text("login-error");
    }

    /** What the password field holds now (the page clears it after a refused sign-in). */
    public String password() {
        return driver.findElement(org.openqa.selenium.By.cssSelector("#login-password input")).getAttribute("value");
    }

    /** The path of the page the browser shows, e.g. {@code /login}. */
    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    private void submit(String email, String password) {
        type("login-email", email);
        type("login-password", password);
        click("login-submit");
    }
}
