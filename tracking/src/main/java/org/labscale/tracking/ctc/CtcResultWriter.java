package org.labscale.tracking.ctc;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.MaskEdits;
import org.labscale.tracking.MaskSource;
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
 * per frame of the series (the segmentation's masks as the tracker changed them, {@link TrackingResult#maskEdits()}),
 * and {@code res_track.txt}. The tracks of a {@link org.labscale.tracking.Lineage} already
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

    /** Each frame's mask relabelled with track labels, index = frame. */
    public static List<LabelImage> masks(TrackingResult result, List<LabelFrame> frames) {
        List<LabelImage> masks = new ArrayList<>();
        Relabeller relabeller = new Relabeller(result);
        for (LabelFrame frame : ordered(frames)) {
            masks.add(relabeller.relabel(frame));
        }
        return masks;
    }

    /**
     * Writes {@code maskTTT.tif} (three digits, four beyond 1000 frames) and {@code res_track.txt} into {@code dir}.
     *
     * @throws IllegalArgumentException more than 65,535 tracks, or frames not numbered 0, 1, 2, ...
     */
    public static void write(Path dir, TrackingResult result, List<LabelFrame> frames) throws IOException {
        List<LabelFrame> ordered = ordered(frames);
        write(dir, result, ordered.size(), t -> ordered.get(t).labels());
    }

    /**
     * As {@link #write(Path, TrackingResult, List)} with the masks of frames {@code 0..frames-1} loaded one at a time
     * when the writer gets to them, so that a long series of large masks is never in memory at once.
     */
    public static void write(Path dir, TrackingResult result, int frames, MaskSource masks) throws IOException {
        List<CtcTrack> tracks = tracks(result);
        CtcTrackFile.check(tracks);
        Relabeller relabeller = new Relabeller(result);
        Files.createDirectories(dir);
        String pattern = frames > 1000 ? "mask%04d.tif" : "mask%03d.tif";
        for (int t = 0; t < frames; t++) {
            Files.write(dir.resolve(String.format(pattern, t)),
                    LabelImageEncoder.labelsTiff16(relabeller.relabel(LabelFrame.of(t, masks.mask(t)))));
        }
        CtcTrackFile.write(dir.resolve("res_track.txt"), tracks);
    }

    /** The frames in order, checked to be numbered 0, 1, 2, ... as the CTC format needs. */
    private static List<LabelFrame> ordered(List<LabelFrame> frames) {
        List<LabelFrame> ordered = new ArrayList<>(frames);
        ordered.sort(Comparator.comparingInt(LabelFrame::frame));
        for (int t = 0; t < ordered.size(); t++) {
            if (ordered.get(t).frame() != t) {
                throw new IllegalArgumentException("the CTC format needs frames 0, 1, 2, ...; frame " + t
                        + " is missing");
            }
        }
        return ordered;
    }

    /**
     * Maps each frame's labels to the labels of their tracks, after the tracker's own changes to the masks
     * ({@link TrackingResult#maskEdits()}).
     */
    private static final class Relabeller {
        private final Map<Integer, Map<Integer, Integer>> trackOfLabel = new HashMap<>();
        private final MaskEdits edits;

        Relabeller(TrackingResult result) {
            edits = result.maskEdits();
            for (Spot s : result.spots()) {
                trackOfLabel.computeIfAbsent(s.frame(), f -> new HashMap<>())
                        .put(s.label(), result.lineage().trackOf(s.id()));
            }
        }

        LabelImage relabel(LabelFrame frame) {
            Map<Integer, Integer> map = trackOfLabel.getOrDefault(frame.frame(), Map.of());
            int[] labels = edits.apply(frame.frame(), frame.labels()).toArray();
            for (int p = 0; p < labels.length; p++) {
                if (labels[p] != 0) {
                    Integer track = map.get(labels[p]);
                    if (track == null) {
                        throw new IllegalArgumentException("frame " + frame.frame() + ": label " + labels[p]
                                + " is not among the tracked spots");
                    }
                    labels[p] = track;
                }
            }
            return LabelImage.of(frame.labels().width(), frame.labels().height(), labels);
        }
    }
}
