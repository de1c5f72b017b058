package org.labscale.it.ui.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Lab settings ({@code /labs/<lab>/settings}): members, invitations, personal API tokens, workers. */
public final class SettingsPage extends ShellPage {

    private SettingsPage(WebDriver driver) {
        super(driver);
        visible("members-grid");
        waitForVaadin();
    }

    public static SettingsPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/settings");
        return new SettingsPage(driver);
    }

    /** Creates a personal API token and answers its secret, read from the dialog that shows it once. */
    public String createToken(String name) {
        type("token-name", name);
        click("create-token");
        return secret();
    }

    /** Invites {@code email} as a member and answers the link, read from the dialog that shows it once. */
    public String invite(String email) {
        type("invite-email", email);
        click("invite");
        return secret();
    }

    private String secret() {
        WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#secret-value input")));
        waitUntil("the secret is shown", () -> !value.getAttribute("value").isBlank());
        String secret = value.getAttribute("value");
        click("secret-close");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("secret-dialog")));
        waitForVaadin();
        return secret;
    }

    /** Revokes the token called {@code name} and waits until the grid says so. */
    public SettingsPage revokeToken(String name) {
        waitUntil("token '" + name + "' is listed", () -> tokenStatus(name) != null);
        clickInView(driver.findElements(By.cssSelector("#tokens-grid vaadin-button[data-action=revoke]")).stream()
                .filter(b -> name.equals(b.getAttribute("data-token")) && b.isDisplayed()).findFirst().orElseThrow());
        waitUntil("token '" + name + "' is revoked", () -> String.valueOf(tokenStatus(name)).startsWith("Revoked"));
        return this;
    }

    /** The status column of token {@code name} ("Active", "Revoked ..."), or null when not listed. */
    public String tokenStatus(String name) {
        return gridRows("tokens-grid").stream().filter(r -> r.get(0).equals(name)).map(r -> r.get(5)).findFirst()
                .orElse(null);
    }

    /** Whether owner-only sections are offered. */
    public boolean offersInvitations() {
        return isShown("invite");
    }
}
