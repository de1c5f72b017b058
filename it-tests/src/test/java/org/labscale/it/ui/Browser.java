package org.labscale.it.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for a test class, driven by Debian's chromedriver; a screenshot and the page's HTML go to
 * {@code target/screenshots/} when a test fails.
 *
 * <p>Register it on a static field with {@code @RegisterExtension}. The browser starts once per class with its own
 * fresh {@code --user-data-dir} (starting Chromium and loading Vaadin's bundle into an empty cache cost seconds a
 * test on a busy 2-core machine); before each test all its cookies are cleared, so every test starts with a new
 * Vaadin session and signed out.
 *
 * <p>The browser is part of what these tests check, so a missing browser fails them with the command that installs
 * it rather than skipping them. The paths default to Debian's and may be moved with {@code -Dit.chromium=} and
 * {@code -Dit.chromedriver=}.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private ChromeDriver driver;
    private Path profile;

    /** The driver of the running test. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("No browser: register Browser on a static field with @RegisterExtension");
        }
        return driver;
    }

    /** Fails, with the command that installs them, where Chromium or its driver is missing. */
    public static void requireInstalled() {
        StringBuilder missing = new StringBuilder();
        for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(p)) {
                missing.append(missing.length() == 0 ? "" : " and ").append(p);
            }
        }
        if (missing.length() > 0) {
            throw new IllegalStateException("The browser tests need Chromium and chromedriver, but " + missing
                    + " is missing. Install them with: apt-get update && apt-get install -y chromium chromium-driver"
                    + " (or point -Dit.chromium= and -Dit.chromedriver= at other binaries).");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        requireInstalled();
        profile = Files.createTempDirectory("labscale-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        signOutAll();
    }

    /** Forgets every cookie of every site, so the next page starts a new, signed-out Vaadin session. */
    public void signOutAll() {
        driver.get("about:blank");
        // all cookies of all sites (WebDriver's deleteAllCookies only reaches the current page's): a new Vaadin session
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png}, for people to look at. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the screenshot " + name, e);
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        // Runs before @AfterEach methods and before the driver quits, so the page is still the failing one.
        if (driver != null && context.getExecutionException().isPresent()) {
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.write(SCREENSHOTS.resolve(name + ".png"),
                        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                        "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
                System.out.println("Screenshot of the failed test: " + SCREENSHOTS.resolve(name + ".png").toAbsolutePath());
            } catch (Exception e) {
                // never hide the test's own failure behind a failed screenshot
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteProfile();
        }
    }

    private void deleteProfile() {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the browser profile " + profile, e);
        } finally {
            profile = null;
        }
    }
}
