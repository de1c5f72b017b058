package org.labscale.shared.job;

import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.shared.segmentation.SegmentationOutput;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Input of a {@link JobKind#SEGMENTATION} job: which model segments which images, and how its probability maps
 * become cells. Exactly one image source: {@code imageIds}, {@code projectId} or {@code trainingSet}. The API checks
 * the sources exist in the job's own lab.
 *
 * @param modelId             the model (an ensemble of ONNX members) to apply
 * @param modelVersion        its version, 1 or more; null: the latest version when the job is leased
 * @param imageIds            1 to 1,000 distinct images of the job's lab
 * @param projectId           or: every image of this project
 * @param trainingSet         or: every image of this training-set version (its annotations become the references)
 * @param channelMap          model channel role (e.g. {@code "nuclear"}) to 0-based image channel; null or absent role:
 *                            role i reads image channel i
 * @param postProcessing      how probabilities become cells (defaults: {@link PostProcessing#withDefaults()})
 * @param nuclearModelId      ACTIVE_CONTOURS only: the nuclear model whose cells seed the cytoplasm; null: the nuclei
 *                            are found by a threshold in the channel the model reads as {@value #NUCLEAR_ROLE} (the
 *                            API refuses a model without one)
 * @param nuclearModelVersion its version; null: the latest
 * @param outputs             files to write per image (default: {@link SegmentationOutput#defaults()})
 * @param score               score against reference annotations where the images have them (default true)
 */
public record SegmentationPayload(UUID modelId, Integer modelVersion, List<UUID> imageIds, UUID projectId,
                                  TrainingSetRef trainingSet, Map<String, Integer> channelMap,
                                  PostProcessing postProcessing, UUID nuclearModelId, Integer nuclearModelVersion,
                                  Set<SegmentationOutput> outputs, Boolean score) implements JobPayload {

    /** The channel role whose plane seeds ACTIVE_CONTOURS when no nuclear model is named. */
    public static final String NUCLEAR_ROLE = "nuclear";

    /** Most images one job may name. */
    public static final int MAX_IMAGES = 1000;

    @Override
    public JobKind kind() {
        return JobKind.SEGMENTATION;
    }

    /** This payload with its defaults filled in (the image source and the models are never defaulted). */
    public SegmentationPayload withDefaults() {
        return new SegmentationPayload(modelId, modelVersion, imageIds, projectId, trainingSet,
                channelMap == null ? Map.of() : channelMap,
                postProcessing == null ? PostProcessing.defaults() : postProcessing.withDefaults(), nuclearModelId,
                nuclearModelVersion,
                outputs == null || outputs.isEmpty() ? SegmentationOutput.defaults() : EnumSet.copyOf(outputs),
                score == null || score);
    }

    /**
     * Human sentences naming each internally invalid value (empty when valid), keyed by the JSON path of the field.
     * The image list's items (null, duplicates) and every lab resource are checked by the API, which knows them.
     */
    public Map<String, String> problems() {
        Map<String, String> out = new LinkedHashMap<>();
        if (modelId == null) {
            out.put("payload.modelId", "modelId is required.");
        }
        if (modelVersion != null && modelVersion < 1) {
            out.put("payload.modelVersion", "modelVersion must be 1 or more, not " + modelVersion + ".");
        }
        int sources = (imageIds != null ? 1 : 0) + (projectId != null ? 1 : 0) + (trainingSet != null ? 1 : 0);
        if (sources != 1) {
            out.put("payload.imageIds", "Name exactly one image source: imageIds, projectId or trainingSet (got "
                    + sources + ").");
        } else if (trainingSet != null && (trainingSet.trainingSetId() == null || trainingSet.version() == null
                || trainingSet.version() < 1)) {
            out.put("payload.trainingSet", "trainingSet needs a trainingSetId and a version of 1 or more.");
        }
        if (channelMap != null) {
            for (Map.Entry<String, Integer> e : channelMap.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || e.getValue() < 0) {
                    out.put("payload.channelMap", "channelMap maps a channel role to an image channel of 0 or more;"
                            + " \"" + e.getKey() + "\" -> " + e.getValue() + " is not valid.");
                    break;
                }
            }
        }
        PostProcessing post = postProcessing == null ? PostProcessing.defaults() : postProcessing.withDefaults();
        List<String> postProblems = post.problems();
        if (!postProblems.isEmpty()) {
            out.put("payload.postProcessing", String.join(" ", postProblems));
        }
        boolean contours = post.method() == PostProcessingMethod.ACTIVE_CONTOURS;
        if (!contours && (nuclearModelId != null || nuclearModelVersion != null)) {
            out.put("payload.nuclearModelId", "nuclearModelId is only used by the ACTIVE_CONTOURS method, not "
                    + post.method() + ".");
        }
        if (nuclearModelVersion != null && nuclearModelVersion < 1) {
            out.put("payload.nuclearModelVersion", "nuclearModelVersion must be 1 or more, not "
                    + nuclearModelVersion + ".");
        }
        return out;
    }
}
