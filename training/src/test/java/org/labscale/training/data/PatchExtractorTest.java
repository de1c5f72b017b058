package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PatchExtractorTest {

    /** 5x4 image, v = 10y + x, one channel; and a second image after it. */
    private static final TrainingImage A = image("a", 5, 4);
    private static final TrainingImage B = image("b", 3, 3);

    private static TrainingImage image(String name, int w, int h) {
        float[] v = new float[w * h];
        byte[] classes = new byte[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = 10 * (i / w) + (i % w);
            classes[i] = (byte) (i % 3);
        }
        return new TrainingImage(name, w, h, new float[][] {v}, classes);
    }

    @Test
    void cutsTheCentredPatchInside() {
        float[] out = new float[9];
        new PatchExtractor(List.of(A, B), 3).extract(2 * 5 + 2, 0, false, out, 0); // (2,2)
        assertArrayEquals(new float[] {11, 12, 13, 21, 22, 23, 31, 32, 33}, out);
    }

    @Test
    void reflectsWithoutRepeatingTheEdge() {
        float[] out = new float[9];
        new PatchExtractor(List.of(A, B), 3).extract(0, 0, false, out, 0); // (0,0): rows {1,0,1}, cols {1,0,1}
        assertArrayEquals(new float[] {11, 10, 11, 1, 0, 1, 11, 10, 11}, out);
    }

    @Test
    void rotatesByQuarterTurnsAndReflects() {
        PatchExtractor patches = new PatchExtractor(List.of(A, B), 3);
        float[] out = new float[9];
        patches.extract(2 * 5 + 2, 1, false, out, 0);
        // a counter-clockwise quarter turn of [[11,12,13],[21,22,23],[31,32,33]]
        assertArrayEquals(new float[] {13, 23, 33, 12, 22, 32, 11, 21, 31}, out);
        patches.extract(2 * 5 + 2, 0, true, out, 0);
        assertArrayEquals(new float[] {13, 12, 11, 23, 22, 21, 33, 32, 31}, out);
        patches.extract(2 * 5 + 2, 2, false, out, 0);
        assertArrayEquals(new float[] {33, 32, 31, 23, 22, 21, 13, 12, 11}, out);
    }

    @Test
    void numbersPixelsAcrossImages() {
        PatchExtractor patches = new PatchExtractor(List.of(A, B), 3);
        float[] out = new float[9];
        patches.extract(20 + 4, 0, false, out, 0); // image b, centre (1,1)
        assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12, 20, 21, 22}, out);
        assertEquals(4 % 3, patches.classOf(20 + 4));
        assertEquals(19 % 3, patches.classOf(19));
        assertEquals(9, patches.patchSize());
    }
}
