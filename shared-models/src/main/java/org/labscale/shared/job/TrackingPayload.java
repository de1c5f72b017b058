package org.labscale.shared.job;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * Input of a {@link JobKind#TRACKING} job: a time series (an image of the job's lab whose pages are frames, or an
 * ordered list of single-frame images, 2 frames or more), the model that segments each frame and how, how the cells
 * are linked into tracks, and optionally a kinase-reporter read-out. The API checks that the images and the model
 * exist in the job's lab, that the series has at least two frames, that listed frames agree in size and channels, and
 * that the reporter channel exists.
 *
 * @param imageId              the series: an image uploaded with page mode FRAMES (each page one time point); or null
 *                             when {@code imageIds} is given
 * @param modelId              the model (an ensemble of ONNX members) that segments each frame
 * @param modelVersion         its version, 1 or more; null: the latest version when the job is leased
 * @param postProcessing       how probabilities become cells (as for SEGMENTATION; ACTIVE_CONTOURS is not offered
 *                             here: it needs a second, nuclear series)
 * @param tracker              how cells are linked (default: {@link TrackerOptions} of the {@code nuclei} preset)
 * @param frameIntervalMinutes time between frames in minutes, for growth rates per hour (default 1; > 0, at most a
 *                             week)
 * @param imageIds             the series as one image per frame, in time order (as microscopes write them), 2 to
 *                             {@value #MAX_FRAMES}; or null when {@code imageId} is given
 * @param ktr                  the kinase translocation reporter read-out, or null for none
 * @param groundTruth          the series' CTC ground truth, so the job scores itself; null for none (its masks are
 *                             annotations of the frame images, or of the multi-page series one per frame:
 *                             {@link CtcGroundTruth#frameAnnotation})
 */
public record TrackingPayload(UUID imageId, UUID modelId, Integer modelVersion, PostProcessing postProcessing,
                              TrackerOptions tracker, Double frameIntervalMinutes, List<UUID> imageIds,
                              KtrOptions ktr, CtcGroundTruth groundTruth) implements JobPayload {

    /** Longest frame interval accepted: one week. */
    public static final double MAX_FRAME_INTERVAL_MINUTES = 7 * 24 * 60;
    /** Most frames a series listed as {@code imageIds} may have. */
    public static final int MAX_FRAMES = 2000;

    /** Without ground truth. */
    public TrackingPayload(UUID imageId, UUID modelId, Integer modelVersion, PostProcessing postProcessing,
                           TrackerOptions tracker, Double frameIntervalMinutes, List<UUID> imageIds,
                           KtrOptions ktr) {
        this(imageId, modelId, modelVersion, postProcessing, tracker, frameIntervalMinutes, imageIds, ktr, null);
    }

    /** A multi-page series without a reporter read-out. */
    public TrackingPayload(UUID imageId, UUID modelId, Integer modelVersion, PostProcessing postProcessing,
                           TrackerOptions tracker, Double frameIntervalMinutes) {
        this(imageId, modelId, modelVersion, postProcessing, tracker, frameIntervalMinutes, null, null);
    }

    @Override
    public JobKind kind() {
        return JobKind.TRACKING;
    }

    /** This payload with its defaults filled in (the image and the model are never defaulted). */
    public TrackingPayload withDefaults() {
        return new TrackingPayload(imageId, modelId, modelVersion,
                postProcessing == null ? PostProcessing.defaults() : postProcessing.withDefaults(),
                (tracker == null ? new TrackerOptions(null, null, null, null) : tracker).withDefaults(),
                frameIntervalMinutes == null ? 1.0 : frameIntervalMinutes, imageIds,
                ktr == null ? null : ktr.withDefaults(), groundTruth);
    }

    /** Whether the series is listed one image per frame. */
    public boolean perFrameImages() {
        return imageIds != null;
    }

    /**
     * Human sentences naming each internally invalid value (empty when valid), keyed by the JSON path of the field.
     * The image's frames and every lab resource are checked by the API, which knows them.
     */
    public Map<String, String> problems() {
        Map<String, String> out = new LinkedHashMap<>();
        if (imageId == null && imageIds == null) {
            out.put("payload.imageId", "imageId is required: the time series (an image whose pages are frames);"
                    + " or imageIds, one image per frame in time order.");
        } else if (imageId != null && imageIds != null) {
            out.put("payload.imageIds", "Give either imageId (a multi-page series) or imageIds (one image per"
                    + " frame), not both.");
        } else if (imageIds != null) {
            String listProblem = imageIdsProblem();
            if (listProblem != null) {
                out.put("payload.imageIds", listProblem);
            }
        }
        if (modelId == null) {
            out.put("payload.modelId", "modelId is required: the model that segments each frame.");
        }
        if (modelVersion != null && modelVersion < 1) {
            out.put("payload.modelVersion", "modelVersion must be 1 or more, not " + modelVersion + ".");
        }
        PostProcessing post = postProcessing == null ? PostProcessing.defaults() : postProcessing.withDefaults();
        List<String> postProblems = post.problems();
        if (!postProblems.isEmpty()) {
            out.put("payload.postProcessing", String.join(" ", postProblems));
        } else if (post.method() == PostProcessingMethod.ACTIVE_CONTOURS) {
            out.put("payload.postProcessing", "postProcessing.method ACTIVE_CONTOURS needs a nuclear model and is"
                    + " not offered for tracking; use THRESHOLD, ADAPTIVE_THRESHOLD or WATERSHED.");
        }
        if (tracker != null) {
            List<String> trackerProblems = tracker.problems();
            if (!trackerProblems.isEmpty()) {
                out.put("payload.tracker", String.join(" ", trackerProblems));
            }
        }
        if (frameIntervalMinutes != null && !(frameIntervalMinutes > 0
                && frameIntervalMinutes <= MAX_FRAME_INTERVAL_MINUTES)) {
            out.put("payload.frameIntervalMinutes", "frameIntervalMinutes must be more than 0 and at most "
                    + (int) MAX_FRAME_INTERVAL_MINUTES + " (a week), not " + frameIntervalMinutes + ".");
        }
        if (ktr != null) {
            List<String> ktrProblems = ktr.problems();
            if (!ktrProblems.isEmpty()) {
                out.put("payload.ktr", String.join(" ", ktrProblems));
            }
        }
        if (groundTruth != null) {
            List<String> truthProblems = groundTruth.problems();
            if (!truthProblems.isEmpty()) {
                out.put("payload.groundTruth", String.join(" ", truthProblems));
            }
        }
        return out;
    }

    private String imageIdsProblem() {
        if (imageIds.size() < 2 || imageIds.size() > MAX_FRAMES) {
            return "imageIds must list 2 to " + MAX_FRAMES + " frames, not " + imageIds.size()
                    + "; tracking needs a time series.";
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < imageIds.size(); i++) {
            UUID id = imageIds.get(i);
            if (id == null || !seen.add(id)) {
                return "imageIds[" + i + "] is " + (id == null ? "null" : "a duplicate of an earlier frame") + ".";
            }
        }
        return null;
    }
}
