package org.labscale.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labscale.shared.image.ChannelHistogramDto;

/** A channel's controls without a server: auto-contrast, colours, the events they fire, the histogram drawing. */
class ChannelControlsTest {

    /** Percentiles that are no slider step (4 per step over 100..4,100): they must stay exact. */
    private static final ChannelHistogramDto NUCLEAR = new ChannelHistogramDto(1, 0, 100, 4100,
            List.of(10L, 1000L, 0L, 3L), 110, 121.5, 3001.25, 3900);

    @Test
    void shouldStartAtThePercentilesAndFireEveryChange() {
        ChannelControls controls = new ChannelControls(1, "nuclear", "Magenta", true);
        assertFalse(controls.ready());
        List<ChannelSetting> fired = new ArrayList<>();
        controls.addChannelChangedListener(e -> fired.add(e.setting()));

        controls.setHistogram(NUCLEAR);

        assertEquals(new ChannelSetting(1, true, "ff00ff", 121.5, 3001.25), controls.setting());
        assertEquals("725", controls.high.getValue(), "3,001.25 sits at 72.5 % of 100..4,100");
        controls.color.setValue("Green");
        controls.visible.setValue(false);
        assertEquals(List.of(new ChannelSetting(1, true, "00ff00", 121.5, 3001.25),
                new ChannelSetting(1, false, "00ff00", 121.5, 3001.25)), fired);
    }

    @Test
    void shouldMapSliderPositionsToRealValuesAndBackToAutoContrast() {
        ChannelControls controls = new ChannelControls(0, "phase", "Grey", true);
        controls.setHistogram(NUCLEAR);

        controls.high.setValue("250");
        assertEquals(1100, controls.setting().max(), 1e-9);
        controls.low.setValue("400");
        assertTrue(controls.setting().max() > controls.setting().min(), "max is pushed above a min dragged past it");
        controls.autoContrast();
        assertEquals(121.5, controls.setting().min());
        assertEquals(3001.25, controls.setting().max());
        assertEquals("121.5 \u2013 3001  (data 100 \u2013 4100)", controls.range.getText());
    }

    @Test
    void shouldDrawTheHistogramOnALogScale() {
        String svg = ChannelControls.svg(NUCLEAR);
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains(" L64.00 2.00 L128.00 2.00"), "the tallest bin reaches the top: " + svg);
        assertTrue(svg.contains(" L128.00 60.00 L192.00 60.00"), "an empty bin stays at the bottom: " + svg);
        assertEquals("0.6500", ChannelControls.format(0.65));
        assertEquals("4100", ChannelControls.format(4100));
    }
}
