package org.labscale.imaging.labels;

import org.junit.jupiter.api.Test;
import org.labscale.imaging.ImageRejectedException;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelValidatorTest {

    private final LabelValidator validator = new LabelValidator();

    private ImageRejectedException rejected(int[][] rows, LabelKind kind) {
        LabelImage labels = LabelImage.ofRows(rows);
        return assertThrows(ImageRejectedException.class,
                () -> validator.validate(labels, kind, labels.width(), labels.height()));
    }

    @Test
    void shouldRefuseSizeMismatchNamingBothSizes() {
        LabelImage labels = LabelImage.ofRows(new int[][]{{0, 1, 1}, {0, 1, 1}});
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> validator.validate(labels, LabelKind.INSTANCE_MASK, 1344, 1024));
        assertEquals("mask.size-mismatch", e.code());
        assertEquals("The annotation is 3 x 2 pixels but its image is 1344 x 1024; they must be the same size.",
                e.getMessage());
    }

    @Test
    void shouldCheckSizeFromPlainDimensionsWithTheSameMessage() throws ImageRejectedException {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> LabelValidator.checkSize(3, 2, 1344, 1024));
        assertEquals("mask.size-mismatch", e.code());
        assertEquals("The annotation is 3 x 2 pixels but its image is 1344 x 1024; they must be the same size.",
                e.getMessage());
        LabelValidator.checkSize(1344, 1024, 1344, 1024);
    }

    @Test
    void shouldRefuseAllBackground() {
        for (LabelKind kind : LabelKind.values()) {
            assertEquals("mask.empty", rejected(new int[][]{{0, 0}, {0, 0}}, kind).code());
        }
    }

    @Test
    void shouldRefuseClassMapValueAtTheCap() {
        ImageRejectedException e = rejected(new int[][]{{0, 1, 2}, {0, 16, 2}}, LabelKind.CLASS_MAP);
        assertEquals("mask.too-many-classes", e.code());
        assertTrue(e.getMessage().contains("value 16 at x=1, y=1"), e.getMessage());
    }

    @Test
    void shouldSummariseClassMap() throws ImageRejectedException {
        LabelImage map = LabelImage.ofRows(new int[][]{{0, 1, 2}, {0, 1, 3}});
        LabelSummary s = validator.validate(map, LabelKind.CLASS_MAP, 3, 2);
        assertEquals(List.of(2L, 2L, 1L, 1L), s.classPixelCounts());
        assertEquals(OptionalInt.empty(), s.cellCount());
    }

    @Test
    void shouldRefuseBinaryMaskWithThreeValues() {
        ImageRejectedException e = rejected(new int[][]{{0, 1, 2}, {0, 1, 1}}, LabelKind.BINARY_MASK);
        assertEquals("mask.invalid-values", e.code());
        assertTrue(e.getMessage().contains("[0, 1, 2]"), e.getMessage());
    }

    @Test
    void shouldRefuseBinaryMaskWithoutBackground() {
        assertEquals("mask.invalid-values", rejected(new int[][]{{255, 255}, {255, 255}}, LabelKind.BINARY_MASK)
                .code());
    }

    @Test
    void shouldSplitBinaryMaskIntoCellsAndSummarise() throws ImageRejectedException {
        LabelImage mask = LabelImage.ofRows(new int[][]{
                {255, 255, 255, 0, 0},
                {255, 255, 255, 0, 255},
                {255, 255, 255, 0, 0},
        });
        LabelSummary s = validator.validate(mask, LabelKind.BINARY_MASK, 5, 3);
        assertEquals(OptionalInt.of(2), s.cellCount());
        // Background 5. The 3x3 block touches background only in column x=2 (boundary, 3 px); columns 0-1 touch
        // nothing but the image edge, so they are interior (6 px). The lone pixel at (4,1) is boundary.
        assertEquals(List.of(5L, 4L, 6L), s.classPixelCounts());
    }

    @Test
    void shouldRefuseInstanceMaskThatIsReallyBinary() {
        ImageRejectedException e = rejected(new int[][]{{255, 0, 255}, {255, 0, 255}}, LabelKind.INSTANCE_MASK);
        assertEquals("mask.invalid-values", e.code());
        assertTrue(e.getMessage().contains("BINARY_MASK"), e.getMessage());
    }

    @Test
    void shouldCountInstancesWithGapsInLabels() throws ImageRejectedException {
        LabelImage mask = LabelImage.ofRows(new int[][]{{7, 0, 300}, {7, 0, 300}, {0, 0, 12}});
        LabelSummary s = validator.validate(mask, LabelKind.INSTANCE_MASK, 3, 3);
        assertEquals(OptionalInt.of(3), s.cellCount());
        assertEquals(4, s.pixelsOfClass(0));
        assertEquals(5, s.pixelsOfClass(1));
    }
}
