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
 * cannot fail for its reference: the track file follows the CTC's rules and ends within the series, every frame image
 * carries the markers annotation as an instance mask, and the segmentation annotation (when named) is on at least one
 * frame. Each refusal is a 400 {@code job.invalid-payload} naming the field and what is wrong.
 */
final class TrackingGroundTruthCheck {

    private TrackingGroundTruthCheck() {
    }

    /** @param frames the series' frame images in order (their ids already checked to be the lab's) */
    static void check(CtcGroundTruth truth, List<UUID> frames) {
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
            AnnotationEntity markers = AnnotationEntity.byName(frames.get(i), truth.markers()).orElse(null);
            if (markers == null || markers.kind != AnnotationKind.INSTANCE_MASK) {
                throw invalid("payload.groundTruth.markers", "Frame " + i + " (imageIds[" + i + "]) has no"
                        + " instance-mask annotation named '" + truth.markers() + "'; every frame needs its CTC"
                        + " markers to score the tracking.");
            }
        }
        if (truth.segmentation() != null && frames.stream().noneMatch(id -> AnnotationEntity.byName(id,
                truth.segmentation()).filter(a -> a.kind == AnnotationKind.INSTANCE_MASK).isPresent())) {
            throw invalid("payload.groundTruth.segmentation", "No frame of the series has an instance-mask"
                    + " annotation named '" + truth.segmentation() + "'.");
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, "job.invalid-payload", message, Map.of("field", field, "kind",
                JobKind.TRACKING.name()));
    }
}
