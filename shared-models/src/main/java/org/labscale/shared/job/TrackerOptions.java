package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link TrackingPayload} links cells across frames: a preset and the few values a user overrides. Distances
 * are in pixels. The worker maps it onto the {@code tracking} library's LAP tracker settings.
 *
 * @param preset      {@code nuclei} (default: fluorescent nuclei 20-40 px across; links up to 30 px, closes gaps of
 *                    one missed frame, divisions on) or {@code bacteria} (dense micro-colonies; links up to 10 px, no
 *                    gap closing, divisions on)
 * @param maxDistance farthest a cell may move between frames (and a gap or division may span), 1 to 10,000 px
 *                    (default: the preset's)
 * @param gapFrames   frames a cell may be missing before its track is closed again, 0 (no gap closing) to 10
 *                    (default: the preset's, 1 for nuclei, 0 for bacteria)
 * @param divisions   whether a track may split into two daughters (default true)
 * @param mergedDaughterFrames with divisions on: the most frames before a division in which two daughters that the
 *                    segmentation kept as one object (touching nuclei joined by a threshold) are parted again, each
 *                    daughter's track starting where its blob is parted; 0 (off) to 10 (default: the preset's,
 *                    {@value #NUCLEI_MERGED_DAUGHTER_FRAMES} for nuclei, 0 for bacteria)
 */
public record TrackerOptions(String preset, Double maxDistance, Integer gapFrames, Boolean divisions,
                             Integer mergedDaughterFrames) {

    /** The presets, by name. */
    public static final List<String> PRESETS = List.of("nuclei", "bacteria");
    public static final double MAX_DISTANCE = 10_000;
    public static final int MAX_GAP_FRAMES = 10;
    public static final int MAX_MERGED_DAUGHTER_FRAMES = 10;
    /** {@link #mergedDaughterFrames} of the nuclei preset: a thresholded pair of daughters stays one for 2-4. */
    public static final int NUCLEI_MERGED_DAUGHTER_FRAMES = 5;

    /** The preset's {@link #mergedDaughterFrames}. */
    public TrackerOptions(String preset, Double maxDistance, Integer gapFrames, Boolean divisions) {
        this(preset, maxDistance, gapFrames, divisions, null);
    }

    /** This record with the preset's value for every absent one (an unknown preset is left as given). */
    public TrackerOptions withDefaults() {
        String name = preset == null ? "nuclei" : preset.trim().toLowerCase(Locale.ROOT);
        boolean bacteria = "bacteria".equals(name);
        return new TrackerOptions(name, maxDistance == null ? (bacteria ? 10.0 : 30.0) : maxDistance,
                gapFrames == null ? (bacteria ? 0 : 1) : gapFrames, divisions == null || divisions,
                mergedDaughterFrames == null ? (bacteria ? 0 : NUCLEI_MERGED_DAUGHTER_FRAMES) : mergedDaughterFrames);
    }

    /** Human sentences naming each invalid value (empty when valid), fields prefixed {@code tracker.}. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        String name = preset == null ? "nuclei" : preset.trim().toLowerCase(Locale.ROOT);
        if (!PRESETS.contains(name)) {
            out.add("tracker.preset must be one of " + PRESETS + ", not \"" + preset + "\".");
        }
        if (maxDistance != null && !(maxDistance >= 1 && maxDistance <= MAX_DISTANCE)) {
            out.add("tracker.maxDistance must be between 1 and " + (int) MAX_DISTANCE + " pixels, not " + maxDistance
                    + ".");
        }
        if (gapFrames != null && (gapFrames < 0 || gapFrames > MAX_GAP_FRAMES)) {
            out.add("tracker.gapFrames must be between 0 (no gap closing) and " + MAX_GAP_FRAMES + ", not "
                    + gapFrames + ".");
        }
        if (mergedDaughterFrames != null && (mergedDaughterFrames < 0
                || mergedDaughterFrames > MAX_MERGED_DAUGHTER_FRAMES)) {
            out.add("tracker.mergedDaughterFrames must be between 0 (merged daughters not parted) and "
                    + MAX_MERGED_DAUGHTER_FRAMES + ", not " + mergedDaughterFrames + ".");
        }
        return out;
    }
}
