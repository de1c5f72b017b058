package org.labscale.imaging.preview;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PercentileStretchTest {

    @Test
    void shouldInterpolatePercentilesBetweenRanks() {
        float[] values = new float[101];
        for (int i = 0; i <= 100; i++) {
            values[i] = 100 - i; // order must not matter
        }
        PercentileStretch.Range r = PercentileStretch.range(values, 0.5, 99.5);
        assertEquals(0.5f, r.low(), 1e-6);
        assertEquals(99.5f, r.high(), 1e-6);
    }

    @Test
    void shouldIgnoreNonFiniteValues() {
        float[] values = {Float.NaN, 10, Float.POSITIVE_INFINITY, 20, Float.NEGATIVE_INFINITY};
        PercentileStretch.Range r = PercentileStretch.range(values, 0, 100);
        assertEquals(new PercentileStretch.Range(10, 20), r);
        assertArrayEquals(new byte[]{0, 0, 0, (byte) 255, 0}, PercentileStretch.apply(values, r));
    }

    @Test
    void shouldMapLinearlyAndClip() {
        byte[] out = PercentileStretch.apply(new float[]{-5, 0, 50, 100, 1e9f}, new PercentileStretch.Range(0, 100));
        assertArrayEquals(new byte[]{0, 0, (byte) 128, (byte) 255, (byte) 255}, out);
    }

    @Test
    void shouldKeepSparseSpotsVisibleWhenRangeIsEmpty() {
        float[] values = new float[1000];
        values[500] = 7;
        PercentileStretch.Range r = PercentileStretch.range(values, 0.5, 99.5);
        assertEquals(new PercentileStretch.Range(0, 0), r);
        byte[] out = PercentileStretch.apply(values, r);
        assertEquals((byte) 255, out[500]);
        assertEquals(0, out[0]);
    }
}
