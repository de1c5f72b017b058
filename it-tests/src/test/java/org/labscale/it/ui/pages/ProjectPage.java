package org.labscale.it.ui.pages;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A project's page ({@code /labs/<lab>/projects/<project>}): title, the "Add images" uploader with its per-file
 * outcomes, and the gallery of thumbnails with paging.
 */
public final class ProjectPage extends ShellPage {

    /** One file's outcome as the uploader lists it. */
    public record Outcome(String file, boolean stored, String message) {
    }

    private ProjectPage(WebDriver driver) {
        super(driver);
        visible("project-title");
        waitForVaadin();
    }

    public static ProjectPage open(WebDriver driver, String uiUrl, String labId, String projectId) {
        driver.get(uiUrl + "/labs/" + labId + "/projects/" + projectId);
        return new ProjectPage(driver);
    }

    public static ProjectPage current(WebDriver driver) {
        return new ProjectPage(driver);
    }

    public String title() {
        return text("project-title");
    }

    /** Whether the uploader is offered (not to viewers). */
    public boolean offersUpload() {
        return isShown("add-images");
    }

    /** Whether "Edit" / "Delete" are offered (not to viewers). */
    public boolean offersEditing() {
        return isShown("edit-project") || isShown("delete-project");
    }

    /**
     * Sets the channel names and pixel size, then drops {@code files} on the uploader at once (as the file picker
     * would) and waits until each has an outcome.
     */
    public List<Outcome> upload(String channelNames, String pixelSizeUm, List<Path> files) {
        startUpload(channelNames, pixelSizeUm, files);
        waitUntil(files.size() + " upload outcomes are listed", () -> outcomes().size() >= files.size());
        return outcomes();
    }

    /** As {@link #upload} without waiting: the files are dropped on the uploader, which goes on sending them. */
    public void startUpload(String channelNames, String pixelSizeUm, List<Path> files) {
        WebElement details = visible("add-images");
        if (details.getAttribute("opened") == null) {
            details.findElement(By.cssSelector("vaadin-details-summary")).click();
        }
        type("upload-channels", channelNames);
        type("upload-pixel-size", pixelSizeUm);
        fileInput("image-upload").sendKeys(files.stream().map(ShellPage::realPath)
                .collect(Collectors.joining("\n")));
    }

    /**
     * The uploader's progress as the browser shows it: {files listed, complete, with a progress bar part-way (between
     * 0 and 100 %), uploading now}, and the page's overall line ("n file(s) received, m refused").
     */
    @SuppressWarnings("unchecked")
    public UploadProgress uploadProgress() {
        List<Object> r = (List<Object>) ((JavascriptExecutor) driver).executeScript("""
                const u = document.getElementById('image-upload');
                const files = u.files || [];
                return [files.length, files.filter(f => f.complete).length,
                        files.filter(f => f.progress > 0 && f.progress < 100).length,
                        files.filter(f => f.uploading).length,
                        (document.getElementById('upload-summary') || {}).textContent || ''];
                """);
        return new UploadProgress(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue(),
                ((Number) r.get(2)).intValue(), ((Number) r.get(3)).intValue(), (String) r.get(4));
    }

    /** See {@link #uploadProgress()}. */
    public record UploadProgress(int listed, int complete, int partWay, int uploading, String summary) {
    }

    @SuppressWarnings("unchecked")
    public List<Outcome> outcomes() {
        List<List<Object>> rows = (List<List<Object>>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('#upload-results .upload-result')).map(r => "
                        + "[r.getAttribute('data-file'), r.classList.contains('stored'),"
                        + " r.querySelector('.message').textContent]);");
        return rows.stream().map(r -> new Outcome((String) r.get(0), (Boolean) r.get(1),
                ((String) r.get(2)).replaceFirst("^ \u2014 (refused: )?", ""))).toList();
    }

    /** The gallery's "Images a–b of n" line, once the gallery holds at least {@code atLeast} images. */
    public String galleryRange(int atLeast) {
        waitUntil("the gallery shows " + atLeast + " images", () -> imageNames().size() >= atLeast);
        return text("gallery-range");
    }

    /** The gallery's names, read in one browser call (the gallery re-renders when sorted or filtered). */
    @SuppressWarnings("unchecked")
    public List<String> imageNames() {
        return ((List<Object>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#gallery .image-card .image-name')]"
                        + ".map(e => e.textContent.trim());")).stream().map(String::valueOf).toList();
    }

    /** The facts line under the gallery card of the image called {@code name} (size, channels, pixel size). */
    public String imageFacts(String name) {
        waitUntil("the gallery shows " + name, () -> imageNames().contains(name));
        return driver.findElements(By.cssSelector("#gallery .image-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".image-name")).getText().strip().equals(name))
                .findFirst().orElseThrow().findElement(By.cssSelector(".image-facts")).getText().strip();
    }

    /** Whether every thumbnail of the page has loaded as a picture (not a broken image). */
    public boolean thumbnailsLoaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const imgs = Array.from(document.querySelectorAll('#gallery img'));"
                        + "return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);"));
    }

    public void waitUntilThumbnailsLoaded() {
        waitUntil("the thumbnails have loaded", this::thumbnailsLoaded);
    }

    /**
     * Opens the viewer of the image called {@code name}, once the gallery shows it (after a sort or a filter the
     * gallery is re-rendered by a later round trip: the filter's text goes to the server only after a pause in typing).
     */
    public ViewerPage openImage(String name) {
        waitUntil("the gallery shows " + name, () -> imageNames().contains(name));
        clickInView(driver.findElements(By.cssSelector("#gallery .image-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".image-name")).getText().strip().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no image '" + name + "' in the gallery")));
        return ViewerPage.current(driver);
    }

    /** Picks the gallery's order by its label ("Name Z–A") and waits for the page it leads to. */
    public ProjectPage sortBy(String label) {
        scrollToMiddle("gallery-sort");
        pick("gallery-sort", label::equals, label);
        return current(driver);
    }

    /** Types a piece of the name into the gallery's filter and waits for the page it leads to. */
    public ProjectPage filterByName(String text) {
        type("gallery-filter", text);
        return current(driver);
    }

    /** Picks "All images", "Annotated" or "Not annotated" and waits for the page it leads to. */
    public ProjectPage showAnnotated(String choice) {
        scrollToMiddle("gallery-annotated");
        pick("gallery-annotated", choice::equals, choice);
        return current(driver);
    }

    /** The gallery's names once they are {@code expected} (or the wait's time ran out). */
    public List<String> imageNamesOnceThey(List<String> expected) {
        waitUntil("the gallery shows " + expected, () -> imageNames().equals(expected));
        return imageNames();
    }

    /** What the gallery says when it shows nothing. */
    public String emptyText() {
        return text("gallery-empty");
    }

    /** Scrolls {@code id} to the middle of the viewport, where the uploader's results below it cannot cover it. */
    private void scrollToMiddle(String id) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", visible(id));
    }
}
