package org.labscale.segmentation.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;

/**
 * Nuclei from a nuclear-marker plane without a net: bright discs on a noisy background, two of them touching; two
 * domes whose outline has no neck; a dim nucleus among bright ones.
 */
class ClassicalNucleiTest {

    private static final int W = 160;
    private static final int H = 100;
    private static final int R = 14;

    /** Disc centres (x, y), radius {@value R}: the last two overlap by 4 px, as touching nuclei do. */
    private static final int[][] DISCS = {{25, 25}, {75, 25}, {130, 30}, {30, 72}, {85, 72}, {109, 72}};

    @Test
    void shouldFindEachNucleusAndSplitTouchingOnes() {
        assertSixNuclei(1);
    }

    @Test
    void shouldFindTheSameNucleiThroughAFinerCamera() {
        assertSixNuclei(3); // nuclei of radius 42 px: segmented at 10 px and brought back
    }

    @Test
    void shouldMeasureTheNucleiRadius() {
        float[] mask = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int[] d : DISCS) {
                    mask[y * W + x] += (x - d[0]) * (x - d[0]) + (y - d[1]) * (y - d[1]) <= R * R ? 1 : 0;
                }
            }
        }
        assertEquals(R, ClassicalNuclei.typicalRadius(mask, W, H), 1.0, "the touching pair counts once");
        assertTrue(Double.isNaN(ClassicalNuclei.typicalRadius(new float[W * H], W, H)), "no nucleus, no radius");
    }

    /** The six discs (the touching pair included) at {@code m} times their size, on a noisy background. */
    private static void assertSixNuclei(int m) {
        Random random = new Random(7);
        int w = W * m;
        int h = H * m;
        float[] plane = new float[w * h];
        int[] truth = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                plane[i] = 300 + (float) random.nextGaussian() * 30;
                for (int d = 0; d < DISCS.length; d++) {
                    int dx = x - DISCS[d][0] * m;
                    int dy = y - DISCS[d][1] * m;
                    if (dx * dx + dy * dy <= R * R * m * m) {
                        plane[i] = 2000 + (float) random.nextGaussian() * 100;
                        if (truth[i] == 0 || Math.abs(dx) < Math.abs(x - DISCS[truth[i] - 1][0] * m)) {
                            truth[i] = d + 1;
                        }
                    }
                }
            }
        }
        plane[5 * m * w + 150 * m] = 60_000; // a hot pixel: no nucleus
        LabelImage nuclei = new ClassicalNuclei(30 * m * m).segment(new FloatPlane(w, h, plane));

        assertEquals(DISCS.length, nuclei.maxLabel(), () -> "one label per nucleus, the touching pair split: "
                + java.util.Arrays.toString(Labels.areas(nuclei.toArray())) + " labels at the centres "
                + java.util.Arrays.stream(DISCS).map(d -> String.valueOf(nuclei.get(d[0] * m, d[1] * m))).toList());
        ImageScores s = InstanceScoring.score(LabelImage.of(w, h, truth), nuclei);
        assertEquals(1.0, s.f1(), 1e-9);
        // seeds found at a coarser scale come back blocky (nearest neighbour): a seed need not reach the outline
        assertTrue(s.meanJaccard() > (m == 1 ? 0.8 : 0.7), "Jaccard " + s.meanJaccard());
    }

    @Test
    void shouldPartTouchingNucleiWithoutANeckAtTheirSeam() {
        // Two nuclei 16 px apart, each a bright dome: their outline is one smooth oval (no neck for the distance
        // transform), but a dimmer seam runs between the domes. A brighter nucleus holds the top 0.5% the plane is
        // clipped at.
        float[] plane = background(new Random(3));
        disc(plane, 20, 20, 6000);
        int[][] centres = {{70, 50}, {86, 50}};
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int[] c : centres) {
                    double d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
                    plane[y * W + x] += (float) (3000 * Math.exp(-d2 / (2 * 6.0 * 6.0)));
                }
            }
        }
        FloatPlane nuclear = new FloatPlane(W, H, plane);

        LabelImage nuclei = new ClassicalNuclei(30).segment(nuclear);
        LabelImage withoutPeaks = new ClassicalNuclei(30, true, Double.NaN).segment(nuclear);

        assertEquals(2, withoutPeaks.maxLabel(), "the distance transform alone sees one nucleus for the domes");
        assertEquals(3, nuclei.maxLabel());
        assertTrue(nuclei.get(70, 50) != 0 && nuclei.get(86, 50) != 0 && nuclei.get(70, 50) != nuclei.get(86, 50),
                "one seed per dome");
    }

    @Test
    void shouldFindADimNucleusAmongBrightOnes() {
        // HeLa-S3's H2B marker: a nucleus a tenth as bright as its neighbours, which lift the plain local mean.
        float[] plane = background(new Random(5));
        int[][] bright = {{40, 25}, {80, 20}, {120, 25}, {40, 75}, {120, 75}, {80, 80}};
        for (int[] c : bright) {
            disc(plane, c[0], c[1], 3000);
        }
        disc(plane, 80, 50, 60);
        FloatPlane nuclear = new FloatPlane(W, H, plane);

        LabelImage nuclei = new ClassicalNuclei(30).segment(nuclear);
        LabelImage withoutDimPass = new ClassicalNuclei(30, false, Double.NaN).segment(nuclear);

        assertEquals(0, withoutDimPass.get(80, 50), "missed by the plain local threshold");
        assertTrue(nuclei.get(80, 50) != 0, "the dim nucleus has a seed");
        assertEquals(bright.length + 1, nuclei.maxLabel());
    }

    private static float[] background(Random random) {
        float[] plane = new float[W * H];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = 300 + (float) random.nextGaussian() * 10;
        }
        return plane;
    }

    private static void disc(float[] plane, int cx, int cy, float rise) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 10 * 10) {
                    plane[y * W + x] += rise;
                }
            }
        }
    }

    @Test
    void otsuSeparatesTwoPopulations() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 700 ? 100 + i % 10 : 900 + i % 10;
        }
        double t = ClassicalNuclei.otsu(values);
        assertTrue(t > 109 && t < 900, "threshold " + t);
    }

    @Test
    void blurKeepsAFlatPlaneFlatAndMirrorsAtTheBorder() {
        float[] flat = new float[7 * 5];
        java.util.Arrays.fill(flat, 3f);
        float[] blurred = GaussianBlur.blur(flat, 7, 5, 2.0);
        for (float v : blurred) {
            assertEquals(3f, v, 1e-5);
        }
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 4, 3, 2}, java.util.stream.IntStream.rangeClosed(-2, 6)
                .map(i -> GaussianBlur.mirror(i, 5)).toArray());
        assertEquals(1.0, sum(GaussianBlur.kernel(1.5)), 1e-6);
    }

    private static double sum(float[] k) {
        double s = 0;
        for (float v : k) {
            s += v;
        }
        return s;
    }
}
