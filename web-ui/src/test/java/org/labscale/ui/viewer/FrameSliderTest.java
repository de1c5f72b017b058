package org.labscale.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame slider: its label, its events, and frames kept inside the series. */
class FrameSliderTest {

    @Test
    void shouldFireEachNewFrameOnceAndKeepItInTheSeries() {
        FrameSlider slider = new FrameSlider(4, null);
        List<Integer> seen = new ArrayList<>();
        slider.addFrameChangedListener(e -> seen.add(e.frame()));
        slider.setFrame(2);
        slider.setFrame(2);
        slider.setFrame(9);
        slider.setFrame(-1);
        assertEquals(List.of(2, 3, 0), seen);
        assertEquals(0, slider.frame());
        assertEquals("Frame 1 of 4", slider.label.getText());
        assertEquals(3.0, slider.slider.getMax());
    }

    @Test
    void shouldSayTheTimeSinceTheFirstFrameWhenTheIntervalIsKnown() {
        FrameSlider slider = new FrameSlider(100, 10.0);
        slider.setFrame(3);
        assertEquals("Frame 4 of 100 \u00b7 30 min", slider.label.getText());
        assertEquals("0", new FrameSlider(2, 10.0).getElement().getAttribute("data-frame"));
        assertEquals("Frame 31 of 100 \u00b7 5.0 h", slider.text(30));
        assertEquals("Frame 31 of 100", new FrameSlider(100, null).text(30));
    }

    @Test
    void shouldRefuseASeriesWithoutFrames() {
        assertEquals("a series has 1 frame or more, not 0",
                assertThrows(IllegalArgumentException.class, () -> new FrameSlider(0, null)).getMessage());
    }
}
