package org.labscale.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DenseSamplerTest {

    private static final int W = 37;
    private static final int H = 29;
    private static final int RF = 7;
    private static final int K = 12;

    /** Pixel value = its id, so a window's centre names its pixel; class 0 dominates, 1 and 2 are rarer. */
    private static TrainingImage image() {
        float[] values = new float[W * H];
        byte[] classes = new byte[W * H];
        for (int p = 0; p < values.length; p++) {
            values[p] = p;
            classes[p] = (byte) (p % 7 == 0 ? 1 : p % 5 == 0 ? 2 : 0);
        }
        return new TrainingImage("ids", W, H, new float[][] {values}, classes);
    }

    @Test
    void everyMaskedPixelSeesExactlyThePatchTurnedAroundIt() throws Exception {
        List<TrainingImage> images = List.of(image());
        PixelSplit split = PixelSplit.of(images, List.of("a", "b", "c"), 0.2, 3);
        DenseSampler sampler = new DenseSampler(images, split, RF, K, true, 1_000_000);
        PatchExtractor patches = new PatchExtractor(images, RF);
        boolean[] heldOut = new boolean[W * H];
        for (int[] ids : split.validation()) {
            for (int id : ids) {
                heldOut[id] = true;
            }
        }
        assertEquals(RF + K - 1, sampler.inputSide());
        int s = sampler.inputSide();
        float[] x = new float[sampler.inputSize()];
        float[] t = new float[sampler.targetSize()];
        float[] window = new float[RF * RF];
        float[] expected = new float[RF * RF];
        int[] perClass = new int[3];
        SplittableRandom random = new SplittableRandom(9);
        int checked = 0;
        for (int crop = 0; crop < 400; crop++) {
            int rotation = crop % 4;
            boolean reflected = (crop / 4) % 2 == 1;
            int masked = sampler.crop(random, rotation, reflected, x, 0, t, 0);
            int counted = 0;
            for (int r = 0; r < K; r++) {
                for (int c = 0; c < K; c++) {
                    int cls = -1;
                    for (int k = 0; k < 3; k++) {
                        if (t[(k * K + r) * K + c] == 1f) {
                            assertEquals(-1, cls, "one class per pixel");
                            cls = k;
                        }
                    }
                    if (cls < 0) {
                        continue;
                    }
                    counted++;
                    perClass[cls]++;
                    for (int v = 0; v < RF; v++) {
                        for (int u = 0; u < RF; u++) {
                            window[v * RF + u] = x[(r + v) * s + c + u];
                        }
                    }
                    int id = (int) window[(RF / 2) * RF + RF / 2];
                    assertFalse(heldOut[id], "a held-out pixel got a loss");
                    assertEquals(patches.classOf(id), cls);
                    patches.extract(id, rotation, reflected, expected, 0);
                    assertArrayEquals(expected, window, "pixel " + id + ", rotation " + rotation + ", reflected "
                            + reflected);
                    checked++;
                }
            }
            assertEquals(counted, masked);
        }
        assertTrue(checked > 1000, "checked " + checked);
        // Down-sampled to the rarest class: about equal counts.
        int min = Arrays.stream(perClass).min().orElseThrow();
        int max = Arrays.stream(perClass).max().orElseThrow();
        assertTrue(max < 1.25 * min, Arrays.toString(perClass));
        assertEquals(3 * Arrays.stream(split.train()).mapToInt(a -> a.length).min().orElseThrow(),
                sampler.epochSize());
    }
}
