package org.labscale.tracking.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The LAP tracker of Jaqaman et al., "Robust single-particle tracking in live-cell time-lapse sequences", Nature
 * Methods 5:695-702 (2008), as TrackMate's {@code SparseLAPTracker} implements it: frame-to-frame linking
 * ({@link FrameToFrameLinker}), then gap closing, splitting and merging of the segments ({@link SegmentLinker}),
 * each as a linear assignment solved on a sparse matrix ({@link org.labscale.tracking.lap.LapjvSparse}).
 *
 * <p>Given TrackMate's settings it reproduces TrackMate's edges (see {@code TrackMateReferenceTest}). With
 * {@link TrackerSettings#divisionRecovery()} (the nuclei preset) a last step adds the divisions it missed
 * ({@link DivisionRecovery}).
 */
public final class LapTracker {

    private final TrackerSettings settings;

    public LapTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param spots every spot of the series, with unique ids
     * @return the links, frame-to-frame ones first
     * @throws IllegalArgumentException two spots share an id
     */
    public List<Link> track(Collection<Spot> spots) {
        Map<Integer, List<Spot>> byFrame = new TreeMap<>();
        Set<Integer> ids = new HashSet<>();
        for (Spot spot : spots) {
            if (!ids.add(spot.id())) {
                throw new IllegalArgumentException("two spots share the id " + spot.id());
            }
            byFrame.computeIfAbsent(spot.frame(), f -> new ArrayList<>()).add(spot);
        }
        List<Integer> frames = new ArrayList<>(byFrame.keySet());
        FrameToFrameLinker linker = new FrameToFrameLinker(settings);
        List<Link> links = IntStream.range(0, Math.max(0, frames.size() - 1)).parallel()
                .mapToObj(k -> linker.link(byFrame.get(frames.get(k)).toArray(new Spot[0]),
                        byFrame.get(frames.get(k + 1)).toArray(new Spot[0])))
                .flatMap(List::stream)
                .collect(Collectors.toCollection(ArrayList::new));
        if (settings.segmentStep()) {
            links.addAll(new SegmentLinker(settings).link(spots.toArray(new Spot[0]), links));
        }
        if (settings.splitting() && settings.divisionRecovery()) {
            links.addAll(new DivisionRecovery(settings.splittingMaxDistance()).recover(List.copyOf(spots), links));
        }
        return links;
    }
}
