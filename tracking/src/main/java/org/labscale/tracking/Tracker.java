package org.labscale.tracking;

import org.labscale.tracking.daughters.MergedDaughters;
import org.labscale.tracking.link.LapTracker;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;
import org.labscale.tracking.link.TrackerSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks the objects of a segmented time series: measures each label as a spot ({@link SpotMeasurer}), links the spots
 * with the LAP tracker ({@link LapTracker}), cuts the graph into tracks and lineages ({@link Lineage}) and, with
 * {@link TrackerSettings#mergedDaughterFrames()} and the masks, parts daughters segmented as one object before their
 * division ({@link MergedDaughters}). The entry point for a worker; framework-free and stateless.
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
        List<Spot> spots = SpotMeasurer.measure(frames);
        Map<Integer, LabelFrame> byFrame = new HashMap<>();
        frames.forEach(f -> byFrame.put(f.frame(), f));
        try {
            return trackSpots(spots, settings, t -> byFrame.get(t).labels());
        } catch (IOException e) {
            throw new UncheckedIOException("masks held in memory cannot fail to load", e);
        }
    }

    /**
     * Tracks spots measured beforehand (e.g. by a {@link SpotCollector} while the frames were segmented, so that the
     * masks need not be held), with the LAP steps only: without the masks, merged daughters are not parted. The
     * caller checks that the series has two frames or more.
     */
    public static TrackingResult trackSpots(List<Spot> spots, TrackerSettings settings) {
        List<Link> links = new LapTracker(settings).track(spots);
        return new TrackingResult(spots, links, Lineage.of(spots, links));
    }

    /**
     * As {@link #trackSpots(List, TrackerSettings)}, then parts merged daughters on the masks the spots were measured
     * on, each loaded only when a division asks for its frame.
     *
     * @throws IOException a mask cannot be loaded
     */
    public static TrackingResult trackSpots(List<Spot> spots, TrackerSettings settings, MaskSource masks)
            throws IOException {
        TrackingResult result = trackSpots(spots, settings);
        if (settings.splitting() && settings.mergedDaughterFrames() > 0) {
            result = new MergedDaughters(settings.mergedDaughterFrames()).part(result, masks);
        }
        return result;
    }
}
