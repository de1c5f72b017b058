package org.labscale.bioimageio.run;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.postprocess.DistanceTransformWatershed;
import org.labscale.segmentation.postprocess.HoleFilling;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.shared.segmentation.PostProcessing;

/**
 * Cells from an imported model's output planes. One foreground channel: {@link DistanceTransformWatershed} at the
 * job's threshold (default 0.5) with markers {@value #H} px prominent, then holes filled and the size filter, as
 * every Labscale segmentation ends. Three classes: the job's {@link PostProcessor}, as for a Labscale model.
 */
public final class ImportedCells {

    /** The least prominence of a distance maximum that makes its own cell, in pixels. */
    public static final double H = 2.0;

    private ImportedCells() {
    }

    /** The output planes as maps Labscale's post-processing reads: a foreground becomes background + interior. */
    public static ProbabilityMaps maps(RunSpec spec, float[][] planes, int width, int height) {
        if (!spec.foregroundOnly()) {
            return new ProbabilityMaps(width, height, spec.classes(), planes);
        }
        float[] background = new float[planes[0].length];
        for (int i = 0; i < background.length; i++) {
            background[i] = 1f - planes[0][i];
        }
        return new ProbabilityMaps(width, height, java.util.List.of(ProbabilityMaps.BACKGROUND,
                ProbabilityMaps.INTERIOR), new float[][] {background, planes[0]});
    }

    public static LabelImage cells(RunSpec spec, float[][] planes, int width, int height, PostProcessing settings) {
        PostProcessing s = (settings == null ? PostProcessing.defaults() : settings).withDefaults();
        if (!spec.foregroundOnly()) {
            return new PostProcessor(s).cells(new ProbabilityMaps(width, height, spec.classes(), planes));
        }
        LabelImage cells = new DistanceTransformWatershed(s.threshold(), H).segment(planes[0], width, height);
        if (s.fillHoles()) {
            cells = HoleFilling.fill(cells);
        }
        return new PostProcessor(s).filter(cells, planes[0]); // area limits, and mean foreground probability if set
    }
}
