package org.labscale.api.job.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.common.ApiException;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.job.CtcGroundTruth;
import org.labscale.shared.job.JobKind;
import org.labscale.tracking.ctc.CtcTrack;
import org.labscale.tracking.ctc.CtcTrackFile;

/**
 * The CTC ground truth of a TRACKING payload checked against its series, so that a job that would score itself
 * cannot fail for its reference: the track file follows the CTC's rules and ends within the series, every frame
 * carries the markers annotation as an instance mask (a frame image its {@code markers}, a multi-page series its
 * {@code markers#<t>} for each frame t, {@link CtcGroundTruth#frameAnnotation}), and the segmentation annotation (when
 * named) is on at least one frame. Each refusal is a 400 {@code job.invalid-payload} naming the field and what is wrong.
 */
final class TrackingGroundTruthCheck {

    private TrackingGroundTruthCheck() {
    }

    /**
     * @param frames    the image of each frame in order (their ids already checked to be the lab's): the listed frame
     *                  images, or the multi-page series once per frame
     * @param multiPage whether the frames are the pages of one image
     */
    static void check(CtcGroundTruth truth, List<UUID> frames, boolean multiPage) {
        Map<Integer, CtcTrack> tracks;
        try {
            tracks = CtcTrackFile.parse(truth.tracks(), "groundTruth.tracks");
        } catch (IllegalArgumentException e) {
            throw invalid("payload.groundTruth.tracks", e.getMessage() + ".");
        }
        for (CtcTrack t : tracks.values()) {
            if (t.end() >= frames.size()) {
                throw invalid("payload.groundTruth.tracks", "groundTruth.tracks: track " + t.label() + " ends at"
                        + " frame " + t.end() + " but the series has " + frames.size() + " frames (0.."
                        + (frames.size() - 1) + ").");
            }
        }
        for (int i = 0; i < frames.size(); i++) {
            String name = CtcGroundTruth.frameAnnotation(truth.markers(), multiPage, i);
            AnnotationEntity markers = AnnotationEntity.byName(frames.get(i), name).orElse(null);
            if (markers == null || markers.kind != AnnotationKind.INSTANCE_MASK) {
                throw invalid("payload.groundTruth.markers", multiPage
                        ? "Frame " + i + " has no instance-mask annotation named '" + name + "' on the series;"
                                + " every frame needs its CTC markers to score the tracking (annotations '"
                                + truth.markers() + "#0' to '" + truth.markers() + "#" + (frames.size() - 1) + "')."
                        : "Frame " + i + " (imageIds[" + i + "]) has no instance-mask annotation named '" + name
                                + "'; every frame needs its CTC markers to score the tracking.");
            }
        }
        boolean anySegmentation = false;
        for (int i = 0; truth.segmentation() != null && i < frames.size() && !anySegmentation; i++) {
            anySegmentation = AnnotationEntity.byName(frames.get(i), CtcGroundTruth.frameAnnotation(
                    truth.segmentation(), multiPage, i)).filter(a -> a.kind == AnnotationKind.INSTANCE_MASK)
                    .isPresent();
        }
        if (truth.segmentation() != null && !anySegmentation) {
            throw invalid("payload.groundTruth.segmentation", "No frame of the series has an instance-mask"
                    + " annotation named '" + truth.segmentation() + (multiPage ? "#<t>" : "") + "'.");
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, "job.invalid-payload", message, Map.of("field", field, "kind",
                JobKind.TRACKING.name()));
    }
}
