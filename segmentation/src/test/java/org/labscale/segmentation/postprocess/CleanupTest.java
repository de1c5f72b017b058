package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CleanupTest {

    @Test
    void shouldFillHolesInsideOneCellButNotGapsBetweenCellsOrBorderBays() {
        LabelImage cells = LabelImage.ofRows(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 0, 0, 3, 3, 4, 4},
                {0, 1, 0, 1, 0, 2, 2, 0, 3, 0, 0, 4},
                {0, 1, 1, 1, 0, 2, 0, 0, 3, 3, 4, 4},
                {0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0}});
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 0, 0, 3, 3, 4, 4},
                {0, 1, 1, 1, 0, 2, 2, 0, 3, 0, 0, 4},
                {0, 1, 1, 1, 0, 2, 0, 0, 3, 3, 4, 4},
                {0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0}}, HoleFilling.fill(cells).toRows());
    }

    @Test
    void shouldDropCellsOutsideTheSizeLimitsAndRenumber() {
        LabelImage cells = LabelImage.ofRows(new int[][]{
                {5, 0, 7, 7, 0, 9},
                {0, 0, 7, 7, 0, 9},
                {9, 9, 9, 9, 9, 9}});
        assertArrayEquals(new int[][]{
                {0, 0, 1, 1, 0, 0},
                {0, 0, 1, 1, 0, 0},
                {0, 0, 0, 0, 0, 0}}, CellFilter.sizes(2, 5).apply(cells).toRows());
        assertEquals(3, CellFilter.sizes(0, Integer.MAX_VALUE).apply(cells).maxLabel());
    }

    @Test
    void shouldGiveEachCellTheInteriorClassWithTheLargestSumAndThePapersScore() {
        ProbabilityMaps maps = new ProbabilityMaps(3, 1,
                List.of("background", "boundary", "interior:NIH-3T3", "interior:MCF10A"), new float[][]{
                {0.1f, 0.1f, 0.1f}, {0.1f, 0.1f, 0.1f}, {0.6f, 0.5f, 0.1f}, {0.2f, 0.3f, 0.7f}});
        LabelImage cells = LabelImage.ofRows(new int[][]{{1, 1, 2}});
        List<CellTypeClassifier.CellClass> classes = CellTypeClassifier.classify(cells, maps);
        assertEquals("NIH-3T3", classes.get(0).className());
        assertEquals(1.1 / 1.6, classes.get(0).score(), 1e-6);
        assertEquals("MCF10A", classes.get(1).className());
        assertEquals(0.875, classes.get(1).score(), 1e-6);
    }

    @Test
    void shouldDropCellsWhoseMeanInteriorProbabilityIsLowAndRenumber() {
        LabelImage cells = LabelImage.ofRows(new int[][]{
                {1, 1, 0, 2, 2, 0, 3},
                {1, 1, 0, 2, 2, 0, 3}});
        float[] interior = {
                0.9f, 0.9f, 0f, 0.6f, 0.7f, 0f, 0.9f,
                0.9f, 0.7f, 0f, 0.6f, 0.7f, 0f, 0.8f};
        // means: cell 1 0.85, cell 2 0.65, cell 3 0.85
        assertArrayEquals(new int[][]{
                {1, 1, 0, 0, 0, 0, 2},
                {1, 1, 0, 0, 0, 0, 2}}, new CellFilter(0, Integer.MAX_VALUE, 0.7).apply(cells, interior).toRows());
        assertEquals(3, new CellFilter(0, Integer.MAX_VALUE, 0.6).apply(cells, interior).maxLabel(), "all above 0.6");
        assertEquals(1, new CellFilter(3, Integer.MAX_VALUE, 0.7).apply(cells, interior).maxLabel(), "and by size");
        assertThrows(IllegalStateException.class, () -> new CellFilter(0, 10, 0.5).apply(cells));
        assertThrows(IllegalArgumentException.class, () -> new CellFilter(0, 10, 1.5));
    }
}
