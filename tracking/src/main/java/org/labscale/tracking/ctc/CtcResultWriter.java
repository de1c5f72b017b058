package org.labscale.tracking.ctc;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Spot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tracking in the CTC's result format: {@code maskTTT.tif}, 16-bit masks whose values are track labels, one
 * per frame of the series, and {@code res_track.txt}. The tracks of a {@link org.labscale.tracking.Lineage} already
 * follow the CTC's rules (one label per track, contiguous, parents ending before children begin); they are checked
 * again before anything is written.
 */
public final class CtcResultWriter {

    private CtcResultWriter() {
    }

    /** The tracks as CTC track lines. */
    public static List<CtcTrack> tracks(TrackingResult result) {
        List<CtcTrack> lines = new ArrayList<>();
        for (Track t : result.lineage().tracks()) {
            lines.add(new CtcTrack(t.id(), t.firstFrame(), t.lastFrame(), t.parent()));
        }
        return lines;
    }

    /** Each frame's mask relabelled with track labels. */
    public static List<LabelImage> masks(TrackingResult result, List<LabelFrame> frames) {
        Map<Integer, Map<Integer, Integer>> trackOfLabel = new HashMap<>();
        for (Spot s : result.spots()) {
            trackOfLabel.computeIfAbsent(s.frame(), f -> new HashMap<>())
                    .put(s.label(), result.lineage().trackOf(s.id()));
        }
        List<LabelFrame> ordered = new ArrayList<>(frames);
        ordered.sort(Comparator.comparingInt(LabelFrame::frame));
        List<LabelImage> masks = new ArrayList<>();
        for (LabelFrame frame : ordered) {
            if (frame.frame() != masks.size()) {
                throw new IllegalArgumentException("the CTC format needs frames 0, 1, 2, ...; frame " + masks.size()
                        + " is missing");
            }
            Map<Integer, Integer> map = trackOfLabel.getOrDefault(frame.frame(), Map.of());
            int[] labels = frame.labels().toArray();
            for (int p = 0; p < labels.length; p++) {
                labels[p] = labels[p] == 0 ? 0 : map.get(labels[p]);
            }
            masks.add(LabelImage.of(frame.labels().width(), frame.labels().height(), labels));
        }
        return masks;
    }

    /**
     * Writes {@code maskTTT.tif} (three digits, four beyond 1000 frames) and {@code res_track.txt} into {@code dir}.
     *
     * @throws IllegalArgumentException more than 65,535 tracks, or frames not numbered 0, 1, 2, ...
     */
    public static void write(Path dir, TrackingResult result, List<LabelFrame> frames) throws IOException {
        List<CtcTrack> tracks = tracks(result);
        CtcTrackFile.check(tracks);
        List<LabelImage> masks = masks(result, frames);
        Files.createDirectories(dir);
        String pattern = masks.size() > 1000 ? "mask%04d.tif" : "mask%03d.tif";
        for (int t = 0; t < masks.size(); t++) {
            Files.write(dir.resolve(String.format(pattern, t)), LabelImageEncoder.labelsTiff16(masks.get(t)));
        }
        CtcTrackFile.write(dir.resolve("res_track.txt"), tracks);
    }
}
