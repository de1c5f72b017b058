package org.labscale.it.ui.pages;

import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** {@code /labs/{lab}/import}: upload a bioimage.io model package or a training-set package. */
public final class PackageImportPage extends ShellPage {

    /** What an upload ended with: "imported" with a link to what was made, or "refused" with the API's sentence. */
    public record Outcome(String state, String text, String link) {
    }

    private PackageImportPage(WebDriver driver) {
        super(driver);
        visible("training-set-import");
        waitForVaadin();
    }

    public static PackageImportPage open(WebDriver driver, String uiUrl, String labId) {
        driver.get(uiUrl + "/labs/" + labId + "/import");
        return new PackageImportPage(driver);
    }

    /** Uploads a training-set package under {@code name} (blank: the package's) and waits for the outcome. */
    public Outcome trainingSet(Path zip, String name) {
        return upload("training-set", zip, name);
    }

    /** Uploads a bioimage.io model package and waits for the outcome. */
    public Outcome model(Path zip, String name) {
        return upload("bioimageio", zip, name);
    }

    private Outcome upload(String kind, Path zip, String name) {
        String before = outcome(kind);
        type(kind + "-name", name);
        fileInput(kind + "-upload").sendKeys(realPath(zip));
        waitUntil("the " + kind + " upload's outcome", () -> {
            String now = outcome(kind);
            return now != null && !now.equals(before);
        });
        waitForVaadin();
        WebElement result = driver.findElement(By.id(kind + "-result"));
        var links = result.findElements(By.cssSelector("a.import-made"));
        return new Outcome(result.getAttribute("data-outcome"), result.getText().strip(),
                links.isEmpty() ? null : links.get(0).getAttribute("href"));
    }

    /** The outcome's state and text, to tell a new outcome from the one shown before. */
    private String outcome(String kind) {
        WebElement result = driver.findElement(By.id(kind + "-result"));
        String state = result.getAttribute("data-outcome");
        return state == null ? null : state + ":" + result.getText();
    }
}
