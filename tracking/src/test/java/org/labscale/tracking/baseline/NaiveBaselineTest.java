package org.labscale.tracking.baseline;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NaiveBaselineTest {

    @Test
    void shouldThresholdBetweenTheTwoLevelsAndLabelEachBrightBlob() {
        float[] pixels = {
            10, 10, 10, 10, 10, 10,
            10, 200, 200, 10, 10, 10,
            10, 200, 10, 10, 190, 10,
            10, 10, 10, 10, 190, 10};
        double t = GlobalThreshold.otsu(pixels);
        assertTrue(t > 10 && t < 190, "threshold " + t);
        LabelImage labels = GlobalThreshold.segment(new FloatPlane(6, 4, pixels), 1);
        assertArrayEquals(new int[] {
            0, 0, 0, 0, 0, 0,
            0, 1, 1, 0, 0, 0,
            0, 1, 0, 0, 2, 0,
            0, 0, 0, 0, 2, 0}, labels.toArray());
    }

    @Test
    void shouldDropObjectsUnderTheMinimalAreaAndRenumberTheRest() {
        float[] pixels = {
            9, 0, 0, 9, 9,
            0, 0, 0, 9, 9,
            9, 9, 0, 0, 0};
        assertArrayEquals(new int[] {
            0, 0, 0, 1, 1,
            0, 0, 0, 1, 1,
            2, 2, 0, 0, 0}, GlobalThreshold.segment(new FloatPlane(5, 3, pixels), 2).toArray());
    }

    @Test
    void shouldFindNothingInAConstantFrame() {
        assertEquals(0, GlobalThreshold.segment(new FloatPlane(3, 2, new float[] {5, 5, 5, 5, 5, 5}), 1).maxLabel());
    }

    @Test
    void shouldLinkEachObjectToItsGreatestOverlapAndReadTwoClaimantsAsADivision() {
        LabelFrame first = LabelFrame.of(0, LabelImage.ofRows(new int[][] {
            {1, 1, 1, 0, 0, 0},
            {1, 1, 1, 0, 2, 2}}));
        // Label 1 overlaps old 1 by 2 px; label 2 overlaps old 1 by 1 px and old 2 by 2 px (so it continues 2);
        // label 3 overlaps nothing (a birth).
        LabelFrame second = LabelFrame.of(1, LabelImage.ofRows(new int[][] {
            {0, 1, 1, 0, 0, 3},
            {0, 0, 2, 0, 2, 2}}));
        assertArrayEquals(new int[] {0, 1, 2, 0}, OverlapLinker.greatestOverlap(second.labels(), first.labels()));

        // Third frame: the continued 1 is claimed by two objects (a division), 2 and 3 by none (their tracks end).
        LabelFrame third = LabelFrame.of(2, LabelImage.ofRows(new int[][] {
            {0, 1, 2, 0, 0, 0},
            {0, 0, 0, 0, 0, 0}}));
        TrackingResult result = NaiveBaseline.track(List.of(first, second, third));
        List<Track> tracks = result.lineage().tracks();
        assertEquals(5, tracks.size(), tracks.toString());
        assertEquals(1, result.lineage().divisions());
        Track mother = tracks.get(0);
        assertEquals(0, mother.firstFrame());
        assertEquals(1, mother.lastFrame());
        assertEquals(2, tracks.stream().filter(t -> t.parent() == mother.id()).count());
        assertEquals(1, tracks.stream().filter(t -> t.firstFrame() == 1 && t.parent() == 0).count(), "the birth");
    }

    @Test
    void shouldRefuseFramesThatAreNotConsecutive() {
        LabelImage one = LabelImage.ofRows(new int[][] {{1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NaiveBaseline.track(List.of(LabelFrame.of(0, one), LabelFrame.of(2, one))));
        assertTrue(e.getMessage().contains("consecutive"), e.getMessage());
    }
}
