package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

import java.util.Objects;

/**
 * Runs a job's {@link PostProcessing} settings: the chosen method on the interior probability (the sum of the interior
 * classes, so semantic nets segment all cell types together); for the threshold, adaptive-threshold and watershed
 * methods each cell then grows back over its boundary ring ({@link BoundaryRegrowth}, {@code regrowth} steps); then
 * hole filling and the {@link CellFilter} (area limits, mean interior probability). Labels come out 1..N in raster
 * order.
 */
public final class PostProcessor {

    private final PostProcessing settings;

    public PostProcessor(PostProcessing settings) {
        this.settings = Objects.requireNonNull(settings, "settings").withDefaults();
        if (!this.settings.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", this.settings.problems()));
        }
    }

    /** Cells of a threshold, adaptive-threshold or watershed method. */
    public LabelImage cells(ProbabilityMaps maps) {
        return filter(unfiltered(maps), maps.interior());
    }

    /**
     * {@link #cells} before the {@link CellFilter}: holes filled, every object kept. With {@link #filter} it lets a
     * caller try several filters on one segmentation.
     */
    public LabelImage unfiltered(ProbabilityMaps maps) {
        float[] interior = maps.interior();
        int w = maps.width();
        int h = maps.height();
        LabelImage raw = switch (settings.method()) {
            case THRESHOLD -> new InteriorThreshold(settings.threshold()).segment(interior, w, h);
            case ADAPTIVE_THRESHOLD -> new AdaptiveThreshold(settings.adaptiveWindow(), settings.adaptiveOffset(),
                    settings.minProbability()).segment(interior, w, h);
            case WATERSHED -> new SeededWatershed(settings.threshold(), settings.seedThreshold())
                    .segment(interior, w, h);
            case ACTIVE_CONTOURS -> throw new IllegalStateException(
                    "ACTIVE_CONTOURS needs nuclear seeds: call cytoplasm(maps, nuclei)");
        };
        return fillHoles(new BoundaryRegrowth(settings.regrowth()).grow(raw, maps));
    }

    /**
     * Nuclei for the seeds of ACTIVE_CONTOURS: the nuclear model's maps thresholded at the settings' threshold, holes
     * filled, at least {@code minArea} pixels (no upper limit: a nucleus is smaller than its cell).
     */
    public LabelImage nuclei(ProbabilityMaps nuclearMaps) {
        LabelImage raw = new InteriorThreshold(settings.threshold())
                .segment(nuclearMaps.interior(), nuclearMaps.width(), nuclearMaps.height());
        return CellFilter.sizes(settings.minArea(), Integer.MAX_VALUE).apply(HoleFilling.fill(raw));
    }

    /**
     * Cytoplasm (ACTIVE_CONTOURS) grown from {@code nuclei} over the cytoplasm model's maps, then grown over the
     * boundary pixels as the other methods are ({@link BoundaryRegrowth}).
     */
    public LabelImage cytoplasm(ProbabilityMaps maps, LabelImage nuclei) {
        return filter(unfilteredCytoplasm(maps, nuclei), maps.interior());
    }

    /**
     * {@link #cytoplasm} before the {@link CellFilter}, as {@link #unfiltered} is for the other methods: lets a
     * caller try several filters on one contour evolution.
     */
    public LabelImage unfilteredCytoplasm(ProbabilityMaps maps, LabelImage nuclei) {
        if (settings.method() != PostProcessingMethod.ACTIVE_CONTOURS) {
            throw new IllegalStateException("cytoplasm() is for ACTIVE_CONTOURS, not " + settings.method());
        }
        MorphologicalChanVese contour = new MorphologicalChanVese(settings.iterations(), settings.smoothing(), 1.0,
                settings.lambda());
        LabelImage cells = new ActiveContourCytoplasm(contour, settings.threshold()).segment(maps.interior(), nuclei);
        return fillHoles(new BoundaryRegrowth(settings.regrowth()).grow(cells, maps));
    }

    public PostProcessing settings() {
        return settings;
    }

    /** The settings' {@link CellFilter} on {@code cells}, whose interior probabilities are {@code interior}. */
    public LabelImage filter(LabelImage cells, float[] interior) {
        return new CellFilter(settings.minArea(), settings.maxArea() == null ? Integer.MAX_VALUE : settings.maxArea(),
                settings.minCellProbability() == null ? 0 : settings.minCellProbability()).apply(cells, interior);
    }

    private LabelImage fillHoles(LabelImage raw) {
        return settings.fillHoles() ? HoleFilling.fill(raw) : raw;
    }
}
