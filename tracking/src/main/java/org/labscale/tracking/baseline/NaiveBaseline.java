package org.labscale.tracking.baseline;

import org.labscale.imaging.FloatPlane;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.Lineage;
import org.labscale.tracking.SpotMeasurer;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.List;

/**
 * The naive baseline that issue 19 scores Labscale against: each frame segmented by a global threshold
 * ({@link GlobalThreshold}) and objects linked to their greatest-overlap predecessor ({@link OverlapLinker}).
 */
public final class NaiveBaseline {

    private NaiveBaseline() {
    }

    /** Segments the raw frames (index = frame) into label frames, objects under {@code minArea} pixels dropped. */
    public static List<LabelFrame> segment(List<FloatPlane> images, int minArea) {
        List<LabelFrame> frames = new ArrayList<>(images.size());
        for (int t = 0; t < images.size(); t++) {
            frames.add(LabelFrame.of(t, GlobalThreshold.segment(images.get(t), minArea)));
        }
        return frames;
    }

    /**
     * @throws IllegalArgumentException fewer than two frames, frames of different sizes, or frames not consecutive
     */
    public static TrackingResult track(List<LabelFrame> frames) {
        if (frames.size() < 2) {
            throw new IllegalArgumentException("a time series needs at least two frames to track, got "
                    + frames.size());
        }
        List<Spot> spots = SpotMeasurer.measure(frames);
        List<Link> links = OverlapLinker.link(frames, spots);
        return new TrackingResult(spots, links, Lineage.of(spots, links));
    }
}
