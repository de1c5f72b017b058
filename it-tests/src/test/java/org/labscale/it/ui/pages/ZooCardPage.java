package org.labscale.it.ui.pages;

import org.openqa.selenium.WebDriver;

/** {@code /labs/{lab}/zoo/{versionId}}: a zoo card with "Segment my images with it" and "Fork into my lab". */
public final class ZooCardPage extends ShellPage {

    private ZooCardPage(WebDriver driver) {
        super(driver);
        visible("zoo-card");
        waitForVaadin();
    }

    static ZooCardPage current(WebDriver driver) {
        return new ZooCardPage(driver);
    }

    public String facts() {
        return text("zoo-facts");
    }

    /** Clicks "Fork into my lab" and answers the new model's link text. */
    public String fork() {
        click("zoo-fork");
        return text("zoo-forked-link");
    }

    /** Clicks "Segment my images with it" and waits for the segment page. */
    public SegmentPage segment() {
        clickInView(visible("zoo-segment"));
        return SegmentPage.current(driver);
    }
}
