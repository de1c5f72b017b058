package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
                {0, 0, 0, 0, 0, 0}}, new SizeFilter(2, 5).apply(cells).toRows());
        assertEquals(3, new SizeFilter(0, Integer.MAX_VALUE).apply(cells).maxLabel());
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
}
