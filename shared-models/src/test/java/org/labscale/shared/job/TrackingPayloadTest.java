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
        assertEquals(new TrackerOptions("nuclei", 30.0, 1, true, 5), p.tracker());
        assertEquals(1.0, p.frameIntervalMinutes());
        assertEquals(PostProcessing.defaults(), p.postProcessing());
        assertTrue(p.problems().isEmpty(), p.problems().toString());
        assertEquals(JobKind.TRACKING, p.kind());
        assertEquals(TrackingPayload.class, JobKind.TRACKING.payloadType());
    }

    @Test
    void shouldTakeTheBacteriaPresetAndKeepWhatTheUserSet() {
        assertEquals(new TrackerOptions("bacteria", 10.0, 0, true, 0),
                new TrackerOptions(" Bacteria", null, null, null).withDefaults());
        assertEquals(new TrackerOptions("bacteria", 4.0, 2, false, 3),
                new TrackerOptions("bacteria", 4.0, 2, false, 3).withDefaults());
    }

    @Test
    void shouldNameEveryMissingOrImpossibleField() {
        PostProcessing contours = new PostProcessing(PostProcessingMethod.ACTIVE_CONTOURS, null, null, null, null,
                null, null, null, null, null, null, null, null);
        Map<String, String> problems = new TrackingPayload(null, null, 0, contours,
                new TrackerOptions("yeast", 0.0, 11, null, -1), 0.0).problems();
        assertEquals(List.of("payload.imageId", "payload.modelId", "payload.modelVersion", "payload.postProcessing",
                "payload.tracker", "payload.frameIntervalMinutes"), List.copyOf(problems.keySet()));
        String tracker = problems.get("payload.tracker");
        assertTrue(tracker.contains("tracker.preset must be one of [nuclei, bacteria], not \"yeast\""), tracker);
        assertTrue(tracker.contains("tracker.maxDistance must be between 1 and 10000"), tracker);
        assertTrue(tracker.contains("tracker.gapFrames must be between 0 (no gap closing) and 10, not 11"), tracker);
        assertTrue(tracker.contains("tracker.mergedDaughterFrames must be between 0 (merged daughters not parted) and"
                + " 10, not -1"), tracker);
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

    @Test
    void shouldTakeASeriesOfOneImagePerFrameButNotBothFormsOrTooFewFrames() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TrackingPayload listed = new TrackingPayload(null, MODEL, null, null, null, 5.0, List.of(a, b), null);
        assertTrue(listed.problems().isEmpty(), listed.problems().toString());
        assertTrue(listed.withDefaults().perFrameImages());
        assertEquals(List.of(a, b), listed.withDefaults().imageIds());

        assertEquals(Map.of("payload.imageIds", "Give either imageId (a multi-page series) or imageIds (one image"
                + " per frame), not both."), new TrackingPayload(IMAGE, MODEL, null, null, null, null,
                List.of(a, b), null).problems());
        assertTrue(new TrackingPayload(null, MODEL, null, null, null, null, List.of(a), null).problems()
                .get("payload.imageIds").contains("imageIds must list 2 to 2000 frames, not 1"));
        assertEquals("imageIds[2] is a duplicate of an earlier frame.", new TrackingPayload(null, MODEL, null, null,
                null, null, List.of(a, b, a), null).problems().get("payload.imageIds"));
    }

    @Test
    void shouldDefaultTheCytoringsAndNameImpossibleReporterSettings() {
        assertEquals(new KtrOptions("JNK-KTR", null, 5, 25), new KtrOptions("JNK-KTR", null, null, null)
                .withDefaults());
        TrackingPayload p = new TrackingPayload(IMAGE, MODEL, null, null, null, null, null,
                new KtrOptions(null, 1, null, null));
        assertTrue(p.problems().isEmpty(), p.problems().toString());
        assertEquals(new KtrOptions(null, 1, 5, 25), p.withDefaults().ktr());

        String both = new TrackingPayload(IMAGE, MODEL, null, null, null, null, null,
                new KtrOptions("JNK-KTR", 1, 30, 20)).problems().get("payload.ktr");
        assertTrue(both.contains("exactly one of ktr.channel"), both);
        assertTrue(both.contains("ktr.outerRing must be more than ktr.innerRing (30) and at most 200 pixels, not"
                + " 20."), both);
        String neither = new TrackingPayload(IMAGE, MODEL, null, null, null, null, null,
                new KtrOptions(" ", -1, 0, null)).problems().get("payload.ktr");
        assertTrue(neither.contains("ktr.channelIndex must be 0 or more, not -1."), neither);
        assertTrue(neither.contains("ktr.innerRing must be between 1 and 200 pixels, not 0."), neither);
    }

    @Test
    void shouldKeepTheCytoplasmModelThroughDefaultsAndNameItsImpossibleSettings() {
        UUID cytoplasm = UUID.randomUUID();
        KtrOptions withModel = new KtrOptions(null, 1, null, null, cytoplasm, 2, Map.of("phase", 0));
        assertEquals(new KtrOptions(null, 1, 5, 25, cytoplasm, 2, Map.of("phase", 0)), withModel.withDefaults());
        assertTrue(withModel.problems().isEmpty(), withModel.problems().toString());

        String orphan = new TrackingPayload(IMAGE, MODEL, null, null, null, null, null,
                new KtrOptions(null, 1, null, null, null, 1, Map.of("phase", 0))).problems().get("payload.ktr");
        assertEquals("ktr.cytoplasmModelVersion and ktr.cytoplasmChannelMap need ktr.cytoplasmModelId (the cytoplasm"
                + " model).", orphan);
        List<String> bad = new KtrOptions(null, 1, null, null, cytoplasm, 0, Map.of("phase", -2)).problems();
        assertEquals(List.of("ktr.cytoplasmModelVersion must be 1 or more, not 0.",
                "ktr.cytoplasmChannelMap.phase must be a channel index of 0 or more, not -2."), bad);
    }

    @Test
    void shouldAcceptGroundTruthForEitherSeriesAndNameWhatIsMissing() {
        List<UUID> frames = List.of(UUID.randomUUID(), UUID.randomUUID());
        CtcGroundTruth truth = new CtcGroundTruth("tra", null, "1 0 1 0\n");
        TrackingPayload listed = new TrackingPayload(null, MODEL, null, null, null, null, frames, null, truth);
        assertTrue(listed.problems().isEmpty(), listed.problems().toString());
        assertEquals(truth, listed.withDefaults().groundTruth());

        assertTrue(new TrackingPayload(IMAGE, MODEL, null, null, null, null, null, null, truth).problems().isEmpty(),
                "a multi-page series carries its references as annotations named per frame");
        assertEquals("tra#12", CtcGroundTruth.frameAnnotation("tra", true, 12));
        assertEquals("tra", CtcGroundTruth.frameAnnotation("tra", false, 12));
        String missing = new TrackingPayload(null, MODEL, null, null, null, null, frames, null,
                new CtcGroundTruth(" ", "", null)).problems().get("payload.groundTruth");
        assertTrue(missing.contains("groundTruth.markers is required"), missing);
        assertTrue(missing.contains("groundTruth.segmentation must name an annotation"), missing);
        assertTrue(missing.contains("groundTruth.tracks is required"), missing);
        String tooLong = new CtcGroundTruth("tra", null, "1".repeat(CtcGroundTruth.MAX_TRACKS_CHARS + 1))
                .problems().get(0);
        assertTrue(tooLong.contains("at most 1000000"), tooLong);
    }
}
