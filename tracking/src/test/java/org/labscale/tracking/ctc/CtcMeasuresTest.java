package org.labscale.tracking.ctc;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-built sequences of 12x4 px frames whose objects are 2x2 squares at x = 0, 4 or 8. The reference of most cases
 * is one division: track 1 (x = 4) in frame 0, its daughters 2 (x = 0) and 3 (x = 8) in frames 1-2. Its AOGM_0: 5 objects x 10 plus 4 edges
 * (2 track links, 2 parent links) x 1.5 = 56; AOGM-D_0 = 50.
 */
class CtcMeasuresTest {

    private static final CtcSequence DIVISION = new CtcSequence(
            List.of(frame(0, 1, 0), frame(2, 0, 3), frame(2, 0, 3)),
            tracks(new CtcTrack(1, 0, 0, 0), new CtcTrack(2, 1, 2, 1), new CtcTrack(3, 1, 2, 1)));

    @Test
    void shouldScoreAPerfectResultOneWhateverItsLabels() {
        CtcSequence relabelled = new CtcSequence(
                List.of(frame(0, 7, 0), frame(9, 0, 5), frame(9, 0, 5)),
                tracks(new CtcTrack(7, 0, 0, 0), new CtcTrack(9, 1, 2, 7), new CtcTrack(5, 1, 2, 7)));
        for (CtcSequence result : List.of(DIVISION, relabelled)) {
            CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, result);
            assertEquals(1.0, s.tra());
            assertEquals(1.0, s.det());
            assertEquals(0.0, s.aogm());
            assertEquals(56.0, s.aogmEmpty());
            assertEquals(50.0, s.aogmDEmpty());
        }
    }

    @Test
    void shouldChargeAMissingObjectTenAndItsMissingLinkOneAndAHalf() {
        // Daughter 3 is not found in frame 2.
        CtcSequence result = new CtcSequence(
                List.of(frame(0, 1, 0), frame(2, 0, 3), frame(2, 0, 0)),
                tracks(new CtcTrack(1, 0, 0, 0), new CtcTrack(2, 1, 2, 1), new CtcTrack(3, 1, 1, 1)));
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, result);
        assertEquals(new CtcMeasures.Operations(0, 1, 0, 0, 1, 0), s.operations());
        assertEquals(11.5, s.aogm());
        assertEquals(1 - 11.5 / 56, s.tra(), 1e-12);
        assertEquals(1 - 10.0 / 50, s.det(), 1e-12);
    }

    @Test
    void shouldChargeOneSplitFiveAndTheEdgesItHides() {
        // In frame 2 one result object covers both daughters: it must be split once (5), and the two reference links
        // into frame 2 have no one-to-one counterpart (2 x 1.5).
        LabelImage daughters = frame(2, 0, 3);
        LabelImage wide = LabelImage.ofRows(new int[][] {
                {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0},
                {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
        CtcSequence result = new CtcSequence(List.of(frame(0, 1, 0), daughters, wide),
                tracks(new CtcTrack(1, 0, 0, 0), new CtcTrack(2, 1, 2, 1), new CtcTrack(3, 1, 1, 1)));
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, result);
        assertEquals(new CtcMeasures.Operations(1, 0, 0, 0, 2, 0), s.operations());
        assertEquals(8.0, s.aogm());
        assertEquals(1 - 5.0 / 50, s.det(), 1e-12);
    }

    @Test
    void shouldChargeAMissingLinkOneAndAHalf() {
        // Daughter 3 is found in both frames but as two unrelated tracks 3 and 4.
        CtcSequence result = new CtcSequence(
                List.of(frame(0, 1, 0), frame(2, 0, 3), frame(2, 0, 4)),
                tracks(new CtcTrack(1, 0, 0, 0), new CtcTrack(2, 1, 2, 1), new CtcTrack(3, 1, 1, 1),
                        new CtcTrack(4, 2, 2, 0)));
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, result);
        assertEquals(new CtcMeasures.Operations(0, 0, 0, 0, 1, 0), s.operations());
        assertEquals(1 - 1.5 / 56, s.tra(), 1e-12);
        assertEquals(1.0, s.det());
    }

    @Test
    void shouldChargeAParentLinkTakenForATrackLinkOneAndTheLostDaughterOneAndAHalf() {
        // The mother's track goes on into daughter 2 (a track link where the reference has a parent link), and
        // daughter 3 starts without a parent.
        CtcSequence result = new CtcSequence(
                List.of(frame(0, 1, 0), frame(1, 0, 3), frame(1, 0, 3)),
                tracks(new CtcTrack(1, 0, 2, 0), new CtcTrack(3, 1, 2, 0)));
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, result);
        assertEquals(new CtcMeasures.Operations(0, 0, 0, 0, 1, 1), s.operations());
        assertEquals(2.5, s.aogm());
    }

    @Test
    void shouldChargeARedundantLinkAndAFalsePositiveOneEach() {
        // Reference: two unrelated cells, one in frame 0 and one in frame 1. Result: one track through both, and an
        // extra object in frame 1.
        CtcSequence reference = new CtcSequence(List.of(frame(1, 0, 0), frame(0, 0, 2)),
                tracks(new CtcTrack(1, 0, 0, 0), new CtcTrack(2, 1, 1, 0)));
        CtcSequence result = new CtcSequence(List.of(frame(5, 0, 0), frame(6, 0, 5)),
                tracks(new CtcTrack(5, 0, 1, 0), new CtcTrack(6, 1, 1, 0)));
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(reference, result);
        assertEquals(new CtcMeasures.Operations(0, 0, 1, 1, 0, 0), s.operations());
        assertEquals(20.0, s.aogmEmpty());
        assertEquals(1 - 2.0 / 20, s.tra(), 1e-12);
        assertEquals(1 - 1.0 / 20, s.det(), 1e-12);
    }

    @Test
    void shouldCapTheCostAtBuildingTheReferenceFromNothing() {
        CtcSequence empty = new CtcSequence(List.of(frame(0, 0, 0), frame(0, 0, 0), frame(0, 0, 0)),
                Map.of());
        CtcMeasures.TrackingScores s = CtcMeasures.tracking(DIVISION, empty);
        assertEquals(new CtcMeasures.Operations(0, 5, 0, 0, 4, 0), s.operations());
        assertEquals(0.0, s.tra());
        assertEquals(0.0, s.det());
    }

    @Test
    void shouldRejectSequencesOfDifferentLengths() {
        CtcSequence shorter = new CtcSequence(List.of(frame(0, 1, 0)), tracks(new CtcTrack(1, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> CtcMeasures.tracking(DIVISION, shorter));
    }

    @Test
    void shouldAverageTheJaccardIndexOfEveryReferenceObjectForSeg() {
        // Reference: a 4x4 square (16 px) and a 2x2 one. Result: 12 of the first square's pixels plus 4 outside
        // (J = 12 / 20), and nothing over the second (J = 0).
        LabelImage reference = LabelImage.ofRows(new int[][] {
                {1, 1, 1, 1, 0, 0, 0, 0},
                {1, 1, 1, 1, 0, 0, 0, 0},
                {1, 1, 1, 1, 0, 0, 2, 2},
                {1, 1, 1, 1, 0, 0, 2, 2}});
        LabelImage result = LabelImage.ofRows(new int[][] {
                {3, 3, 3, 3, 3, 0, 0, 0},
                {3, 3, 3, 3, 3, 0, 0, 0},
                {3, 3, 3, 3, 3, 0, 0, 0},
                {0, 0, 0, 0, 3, 0, 0, 0}});
        assertEquals((12.0 / 20 + 0) / 2, CtcMeasures.seg(Map.of(0, reference), List.of(result)), 1e-12);
        assertEquals(1.0, CtcMeasures.seg(Map.of(0, reference), List.of(reference)));
        // Covering exactly half of an object is not a match.
        LabelImage half = LabelImage.ofRows(new int[][] {
                {0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 4},
                {0, 0, 0, 0, 0, 0, 0, 4}});
        assertEquals(0.0, CtcMeasures.seg(Map.of(0, LabelImage.ofRows(new int[][] {
                {0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 2, 2},
                {0, 0, 0, 0, 0, 0, 2, 2}})), List.of(half)));
    }

    /** A 12x4 frame with up to three 2x2 squares labelled a (x = 0), b (x = 4), c (x = 8); 0 leaves one out. */
    private static LabelImage frame(int a, int b, int c) {
        int[][] rows = new int[4][12];
        int[] labels = {a, b, c};
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    rows[y][4 * k + x] = labels[k];
                }
            }
        }
        return LabelImage.ofRows(rows);
    }

    private static Map<Integer, CtcTrack> tracks(CtcTrack... tracks) {
        Map<Integer, CtcTrack> map = new HashMap<>();
        for (CtcTrack t : tracks) {
            map.put(t.label(), t);
        }
        return map;
    }
}
