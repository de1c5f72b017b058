package org.labscale.imaging.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtsuTest {

    @Test
    void separatesTwoPopulations() {
        float[] values = new float[200];
        for (int i = 0; i < 200; i++) {
            values[i] = i < 150 ? 10 + (i % 5) : 90 + (i % 7);
        }
        double t = Otsu.threshold(values, 10, 96, 256);
        assertTrue(t > 14 && t <= 90, "between the classes: " + t);
    }

    @Test
    void aRangeWithoutWidthAnswersItsTop() {
        assertEquals(7.0, Otsu.threshold(new float[] {7, 7, 7}, 7, 7, 256));
    }

    @Test
    void valuesOutsideTheRangeCountInTheEndBins() {
        float[] values = {-100, 0, 0, 0, 10, 10, 10, 500};
        double t = Otsu.threshold(values, 0, 10, 10);
        assertTrue(t > 0 && t <= 10, "the outliers do not move the threshold out of the range: " + t);
    }
}
