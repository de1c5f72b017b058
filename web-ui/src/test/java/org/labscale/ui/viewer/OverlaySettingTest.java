package org.labscale.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An overlay's tiles live below its whole map's URL, in the form both proxies pass on. */
class OverlaySettingTest {

    @Test
    void shouldPutTheTilesBelowTheWholeMap() {
        assertEquals("ui-api/annotations/a/versions/2/class-map/tiles",
                new OverlaySetting("ui-api/annotations/a/versions/2/class-map", false, 0.7).tiles());
        assertEquals("ui-outputs/labs/l/jobs/j/label-map/i/tiles",
                new OverlaySetting("ui-outputs/labs/l/jobs/j/label-map/i.png", true, 1).tiles());
    }
}
