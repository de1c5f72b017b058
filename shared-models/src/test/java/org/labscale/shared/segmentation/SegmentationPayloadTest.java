package org.labscale.shared.segmentation;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.TrainingSetRef;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationPayloadTest {

    private static final UUID MODEL = UUID.randomUUID();
    private static final List<UUID> IMAGES = List.of(UUID.randomUUID());

    private static PostProcessing post(PostProcessingMethod method, Double threshold, Double seed) {
        return new PostProcessing(method, threshold, null, null, null, seed, null, null, null, null, null, null, null);
    }

    private static SegmentationPayload payload(List<UUID> images, UUID project, TrainingSetRef set,
                                               PostProcessing post, UUID nuclear) {
        return new SegmentationPayload(MODEL, null, images, project, set, null, post, nuclear, null, null, null)
                .withDefaults();
    }

    @Test
    void shouldFillDefaults() {
        SegmentationPayload p = payload(IMAGES, null, null, null, null);
        assertEquals(PostProcessingMethod.THRESHOLD, p.postProcessing().method());
        assertEquals(0.5, p.postProcessing().threshold());
        assertEquals(30, p.postProcessing().minArea());
        assertEquals(2, p.postProcessing().regrowth());
        assertTrue(p.postProcessing().fillHoles());
        assertEquals(EnumSet.of(SegmentationOutput.LABELS_TIFF, SegmentationOutput.LABELS_PNG,
                SegmentationOutput.OVERLAY, SegmentationOutput.CSV), p.outputs());
        assertEquals(Map.of(), p.channelMap());
        assertTrue(p.score());
        assertEquals(Map.of(), p.problems());
    }

    @Test
    void shouldNameExactlyOneImageSource() {
        assertTrue(payload(null, null, null, null, null).problems().containsKey("payload.imageIds"));
        assertTrue(payload(IMAGES, UUID.randomUUID(), null, null, null).problems().containsKey("payload.imageIds"));
        assertEquals(Map.of(), payload(null, null, new TrainingSetRef(UUID.randomUUID(), 2), null, null).problems());
        assertTrue(payload(null, null, new TrainingSetRef(UUID.randomUUID(), 0), null, null).problems()
                .containsKey("payload.trainingSet"));
    }

    @Test
    void shouldCheckSettingsOnlyWhereTheMethodUsesThem() {
        assertEquals(Map.of(), payload(IMAGES, null, null, post(PostProcessingMethod.THRESHOLD, 0.95, null), null)
                .problems(), "the default seed level is irrelevant to a plain threshold");
        assertTrue(payload(IMAGES, null, null, post(PostProcessingMethod.WATERSHED, 0.95, 0.9), null).problems()
                .get("payload.postProcessing").contains("seedThreshold"));
        assertEquals(Map.of(), payload(IMAGES, null, null, post(PostProcessingMethod.ACTIVE_CONTOURS, null, null), null)
                .problems(), "without a nuclear model the seeds come from the model's nuclear channel (API-checked)");
        PostProcessing farRegrowth = new PostProcessing(null, null, null, null, null, null, null, null, null, null,
                null, null, 11);
        assertTrue(payload(IMAGES, null, null, farRegrowth, null).problems().get("payload.postProcessing")
                .contains("regrowth"));
        assertEquals(Map.of(), payload(IMAGES, null, null, post(PostProcessingMethod.ACTIVE_CONTOURS, null, null),
                UUID.randomUUID()).problems());
        assertTrue(payload(IMAGES, null, null, null, UUID.randomUUID()).problems()
                .containsKey("payload.nuclearModelId"), "a nuclear model without ACTIVE_CONTOURS");
        assertTrue(payload(IMAGES, null, null, post(null, 1.0, null), null).problems().get("payload.postProcessing")
                .contains("1.0"));
    }
}
