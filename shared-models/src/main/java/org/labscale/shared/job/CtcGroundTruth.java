package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.List;

/**
 * The Cell Tracking Challenge ground truth of a series, so that a TRACKING job scores itself (TRA, DET, SEG). The
 * reference masks travel as annotations of the series' frame images (uploaded as any instance mask), the track file
 * as text: the job reads the markers of every frame, the segmentations where a frame has them, and compares its own
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
