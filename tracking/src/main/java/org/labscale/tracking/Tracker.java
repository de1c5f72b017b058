package org.labscale.tracking;

import org.labscale.tracking.link.LapTracker;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;
import org.labscale.tracking.link.TrackerSettings;

import java.util.List;

/**
 * Tracks the objects of a segmented time series: measures each label as a spot ({@link SpotMeasurer}), links the spots
 * with the LAP tracker ({@link LapTracker}) and cuts the graph into tracks and lineages ({@link Lineage}). The entry
 * point for a worker; framework-free and stateless.
 */
public final class Tracker {

    private Tracker() {
    }

    /**
     * @throws IllegalArgumentException fewer than two frames, frames of different sizes, or a repeated frame index
     */
    public static TrackingResult track(List<LabelFrame> frames, TrackerSettings settings) {
        if (frames.size() < 2) {
            throw new IllegalArgumentException("a time series needs at least two frames to track, got "
                    + frames.size());
        }
        return trackSpots(SpotMeasurer.measure(frames), settings);
    }

    /**
     * Tracks spots measured beforehand (e.g. by a {@link SpotCollector} while the frames were segmented, so that the
     * masks need not be held). The caller checks that the series has two frames or more.
     */
    public static TrackingResult trackSpots(List<Spot> spots, TrackerSettings settings) {
        List<Link> links = new LapTracker(settings).track(spots);
        return new TrackingResult(spots, links, Lineage.of(spots, links));
    }
}
