package org.labscale.api.job.service;

import java.util.List;
import java.util.UUID;

import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SEGMENTATION payload that gives no {@code postProcessing} runs with the settings its model version recommends:
 * the card's {@code recommendedPostProcessing}, chosen by the training on its held-out validation images. The
 * resolved settings are written into the stored payload, and with them the model version they belong to (the latest
 * at submit when the payload names none), so the job records what runs even if a newer version is registered while
 * it waits. Explicit settings always win, an empty object included (the product defaults); a card without a
 * recommendation leaves the defaults. ACTIVE_CONTOURS is applied only for a model that reads a nuclear channel (the
 * job then finds the seeds there, as the training's selection did).
 */
final class RecommendedPostProcessing {

    private RecommendedPostProcessing() {
    }

    /**
     * @param submitted the payload as submitted (its {@code postProcessing} null when none was given)
     * @param filled    the same with its defaults filled in, checked
     * @param mapper    reads the card (unknown fields ignored)
     * @return {@code filled}, with the model version's recommendation and number where it applies
     */
    static SegmentationPayload apply(UUID labId, SegmentationPayload submitted, SegmentationPayload filled,
                                     ObjectMapper mapper) {
        if (submitted.postProcessing() != null) {
            return filled;
        }
        ModelVersionEntity v = SegmentationModelCheck.version(labId, filled.modelId(), filled.modelVersion(), "model",
                "payload.modelId");
        Object recommended = v.card == null ? null : v.card.get("recommendedPostProcessing");
        if (recommended == null) {
            return filled;
        }
        PostProcessing settings = mapper.convertValue(recommended, PostProcessing.class).withDefaults();
        Object channels = v.card.get("channels");
        boolean seeds = channels instanceof List<?> roles && roles.contains(SegmentationPayload.NUCLEAR_ROLE);
        if (!settings.problems().isEmpty() || settings.method() == PostProcessingMethod.ACTIVE_CONTOURS && !seeds) {
            // registration refuses such cards; never run what it would refuse
            return filled;
        }
        return new SegmentationPayload(filled.modelId(), v.versionNumber, filled.imageIds(), filled.projectId(),
                filled.trainingSet(), filled.channelMap(), settings, filled.nuclearModelId(),
                filled.nuclearModelVersion(), filled.outputs(), filled.score());
    }
}
