package org.labscale.convnet.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.labscale.shared.net.Normalization;

class ChannelScalingTest {

    private static final int SIDE = 96;
    private static final int WINDOW = 31;

    @Test
    void robustPercentilesInterpolateBetweenRanks() {
        float[] ramp = new float[101];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i; // the p-th percentile of 0..100 is p
        }
        ChannelScaling s = ChannelScaling.of(Normalization.ROBUST_LOCAL_MEAN, ramp);
        assertEquals(1f, s.offset(), 1e-6);
        assertEquals(98f, s.scale(), 1e-6);
        assertEquals(2.5f, ChannelScaling.percentile(new float[] {1, 2, 3, 4}, 50), 1e-6);
    }

    @Test
    void medianMethodIsThePapersDivisorWithoutOffset() {
        ChannelScaling s = ChannelScaling.of(Normalization.MEDIAN_LOCAL_MEAN, new float[] {3, 1, 2});
        assertEquals(0f, s.offset());
        assertEquals(2f, s.scale());
    }

    @Test
    void robustFallsBackToTheRangeThenToOneAndIgnoresNaN() {
        float[] mostlyFlat = new float[200];
        mostlyFlat[0] = 10; // below the 99th percentile's rank: the spread is 0, the range is 10
        ChannelScaling s = ChannelScaling.of(Normalization.ROBUST_LOCAL_MEAN, mostlyFlat);
        assertEquals(10f, s.scale());
        assertEquals(1f, ChannelScaling.of(Normalization.ROBUST_LOCAL_MEAN, new float[] {5, 5, 5}).scale());
        assertEquals(1f, ChannelScaling.of(Normalization.ROBUST_LOCAL_MEAN, new float[] {Float.NaN}).scale());
    }

    /** A camera with a black level of 33,000 and a twentieth of the gain: the paper's contrast collapses, ours not. */
    @Test
    void robustNormalisationIgnoresOffsetAndGainWhereThePapersDoesNot() {
        float[] scene = nucleiLikeScene(7);
        float[] camera = new float[scene.length];
        for (int i = 0; i < scene.length; i++) {
            camera[i] = 0.05f * scene[i] + 33_000f;
        }
        LocalMeanNormalizer n = new LocalMeanNormalizer(WINDOW);
        String robust = Normalization.ROBUST_LOCAL_MEAN;
        float[] a = n.normalize(scene, SIDE, SIDE, ChannelScaling.of(robust, scene));
        float[] b = n.normalize(camera, SIDE, SIDE, ChannelScaling.of(robust, camera));
        assertTrue(maxAbsDifference(a, b) < 1e-3, "robust: " + maxAbsDifference(a, b));

        String paper = Normalization.MEDIAN_LOCAL_MEAN;
        float[] pa = n.normalize(scene, SIDE, SIDE, ChannelScaling.of(paper, scene));
        float[] pb = n.normalize(camera, SIDE, SIDE, ChannelScaling.of(paper, camera));
        assertTrue(spread(pb) < 0.01 * spread(pa), "the paper's contrast " + spread(pb) + " vs " + spread(pa));
    }

    @Test
    void unknownMethodIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelScaling.of("z-score", new float[] {1}));
        assertTrue(e.getMessage().contains(Normalization.ROBUST_LOCAL_MEAN), e.getMessage());
    }

    /** Dim background with noise and bright discs, 8-bit-like values. */
    private static float[] nucleiLikeScene(long seed) {
        Random random = new Random(seed);
        float[] out = new float[SIDE * SIDE];
        for (int i = 0; i < out.length; i++) {
            out[i] = 12 + random.nextInt(6);
        }
        for (int k = 0; k < 8; k++) {
            int cx = 10 + random.nextInt(SIDE - 20);
            int cy = 10 + random.nextInt(SIDE - 20);
            for (int y = cy - 8; y <= cy + 8; y++) {
                for (int x = cx - 8; x <= cx + 8; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 64) {
                        out[y * SIDE + x] = 120 + random.nextInt(100);
                    }
                }
            }
        }
        return out;
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double spread(float[] v) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return max - min;
    }
}
