package org.labscale.shared.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackingPayloadTest {

    private static final UUID IMAGE = UUID.randomUUID();
    private static final UUID MODEL = UUID.randomUUID();

    @Test
    void shouldFillInTheNucleiPresetAndAMinuteBetweenFrames() {
        TrackingPayload p = new TrackingPayload(IMAGE, MODEL, null, null, null, null).withDefaults();
        assertEquals(new TrackerOptions("nuclei", 30.0, 1, true), p.tracker());
        assertEquals(1.0, p.frameIntervalMinutes());
        assertEquals(PostProcessing.defaults(), p.postProcessing());
        assertTrue(p.problems().isEmpty(), p.problems().toString());
        assertEquals(JobKind.TRACKING, p.kind());
        assertEquals(TrackingPayload.class, JobKind.TRACKING.payloadType());
    }

    @Test
    void shouldTakeTheBacteriaPresetAndKeepWhatTheUserSet() {
        assertEquals(new TrackerOptions("bacteria", 10.0, 0, true),
                new TrackerOptions(" Bacteria", null, null, null).withDefaults());
        assertEquals(new TrackerOptions("bacteria", 4.0, 2, false),
                new TrackerOptions("bacteria", 4.0, 2, false).withDefaults());
    }

    @Test
    void shouldNameEveryMissingOrImpossibleField() {
        PostProcessing contours = new PostProcessing(PostProcessingMethod.ACTIVE_CONTOURS, null, null, null, null,
                null, null, null, null, null, null, null, null);
        Map<String, String> problems = new TrackingPayload(null, null, 0, contours,
                new TrackerOptions("yeast", 0.0, 11, null), 0.0).problems();
        assertEquals(List.of("payload.imageId", "payload.modelId", "payload.modelVersion", "payload.postProcessing",
                "payload.tracker", "payload.frameIntervalMinutes"), List.copyOf(problems.keySet()));
        String tracker = problems.get("payload.tracker");
        assertTrue(tracker.contains("tracker.preset must be one of [nuclei, bacteria], not \"yeast\""), tracker);
        assertTrue(tracker.contains("tracker.maxDistance must be between 1 and 10000"), tracker);
        assertTrue(tracker.contains("tracker.gapFrames must be between 0 (no gap closing) and 10, not 11"), tracker);
        assertTrue(problems.get("payload.postProcessing").contains("ACTIVE_CONTOURS"));
        assertTrue(problems.get("payload.frameIntervalMinutes").contains("not 0.0"));
    }

    @Test
    void shouldReportPostProcessingValuesOutOfRange() {
        PostProcessing bad = new PostProcessing(null, 1.5, null, null, null, null, null, null, null, null, null,
                null, null);
        Map<String, String> problems = new TrackingPayload(IMAGE, MODEL, null, bad, null, 5.0).problems();
        assertEquals(List.of("payload.postProcessing"), List.copyOf(problems.keySet()));
        assertTrue(problems.get("payload.postProcessing").contains("threshold"));
    }
}
