package org.labscale.segmentation.score;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.labels.LabelImage;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceScoringTest {

    private static final LabelImage REFERENCE = LabelImage.ofRows(new int[][]{
            {1, 1, 0, 2, 2},
            {1, 1, 0, 2, 2},
            {0, 0, 0, 0, 0},
            {3, 3, 0, 0, 0}});

    @Test
    void shouldScoreEachReferenceCellAgainstItsLargestOverlap() {
        LabelImage segmented = LabelImage.ofRows(new int[][]{
                {1, 1, 0, 2, 0},
                {1, 0, 0, 2, 0},
                {0, 0, 0, 0, 0},
                {0, 0, 0, 0, 4}});
        ImageScores s = InstanceScoring.score(REFERENCE, segmented);
        assertEquals(List.of(new CellScore(1, 1, 0.75, 6.0 / 7), new CellScore(2, 2, 0.5, 4.0 / 6),
                new CellScore(3, 0, 0, 0)), s.cells());
        assertEquals((0.75 + 0.5) / 3, s.meanJaccard(), 1e-12);
        assertEquals((6.0 / 7 + 4.0 / 6) / 3, s.meanDice(), 1e-12);
        // IoU 0.5 exactly is not a match; the lone segmented cell 4 is a false positive.
        assertEquals(1, s.truePositives());
        assertEquals(3, s.segmentedCells());
        assertEquals(1.0 / 3, s.f1(), 1e-12);
        assertEquals(1.0 / 3, s.precision(), 1e-12);
        // SEG: cell 2 is covered by exactly half, which is not more than half.
        assertEquals(0.75 / 3, s.seg(), 1e-12);
    }

    @Test
    void shouldScoreAPerfectSegmentationOneWhateverItsLabelNumbers() {
        LabelImage relabelled = LabelImage.ofRows(new int[][]{
                {7, 7, 0, 5, 5},
                {7, 7, 0, 5, 5},
                {0, 0, 0, 0, 0},
                {9, 9, 0, 0, 0}});
        ImageScores s = InstanceScoring.score(REFERENCE, relabelled);
        assertEquals(1.0, s.meanJaccard());
        assertEquals(1.0, s.meanDice());
        assertEquals(1.0, s.f1());
        assertEquals(1.0, s.seg());
    }

    @Test
    void shouldCountNeighbouringReferencePairsThatOneSegmentedCellCovers() {
        // 1-2 and 2-3 are 2 px apart (neighbours); 3-4 are 4 px apart (not neighbours).
        LabelImage reference = LabelImage.ofRows(new int[][]{
                {1, 1, 0, 2, 2, 0, 3, 3, 0, 0, 0, 4},
                {1, 1, 0, 2, 2, 0, 3, 3, 0, 0, 0, 4}});
        // Segmented 1 covers reference 1 and 2 (merged); segmented 2 covers 3 and 4, which are no neighbours.
        LabelImage segmented = LabelImage.ofRows(new int[][]{
                {1, 1, 1, 1, 1, 0, 2, 2, 2, 2, 2, 2},
                {1, 1, 1, 1, 1, 0, 2, 2, 2, 2, 2, 2}});
        ImageScores s = InstanceScoring.score(reference, segmented);
        assertEquals(2, s.neighbourPairs());
        assertEquals(1, s.mergedPairs());
        assertEquals(0.5, s.mergedPairFraction());
    }

    @Test
    void shouldNotCallAPairMergedWhenTheSegmentedCellCoversOnlyHalfOfOne() {
        LabelImage reference = LabelImage.ofRows(new int[][]{
                {1, 1, 2, 2},
                {1, 1, 2, 2}});
        // Segmented 1 covers all of reference 1 but exactly half of reference 2.
        LabelImage halfCover = LabelImage.ofRows(new int[][]{
                {1, 1, 1, 0},
                {1, 1, 1, 0}});
        ImageScores s = InstanceScoring.score(reference, halfCover);
        assertEquals(1, s.neighbourPairs());
        assertEquals(0, s.mergedPairs());
        assertEquals(0.0, s.mergedPairFraction());
        LabelImage fullCover = LabelImage.ofRows(new int[][]{
                {1, 1, 1, 1},
                {1, 1, 1, 0}});
        assertEquals(1, InstanceScoring.score(reference, fullCover).mergedPairs());
        assertEquals(0.0, InstanceScoring.score(LabelImage.ofRows(new int[][]{{1, 0}}),
                LabelImage.ofRows(new int[][]{{1, 1}})).mergedPairFraction(), "no neighbouring pairs");
    }

    @Test
    void shouldSplitABinaryReferenceIntoItsComponents() {
        LabelImage binary = LabelImage.ofRows(new int[][]{
                {255, 255, 0, 255},
                {0, 0, 0, 255}});
        assertEquals(2, ReferenceCells.of(binary, ReferenceCells.Kind.BINARY_MASK).maxLabel());
        LabelImage classMap = LabelImage.ofRows(new int[][]{
                {1, 2, 1, 0, 3},
                {1, 2, 1, 0, 3}});
        assertEquals(2, ReferenceCells.of(classMap, ReferenceCells.Kind.CLASS_MAP).maxLabel());
        // A one-pixel diagonal boundary separates two interiors; two cell types that touch stay two cells.
        LabelImage diagonal = LabelImage.ofRows(new int[][]{
                {2, 2, 1},
                {2, 1, 2},
                {1, 2, 2},
                {3, 3, 2}});
        assertEquals(LabelImage.ofRows(new int[][]{
                {1, 1, 0},
                {1, 0, 2},
                {0, 2, 2},
                {3, 3, 2}}), ReferenceCells.of(diagonal, ReferenceCells.Kind.CLASS_MAP));
    }

    @Test
    void shouldPoolImagesWeightedByTheirReferenceCells() {
        ImageScores a = InstanceScoring.score(REFERENCE, REFERENCE);
        ImageScores b = InstanceScoring.score(LabelImage.ofRows(new int[][]{{1, 0}}), LabelImage.ofRows(
                new int[][]{{0, 1}}));
        ImageScores pooled = ImageScores.pool(List.of(a, b));
        assertEquals(4, pooled.referenceCells());
        assertEquals(0.75, pooled.meanJaccard(), 1e-12);
        assertEquals(2.0 * 3 / (2 * 3 + 1 + 1), pooled.f1(), 1e-12);
        ImageScores merged = InstanceScoring.score(LabelImage.ofRows(new int[][]{{1, 2, 0, 0, 0, 3}}),
                LabelImage.ofRows(new int[][]{{1, 1, 0, 0, 0, 2}}));
        ImageScores pooledMerged = ImageScores.pool(List.of(a, merged));
        // REFERENCE's three cells are all within 2 px of each other (3 pairs, none merged); the second image merges
        // its one neighbouring pair 1-2.
        assertEquals(4, pooledMerged.neighbourPairs());
        assertEquals(1, pooledMerged.mergedPairs());
        assertEquals(0.25, pooledMerged.mergedPairFraction());
    }
}
