package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EpochSizeTest {

    @Test
    void aBalancedEpochIsAtMostTheRarestClassTimesTheClasses() {
        long[] pixels = {9_000, 1_200, 4_000};
        assertEquals(3_600, EpochSize.patches(pixels, true, 10_000));
        assertEquals(3_000, EpochSize.patches(pixels, true, 3_000));
    }

    @Test
    void anUnbalancedEpochIsAtMostEveryTrainingPixel() {
        long[] pixels = {9_000, 1_200, 4_000};
        assertEquals(14_200, EpochSize.patches(pixels, false, 100_000));
        assertEquals(10_000, EpochSize.patches(pixels, false, 10_000));
    }

    @Test
    void noTrainingPixelsNoPatches() {
        assertEquals(0, EpochSize.patches(new long[0], true, 1_000));
        assertEquals(0, EpochSize.patches(new long[] {5, 0, 7}, true, 1_000));
    }
}
