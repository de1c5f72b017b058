package org.labscale.it.ui.pages;

import org.openqa.selenium.WebDriver;

/** The page an invitation link opens ({@code /join?token=...}). */
public final class JoinPage extends VaadinPage {

    private JoinPage(WebDriver driver) {
        super(driver);
        visible("join-card");
        waitForVaadin();
    }

    public static JoinPage open(WebDriver driver, String link) {
        driver.get(link);
        return new JoinPage(driver);
    }

    /** Creates the invited person's account and answers the login page it leads to. */
    public LoginPage createAccount(String name, String password) {
        type("join-name", name);
        type("join-password", password);
        click("join-submit");
        waitForVaadin();
        if (isShown("join-error")) {
            throw new AssertionError("the join page refused the account: " + text("join-error"));
        }
        return LoginPage.current(driver);
    }
}
