package org.labscale.training.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * The selection on synthetic probability maps whose best setting is known: square cells (16 px) whose outer 3-px ring
 * the "net" calls boundary, so only 3 regrowth steps give most of it back (per-cell Jaccard about 0.91 against 0.72
 * with the default 2 steps), and cells the net sees exactly, where every setting is as good as the defaults.
 */
class PostProcessingSelectionTest {

    private static final int SIDE = 16;
    private static final int PITCH = 24;
    private static final int RING = 3;

    private static PostProcessing setting(PostProcessingMethod method, double threshold, int regrowth,
                                          Integer minArea) {
        return new PostProcessing(method, threshold, null, null, null, null, null, null, null, null, minArea, null,
                regrowth).withDefaults();
    }

    @Test
    void choosesTheSettingThatIsClearlyBetter() {
        PostProcessingSelection selection = new PostProcessingSelection();
        Scene scene = scene(5, 5, 25, 0);
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();

        assertTrue(s.changed(), s.reason());
        // Every threshold and both methods give the same cells here: the tie goes to the earliest grid point.
        assertEquals(setting(PostProcessingMethod.THRESHOLD, 0.5, 3, null), s.recommended().settings());
        assertEquals(PostProcessing.defaults(), s.defaults().settings());
        assertEquals(25, s.defaults().scores().referenceCells());
        assertEquals(184.0 / 256, s.defaults().scores().meanJaccard(), 1e-9, "2 steps: core + 2 rings - corners");
        assertEquals(232.0 / 256, s.recommended().scores().meanJaccard(), 1e-9, "3 steps");
        assertEquals(1.0, s.recommended().scores().f1(), 1e-9);
        assertEquals(18, s.ranked().size());
        assertEquals(s.recommended(), s.ranked().get(0));
        assertEquals(1, s.images());
    }

    @Test
    void keepsTheDefaultsWhenNothingIsBetter() {
        PostProcessingSelection selection = new PostProcessingSelection();
        Scene scene = scene(5, 5, 0, 0);
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();
        assertFalse(s.changed(), s.reason());
        assertEquals(1.0, s.recommended().scores().meanJaccard(), 1e-9);
        assertTrue(s.ranked().stream().allMatch(c -> c.scores().meanJaccard() == 1.0), "all settings tie here");
    }

    @Test
    void keepsTheDefaultsForAGainBelowTheMinimum() {
        PostProcessingSelection selection = new PostProcessingSelection();
        Scene scene = scene(7, 7, 1, 0); // one cell of 49 gains 0.19: 0.004 pooled
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();
        double gain = s.ranked().get(0).scores().meanJaccard() - s.defaults().scores().meanJaccard();
        assertTrue(gain > PostProcessingSelection.TIE && gain < PostProcessingSelection.MIN_GAIN, "gain " + gain);
        assertFalse(s.changed(), s.reason());
        assertTrue(s.reason().contains("defaults are kept"), s.reason());
    }

    @Test
    void poolsImagesSoThatSmallGainsAddUp() {
        PostProcessingSelection selection = new PostProcessingSelection();
        Scene few = scene(3, 3, 9, 0); // 9 cells alone are too few to choose on
        selection.add(few.maps(), few.reference());
        PostProcessingSelection.Selection alone = selection.select();
        assertFalse(alone.changed(), alone.reason());
        assertTrue(alone.reason().contains("fewer than " + PostProcessingSelection.MIN_CELLS), alone.reason());
        Scene more = scene(4, 4, 16, 0);
        selection.add(more.maps(), more.reference());
        PostProcessingSelection.Selection pooled = selection.select();
        assertEquals(25, pooled.defaults().scores().referenceCells());
        assertEquals(2, pooled.images());
        assertTrue(pooled.changed(), pooled.reason());
    }

    @Test
    void doesNotBuyJaccardWithExtraObjects() {
        // Small bright blobs between the cells: the defaults drop them (min area 30), a min area of 5 keeps them as
        // false positives. With 3 regrowth steps that setting has the better Jaccard, but half its objects are false.
        Scene scene = scene(5, 5, 25, 25);
        PostProcessing permissive = setting(PostProcessingMethod.THRESHOLD, 0.5, 3, 5);
        PostProcessingSelection selection = new PostProcessingSelection(List.of(permissive));
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();
        assertEquals(permissive, s.ranked().get(0).settings(), "it scores the best Jaccard");
        assertEquals(50, s.ranked().get(0).scores().segmentedCells());
        assertFalse(s.changed(), s.reason());

        PostProcessing strict = setting(PostProcessingMethod.THRESHOLD, 0.5, 3, null);
        PostProcessingSelection both = new PostProcessingSelection(List.of(permissive, strict));
        both.add(scene.maps(), scene.reference());
        assertEquals(strict, both.select().recommended().settings(), "the same gain without the extra objects");
    }

    @Test
    void dropsDebrisTheNetIsUnsureOfWithALearntFilter() {
        // 25 cells (interior 0.95) and 25 debris objects of 40 px whose interior probability is 0.65: the default
        // minimum area keeps them, so the defaults find 50 objects for 25 cells (F1 0.67).
        Scene scene = scene(5, 5, 0, 0, 25, 0.65f);
        PostProcessingSelection selection = new PostProcessingSelection(List.of(),
                PostProcessingSelection.filters(CellAreas.of(256, 256, 256)));
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();

        assertEquals(50, s.defaults().scores().segmentedCells());
        assertEquals(2.0 / 3, s.defaults().scores().f1(), 1e-9);
        assertTrue(s.changed(), s.reason());
        assertEquals(0.7, s.recommended().settings().minCellProbability(), 1e-9, "the first filter that drops them");
        assertEquals(25, s.recommended().scores().segmentedCells());
        assertEquals(1.0, s.recommended().scores().f1(), 1e-9);
        assertEquals(1.0, s.recommended().scores().countRatio(), 1e-9);
        assertEquals(s.defaults().scores().meanJaccard(), s.recommended().scores().meanJaccard(), 1e-9);
        assertTrue(s.reason().contains("Object filter"), s.reason());
    }

    @Test
    void neverTakesAFilterThatDropsRealCells() {
        // Debris as sure as the cells: only an area limit could tell them apart, and these two drop the cells too.
        Scene scene = scene(5, 5, 0, 0, 25, 0.95f);
        PostProcessingSelection selection = new PostProcessingSelection(List.of(), List.of(
                new PostProcessingSelection.Filter(30, 200, null), new PostProcessingSelection.Filter(30, 39, null)));
        selection.add(scene.maps(), scene.reference());
        PostProcessingSelection.Selection s = selection.select();
        assertFalse(s.changed(), s.reason());
        assertTrue(s.ranked().stream().anyMatch(c -> c.scores().meanJaccard() == 0.0), "max area 39 drops the cells");
    }

    @Test
    void learnsAreaLimitsFromTheAnnotatedCells() {
        int[] areas = new int[100];
        for (int i = 0; i < areas.length; i++) {
            areas[i] = 200 + 10 * i; // 200 .. 1190 px; 2nd percentile 210, 98th 1170
        }
        List<PostProcessingSelection.Filter> filters = PostProcessingSelection.filters(CellAreas.of(areas));
        assertTrue(filters.contains(new PostProcessingSelection.Filter(105, 3510, 0.8)), filters.toString());
        assertTrue(filters.contains(new PostProcessingSelection.Filter(52, null, null)), filters.toString());
        assertTrue(filters.contains(new PostProcessingSelection.Filter(30, null, 0.6)), filters.toString());
        assertFalse(filters.contains(PostProcessingSelection.Filter.none()), "the defaults' filter is tried anyway");
        assertEquals(3 * 2 * 4 - 1, filters.size());
        assertEquals(3, PostProcessingSelection.filters(CellAreas.of()).size(), "without cells: probability only");
    }

    @Test
    void choosesActiveContoursWhenNuclearSeedsPartCellsThatTheNetMerges() {
        Scene scene = touchingPairs(5, 3);
        PostProcessingSelection selection = new PostProcessingSelection(CellAreas.of(), true);
        List<Integer> asked = new java.util.ArrayList<>();
        selection.add(scene.maps(), scene.reference(), minArea -> {
            asked.add(minArea);
            return nuclei(scene.maps().width(), scene.maps().height(), minArea);
        });
        PostProcessingSelection.Selection s = selection.select();

        assertEquals(0.5, s.defaults().scores().meanJaccard(), 1e-9, "each pair is one object without the seeds");
        assertEquals(PostProcessingMethod.ACTIVE_CONTOURS, s.recommended().settings().method(), s.reason());
        assertTrue(s.recommended().scores().meanJaccard() > 0.95, s.reason());
        assertEquals(1.0, s.recommended().scores().f1(), 1e-9);
        assertEquals(18 + 9, s.ranked().size() / 4, "18 plain and 9 contour settings, each with 3 filters + own");
        assertEquals(List.of(30), asked, "seeds made once per minimum area (only the default's here)");
    }

    @Test
    void triesActiveContoursOnlyWithSeeds() {
        assertTrue(new PostProcessingSelection(CellAreas.of(), false).settings().stream()
                .noneMatch(p -> p.method() == PostProcessingMethod.ACTIVE_CONTOURS));
        Scene scene = touchingPairs(5, 3);
        PostProcessingSelection seeded = new PostProcessingSelection(CellAreas.of(), true);
        assertThrows(IllegalStateException.class, () -> seeded.add(scene.maps(), scene.reference()));
        assertThrows(IllegalStateException.class, () -> seeded.add(scene.maps(), scene.reference(), null));
    }

    @Test
    void refusesToSelectWithoutImages() {
        assertThrows(IllegalStateException.class, () -> new PostProcessingSelection().select());
        assertEquals(PostProcessing.defaults(), new PostProcessingSelection(List.of()).settings().get(0));
        assertEquals(PostProcessing.defaults(), PostProcessingSelection.grid().get(0));
    }

    /** Probability maps (background, boundary, interior) and the reference cells they were drawn from. */
    record Scene(ProbabilityMaps maps, LabelImage reference) {
    }

    /**
     * {@code cols x rows} square cells on a {@value PITCH}-px grid; the first {@code ringCells} have an outer ring
     * of {@value RING} px that is most likely boundary; {@code blobs} 3 x 3 px interior blobs sit in the gaps.
     */
    static Scene scene(int cols, int rows, int ringCells, int blobs) {
        return scene(cols, rows, ringCells, blobs, 0, 0);
    }

    /**
     * As {@link #scene(int, int, int, int)}, and the first {@code debris} gaps hold a 5 x 8 px object (40 px, above
     * the default minimum area) whose interior probability is {@code debrisProbability}.
     */
    static Scene scene(int cols, int rows, int ringCells, int blobs, int debris, float debrisProbability) {
        int w = cols * PITCH;
        int h = rows * PITCH;
        float[] bg = new float[w * h];
        float[] boundary = new float[w * h];
        float[] interior = new float[w * h];
        int[] labels = new int[w * h];
        java.util.Arrays.fill(bg, 0.95f);
        java.util.Arrays.fill(boundary, 0.03f);
        java.util.Arrays.fill(interior, 0.02f);
        int cell = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean ring = cell < ringCells;
                cell++;
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        int i = (r * PITCH + 2 + y) * w + c * PITCH + 2 + x;
                        labels[i] = cell;
                        boolean edge = Math.min(Math.min(x, y), Math.min(SIDE - 1 - x, SIDE - 1 - y)) < RING;
                        set(bg, boundary, interior, i, ring && edge ? new float[] {0.05f, 0.55f, 0.40f}
                                : new float[] {0.02f, 0.03f, 0.95f});
                    }
                }
                if (cell <= debris) {
                    float p = debrisProbability;
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 5; x++) {
                            set(bg, boundary, interior, (r * PITCH + 2 + y) * w + c * PITCH + 19 + x,
                                    new float[] {0.95f - p, 0.05f, p});
                        }
                    }
                }
                if (cell <= blobs) {
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 3; x++) {
                            set(bg, boundary, interior, (r * PITCH + 19 + y) * w + c * PITCH + 19 + x,
                                    new float[] {0.02f, 0.03f, 0.95f});
                        }
                    }
                }
            }
        }
        return new Scene(new ProbabilityMaps(w, h, List.of("background", "boundary", "interior"),
                new float[][] {bg, boundary, interior}), LabelImage.of(w, h, labels));
    }

    /**
     * {@code cols x rows} pairs of touching {@value SIDE}-px square cells that the "net" sees as one object (interior
     * 0.95 across both, no boundary between them): only a seed per cell parts them.
     */
    static Scene touchingPairs(int cols, int rows) {
        int w = cols * 2 * PITCH;
        int h = rows * PITCH;
        float[] bg = new float[w * h];
        float[] boundary = new float[w * h];
        float[] interior = new float[w * h];
        int[] labels = new int[w * h];
        java.util.Arrays.fill(bg, 0.95f);
        java.util.Arrays.fill(boundary, 0.03f);
        java.util.Arrays.fill(interior, 0.02f);
        int cell = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int half = 0; half < 2; half++) {
                    cell++;
                    for (int y = 0; y < SIDE; y++) {
                        for (int x = 0; x < SIDE; x++) {
                            int i = (r * PITCH + 2 + y) * w + c * 2 * PITCH + 2 + half * SIDE + x;
                            labels[i] = cell;
                            set(bg, boundary, interior, i, new float[] {0.02f, 0.03f, 0.95f});
                        }
                    }
                }
            }
        }
        return new Scene(new ProbabilityMaps(w, h, List.of("background", "boundary", "interior"),
                new float[][] {bg, boundary, interior}), LabelImage.of(w, h, labels));
    }

    /** The nuclei of {@link #touchingPairs}: a 6 x 6 px square in the middle of each cell, if at least minArea. */
    static LabelImage nuclei(int w, int h, int minArea) {
        int[] labels = new int[w * h];
        int n = 0;
        for (int r = 0; r < h / PITCH; r++) {
            for (int c = 0; c < w / (2 * PITCH); c++) {
                for (int half = 0; half < 2; half++) {
                    n++;
                    for (int y = 5; y < 11 && 36 >= minArea; y++) {
                        for (int x = 5; x < 11; x++) {
                            labels[(r * PITCH + 2 + y) * w + c * 2 * PITCH + 2 + half * SIDE + x] = n;
                        }
                    }
                }
            }
        }
        return LabelImage.of(w, h, labels);
    }

    private static void set(float[] bg, float[] boundary, float[] interior, int i, float[] p) {
        bg[i] = p[0];
        boundary[i] = p[1];
        interior[i] = p[2];
    }
}
