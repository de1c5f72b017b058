package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundaryRegrowthTest {

    private static final List<String> CLASSES = List.of("background", "boundary", "interior");

    /** Settings of {@code method} at threshold 0.5 with no size filter and {@code regrowth} steps. */
    private static PostProcessing settings(PostProcessingMethod method, int regrowth) {
        return new PostProcessing(method, 0.5, null, null, null, 0.8, null, null, null, null, 0, null, regrowth);
    }

    /**
     * Maps from a grid of most likely classes (0 background, 1 boundary, 2 interior) and each pixel's background
     * probability; the rest goes to the pixel's class, 0.05 to the other foreground class.
     */
    private static ProbabilityMaps maps(int[][] classes, double[][] background) {
        int h = classes.length;
        int w = classes[0].length;
        float[][] planes = new float[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float bg = (float) background[y][x];
                planes[0][i] = bg;
                int c = classes[y][x];
                if (c == 0) {
                    planes[1][i] = (1 - bg) / 2;
                    planes[2][i] = (1 - bg) / 2;
                } else {
                    planes[c][i] = 1 - bg - 0.05f;
                    planes[3 - c][i] = 0.05f;
                }
            }
        }
        return new ProbabilityMaps(w, h, CLASSES, planes);
    }

    private static double[][] fill(int h, int w, double value) {
        double[][] out = new double[h][w];
        for (double[] row : out) {
            java.util.Arrays.fill(row, value);
        }
        return out;
    }

    /** 0.8 on background pixels, 0.1 on the rest. */
    private static double[][] typical(int[][] classes) {
        double[][] out = new double[classes.length][classes[0].length];
        for (int y = 0; y < classes.length; y++) {
            for (int x = 0; x < classes[0].length; x++) {
                out[y][x] = classes[y][x] == 0 ? 0.8 : 0.1;
            }
        }
        return out;
    }

    @Test
    void shouldGiveACellBackItsBoundaryRingWithinTwoStepsButNotAnArmOrAnIslandBeyond() {
        int[][] classes = {
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 0},
                {0, 1, 2, 2, 2, 1, 0, 0, 0},
                {0, 1, 2, 2, 2, 1, 1, 1, 0},
                {0, 1, 2, 2, 2, 1, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 1},
                {0, 0, 0, 0, 0, 0, 0, 0, 1}};
        ProbabilityMaps maps = maps(classes, typical(classes));
        int[][] ring = {
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 1, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}};
        for (PostProcessingMethod method : List.of(PostProcessingMethod.THRESHOLD,
                PostProcessingMethod.ADAPTIVE_THRESHOLD, PostProcessingMethod.WATERSHED)) {
            assertArrayEquals(ring, new PostProcessor(settings(method, 2)).cells(maps).toRows(), method.name());
        }
        int[][] interiorOnly = new int[7][9];
        for (int y = 2; y <= 4; y++) {
            for (int x = 2; x <= 4; x++) {
                interiorOnly[y][x] = 1;
            }
        }
        assertArrayEquals(interiorOnly, new PostProcessor(settings(PostProcessingMethod.THRESHOLD, 0)).cells(maps)
                .toRows(), "regrowth 0: the interior alone");
    }

    @Test
    void shouldShareTheBoundaryBetweenTouchingCellsWithoutMergingThemTheSurerCellFirst() {
        int[][] classes = {
                {1, 1, 1, 1, 1, 1, 1},
                {1, 2, 2, 1, 2, 2, 1},
                {1, 2, 2, 1, 2, 2, 1},
                {1, 1, 1, 1, 1, 1, 1}};
        double[][] background = fill(4, 7, 0.2);
        for (int y = 1; y <= 2; y++) {
            background[y][1] = 0.1;
            background[y][2] = 0.1;
            background[y][4] = 0.05; // the right cell is surer: it reaches the shared column first
            background[y][5] = 0.05;
        }
        LabelImage cells = new PostProcessor(settings(PostProcessingMethod.THRESHOLD, 2))
                .cells(maps(classes, background));
        assertArrayEquals(new int[][]{
                {1, 1, 1, 2, 2, 2, 2},
                {1, 1, 1, 2, 2, 2, 2},
                {1, 1, 1, 2, 2, 2, 2},
                {1, 1, 1, 2, 2, 2, 2}}, cells.toRows());
    }

    @Test
    void shouldCountATieWithBackgroundAsBackgroundAndRefuseNegativeSteps() {
        ProbabilityMaps maps = new ProbabilityMaps(3, 1, CLASSES, new float[][]{
                {0.1f, 0.5f, 0.4f}, {0.1f, 0.5f, 0.3f}, {0.8f, 0.0f, 0.3f}});
        assertArrayEquals(new boolean[]{true, false, false}, maps.notBackground());
        LabelImage one = LabelImage.ofRows(new int[][]{{1, 0, 0}});
        assertArrayEquals(new int[][]{{1, 0, 0}}, new BoundaryRegrowth(5).grow(one, maps).toRows());
        assertThrows(IllegalArgumentException.class, () -> new BoundaryRegrowth(-1));
    }

    /**
     * Discs like the it-tests' synthetic nuclei (radius 5-8 px, 3 px apart), with maps a net trained on their
     * boundary/interior classes would give: each class one-hot at 0.9, softened by a 3 x 3 mean. Thresholding the
     * interior loses the ring (the it-test measured Jaccard 0.61 with a real trained net); regrowth gives it back.
     */
    @Test
    void shouldRaiseTheJaccardOfSmallDiscsAboveThePointEightFive() {
        int w = 128;
        int h = 128;
        LabelImage truth = discs(w, h, 30, 7);
        ProbabilityMaps maps = softMaps(truth);
        ImageScores without = InstanceScoring.score(truth,
                new PostProcessor(settings(PostProcessingMethod.THRESHOLD, 0)).cells(maps));
        PostProcessing defaults = new PostProcessing(null, 0.5, null, null, null, null, null, null, null, null, null,
                null, null);
        ImageScores with = InstanceScoring.score(truth, new PostProcessor(defaults).cells(maps));
        System.out.printf("discs: %d cells; Jaccard without regrowth %.3f, with %.3f; F1 %.3f / %.3f%n",
                truth.maxLabel(), without.meanJaccard(), with.meanJaccard(), without.f1(), with.f1());
        assertTrue(truth.maxLabel() >= 20, "placed " + truth.maxLabel());
        assertTrue(without.meanJaccard() < 0.75, "the ring is lost without regrowth: " + without.meanJaccard());
        assertTrue(with.meanJaccard() > 0.85, "regrowth by default: " + with.meanJaccard());
        assertEquals(1.0, with.f1(), 1e-9, "every disc found, none merged or split: " + with);
    }

    private static LabelImage discs(int w, int h, int count, long seed) {
        Random random = new Random(seed);
        int[] labels = new int[w * h];
        int placed = 0;
        for (int attempt = 0; attempt < count * 50 && placed < count; attempt++) {
            int r = 5 + random.nextInt(4);
            int cx = r + 1 + random.nextInt(w - 2 * r - 2);
            int cy = r + 1 + random.nextInt(h - 2 * r - 2);
            boolean free = true;
            for (int y = Math.max(0, cy - r - 3); y <= Math.min(h - 1, cy + r + 3) && free; y++) {
                for (int x = Math.max(0, cx - r - 3); x <= Math.min(w - 1, cx + r + 3) && free; x++) {
                    free = labels[y * w + x] == 0;
                }
            }
            if (!free) {
                continue;
            }
            placed++;
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        labels[y * w + x] = placed;
                    }
                }
            }
        }
        return LabelImage.of(w, h, labels);
    }

    private static ProbabilityMaps softMaps(LabelImage truth) {
        int w = truth.width();
        int h = truth.height();
        int[] classes = BoundaryInteriorMap.fromInstances(truth, Connectivity.EIGHT).toArray();
        float[][] planes = new float[3][w * h];
        for (int k = 0; k < 3; k++) {
            float[] hard = new float[w * h];
            for (int i = 0; i < hard.length; i++) {
                hard[i] = classes[i] == k ? 0.9f : 0.05f;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            int yy = y + dy;
                            if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                                sum += hard[yy * w + xx];
                                n++;
                            }
                        }
                    }
                    planes[k][y * w + x] = sum / n;
                }
            }
        }
        return new ProbabilityMaps(w, h, CLASSES, planes);
    }
}
