package org.labscale.training.validate;

import java.util.List;
import java.util.Optional;

import org.labscale.training.data.TrainingImage;

/**
 * The paper's rule that a net's receptive field should be about one cell diameter (Van Valen et al. 2016): measures
 * the annotated cells of the training images ({@link ClassMapCells}: each interior component grown back over its
 * boundary ring) and warns when the receptive field {@code r} is far from their median equivalent diameter
 * {@code d = 2 sqrt(area / pi)}: {@code r < } {@value #MIN_RATIO}{@code  d} (a patch sees only part of a cell) or
 * {@code r > } {@value #MAX_RATIO}{@code  d} (a patch sees many cells; slower and often less exact).
 */
public final class CellSizeCheck {

    /** Below this many receptive fields per median diameter the check warns. */
    public static final double MIN_RATIO = 0.5;
    /** Above this many receptive fields per median diameter the check warns. */
    public static final double MAX_RATIO = 3.0;

    /**
     * @param cells          annotated cells measured
     * @param medianDiameter median equivalent diameter in pixels (0 without cells)
     * @param ratio          receptive field / median diameter (0 without cells)
     * @param warning        the warning, when the ratio is outside {@value #MIN_RATIO} to {@value #MAX_RATIO}
     */
    public record Result(int cells, double medianDiameter, double ratio, Optional<String> warning) {
    }

    private CellSizeCheck() {
    }

    /** Measures the cells of {@code images} against a net of receptive field {@code receptiveField} pixels. */
    public static Result check(List<TrainingImage> images, int receptiveField) {
        return check(CellAreas.of(images), receptiveField);
    }

    /** Checks the annotated cells' {@code areas} against a net of receptive field {@code receptiveField} pixels. */
    public static Result check(CellAreas areas, int receptiveField) {
        if (areas.count() == 0) {
            return new Result(0, 0, 0, Optional.empty());
        }
        double median = areas.medianDiameter();
        double ratio = receptiveField / median;
        Optional<String> warning = Optional.empty();
        if (ratio < MIN_RATIO || ratio > MAX_RATIO) {
            warning = Optional.of(String.format(java.util.Locale.ROOT, "The net's receptive field (%d px) is %.2f"
                    + " times the median diameter of the %d annotated cells (%.1f px); the paper sizes it to about one"
                    + " cell diameter, and below %.1fx or above %.1fx it is far off: %s", receptiveField, ratio,
                    areas.count(), median, MIN_RATIO, MAX_RATIO, ratio < MIN_RATIO
                    ? "a patch sees only part of a cell; choose a net with a larger receptive field or downscale"
                    + " the images."
                    : "a patch sees many cells; choose a net with a smaller receptive field (e.g. bacteria-net for"
                    + " cells a few pixels wide) or upscale the images."));
        }
        return new Result(areas.count(), median, ratio, warning);
    }
}
