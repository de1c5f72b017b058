package org.labscale.tracking.daughters;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistanceWatershedTest {

    private static boolean contains(int[] pixels, int x, int y) {
        return Arrays.stream(pixels).anyMatch(p -> p == y * Discs.WIDTH + x);
    }

    @Test
    void shouldPartTwoTouchingDiscsAtTheirNeck() {
        LabelImage blob = Discs.of(new int[]{14, 10, 6, 3}, new int[]{24, 10, 6, 3});
        DistanceWatershed.Parts parts = DistanceWatershed.split(blob, 3, 12, 9, 27, 11);

        assertEquals(Arrays.stream(blob.toArray()).filter(v -> v == 3).count(),
                parts.first().length + parts.second().length, "every pixel of the object in one part");
        assertTrue(contains(parts.first(), 14, 10) && contains(parts.first(), 8, 10));
        assertTrue(contains(parts.second(), 24, 10) && contains(parts.second(), 30, 10));
        assertTrue(Arrays.stream(parts.first()).allMatch(p -> p % Discs.WIDTH <= 19), "cut at the neck, x = 19");
        assertTrue(Arrays.stream(parts.second()).allMatch(p -> p % Discs.WIDTH >= 20));
        // neck half-width about sqrt(6^2 - 5^2) = 3.3 over the discs' radius 6
        assertTrue(parts.neck() > 0.4 && parts.neck() < 0.7, "neck " + parts.neck());
    }

    @Test
    void shouldFindNoNeckInOneRoundObject() {
        LabelImage disc = Discs.of(new int[]{20, 10, 8, 1});
        DistanceWatershed.Parts parts = DistanceWatershed.split(disc, 1, 16, 10, 24, 10);
        assertTrue(parts.neck() >= 0.95, "neck " + parts.neck());
    }

    @Test
    void shouldGiveNothingForAnAbsentObjectOrOnePointWithoutPixels() {
        LabelImage disc = Discs.of(new int[]{20, 10, 3, 1});
        assertNull(DistanceWatershed.split(disc, 2, 16, 10, 24, 10));
        assertNull(DistanceWatershed.split(disc, 1, 20, 10, 60, 10), "every pixel nearer the first point");
    }
}
