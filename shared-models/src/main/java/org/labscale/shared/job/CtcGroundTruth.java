package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.List;

/**
 * The Cell Tracking Challenge ground truth of a series, so that a TRACKING job scores itself (TRA, DET, SEG). The
 * reference masks travel as instance-mask annotations (uploaded as any): of each frame image for a series listed one
 * image per frame; of the multi-page series image itself, one per frame, named {@code <name>#<t>} (t from 0, e.g.
 * {@code tra#0}, {@code tra#1}: {@link #frameAnnotation}). The track file travels as text: the job reads the markers of every frame, the segmentations where a frame has them, and compares its own
 * CTC result with them.
 *
 * @param markers      name of the instance-mask annotation that every frame image carries with the CTC's TRA
 *                     markers ({@code man_trackTTT.tif}: values are track labels)
 * @param segmentation name of the instance-mask annotation with the CTC's SEG reference ({@code man_segTTT.tif})
 *                     on the frames that have one; null: no SEG score
 * @param tracks       the text of the CTC's {@code man_track.txt} ("L B E P" per line)
 */
public record CtcGroundTruth(String markers, String segmentation, String tracks) {

    /** Longest {@code tracks} text accepted (about 50,000 tracks). */
    public static final int MAX_TRACKS_CHARS = 1_000_000;

    /**
     * The name of the annotation that holds frame {@code t}'s reference {@code name} ({@link #markers} or
     * {@link #segmentation}): the name itself on a frame image of a listed series, {@code <name>#<t>} on a multi-page
     * series image.
     */
    public static String frameAnnotation(String name, boolean multiPage, int t) {
        return multiPage ? name + "#" + t : name;
    }

    /** Sentences naming what is missing or too long (empty when valid); the API checks the rest against the lab. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (markers == null || markers.isBlank()) {
            out.add("groundTruth.markers is required: the name of the annotation with the CTC TRA markers on every"
                    + " frame.");
        }
        if (segmentation != null && segmentation.isBlank()) {
            out.add("groundTruth.segmentation must name an annotation, or be left out.");
        }
        if (tracks == null || tracks.isBlank()) {
            out.add("groundTruth.tracks is required: the text of the CTC's man_track.txt (\"L B E P\" per line).");
        } else if (tracks.length() > MAX_TRACKS_CHARS) {
            out.add("groundTruth.tracks has " + tracks.length() + " characters; at most " + MAX_TRACKS_CHARS
                    + " are accepted.");
        }
        return out;
    }
}
