package org.labscale.tracking;

import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures the frames of a series one at a time, as they are segmented, and keeps only their spots: a long series of
 * large masks never has to be in memory at once (the masks can wait on disk for {@link
 * org.labscale.tracking.ctc.CtcResultWriter}). Frames must come in order 0, 1, 2, ... and be of one size; spots are
 * numbered as {@link SpotMeasurer#measure} numbers them.
 */
public final class SpotCollector {

    private final List<Spot> spots = new ArrayList<>();
    private int frames;
    private int width = -1;
    private int height = -1;

    /**
     * @throws IllegalArgumentException the frame is not the next one, or not of the series' size
     */
    public void add(LabelFrame frame) {
        if (frame.frame() != frames) {
            throw new IllegalArgumentException("expected frame " + frames + " next, got frame " + frame.frame());
        }
        if (width < 0) {
            width = frame.labels().width();
            height = frame.labels().height();
        } else if (frame.labels().width() != width || frame.labels().height() != height) {
            throw new IllegalArgumentException("frame " + frame.frame() + " is " + frame.labels().width() + "x"
                    + frame.labels().height() + " but the series' first frame is " + width + "x" + height);
        }
        spots.addAll(SpotMeasurer.measureFrame(frame, spots.size()));
        frames++;
    }

    /** Frames added so far. */
    public int frames() {
        return frames;
    }

    public List<Spot> spots() {
        return Collections.unmodifiableList(spots);
    }
}
