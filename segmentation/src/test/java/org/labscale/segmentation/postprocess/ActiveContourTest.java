package org.labscale.segmentation.postprocess;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ActiveContourTest {

    @Test
    void supOfErosionsShouldRemoveALonePixelAndTheCornersOfASquare() {
        boolean[] in = Grids.bools(new int[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 0},
                {0, 1, 1, 1, 0, 1, 0},
                {0, 1, 1, 1, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0}});
        boolean[] out = new boolean[in.length];
        MorphologicalChanVese.supOfErosions(in, out, 7, 5);
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 1, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 0},
                {0, 0, 1, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0}}, Grids.rows(out, 7));
    }

    @Test
    void infOfDilationsShouldCloseAOnePixelHoleAndANotch() {
        boolean[] in = Grids.bools(new int[][]{
                {1, 1, 1, 1, 1},
                {1, 0, 1, 0, 1},
                {1, 1, 1, 1, 1}});
        boolean[] out = new boolean[in.length];
        MorphologicalChanVese.infOfDilations(in, out, 5, 3);
        assertArrayEquals(new int[][]{
                {1, 1, 1, 1, 1},
                {1, 1, 1, 1, 1},
                {1, 1, 1, 1, 1}}, Grids.rows(out, 5));
    }

    @Test
    void shouldGrowFromASeedToTheBrightRegionAndStopAtItsEdge() {
        float[] image = Grids.floats(new double[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, .9, .9, .9, .9, 0, 0},
                {0, .9, .9, .9, .9, 0, 0},
                {0, .9, .9, .9, .9, 0, 0},
                {0, 0, 0, 0, 0, 0, 0}});
        boolean[] seed = Grids.bools(new int[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 1, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0}});
        boolean[] grown = new MorphologicalChanVese(10, 0, 1, 1).evolve(image, seed, 7, 5);
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1, 0, 0},
                {0, 1, 1, 1, 1, 0, 0},
                {0, 1, 1, 1, 1, 0, 0},
                {0, 0, 0, 0, 0, 0, 0}}, Grids.rows(grown, 7));
    }

    @Test
    void shouldGrowEachNucleusIntoItsOwnCellAndSplitTouchingCells() {
        double a = 0.9;
        double c = 0.8; // the shared edge of the two touching cells: a slight dip
        float[] interior = Grids.floats(new double[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, a, a, a, a, a, c, a, a, a, a, a, 0},
                {0, a, a, a, a, a, c, a, a, a, a, a, 0},
                {0, a, a, a, a, a, c, a, a, a, a, a, 0},
                {0, a, a, a, a, a, c, a, a, a, a, a, 0},
                {0, a, a, a, a, a, c, a, a, a, a, a, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
        LabelImage nuclei = LabelImage.ofRows(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
        LabelImage cells = new ActiveContourCytoplasm(new MorphologicalChanVese(10, 0, 1, 1), 0.5)
                .segment(interior, nuclei);
        // The dip is reached first from nucleus 2, which lies nearer to it.
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0},
                {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0},
                {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0},
                {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0},
                {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}}, cells.toRows());
    }

    @Test
    void shouldKeepACellWhoseNucleusWasNotFoundAsThresholdFindsIt() {
        double a = 0.9;
        float[] interior = Grids.floats(new double[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, a, a, a, 0, 0, 0, 0, 0},
                {0, a, a, a, 0, 0, a, a, 0},
                {0, a, a, a, 0, 0, a, a, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}});
        LabelImage nuclei = LabelImage.ofRows(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 1, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}});
        LabelImage cells = new ActiveContourCytoplasm(new MorphologicalChanVese(5, 0, 1, 1), 0.5)
                .segment(interior, nuclei);
        assertArrayEquals(new int[][]{
                {0, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0, 0, 2, 2, 0},
                {0, 1, 1, 1, 0, 0, 2, 2, 0},
                {0, 0, 0, 0, 0, 0, 0, 0, 0}}, cells.toRows());
    }
}
