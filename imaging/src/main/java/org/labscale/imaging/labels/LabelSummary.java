package org.labscale.imaging.labels;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What an accepted annotation contains, for display and for sampling decisions.
 *
 * @param kind              the declared kind
 * @param width             columns
 * @param height            rows
 * @param cellCount         cells in an instance mask (distinct non-zero labels) or binary mask (connected
 *                          components); empty for class maps
 * @param classPixelCounts  pixels per class of the class map training uses, indexed by class (0 background,
 *                          1 boundary, 2.. interior): the map itself for CLASS_MAP, the derived 3-class map
 *                          ({@link BoundaryInteriorMap}, 8-neighbourhood) for instance and binary masks
 */
public record LabelSummary(LabelKind kind, int width, int height, OptionalInt cellCount,
                           List<Long> classPixelCounts) {

    public LabelSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cellCount, "cellCount");
        classPixelCounts = List.copyOf(classPixelCounts);
    }

    /** Pixels of class {@code c} (0 if the class does not occur). */
    public long pixelsOfClass(int c) {
        return c < classPixelCounts.size() ? classPixelCounts.get(c) : 0;
    }
}
