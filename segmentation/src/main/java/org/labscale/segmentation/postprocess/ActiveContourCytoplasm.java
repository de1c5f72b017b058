package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;

/**
 * Mammalian cytoplasm from nuclear seeds (Van Valen et al. 2016): the union of the nuclei evolves with
 * {@link MorphologicalChanVese} over the cytoplasm net's interior probability, then the grown region is divided among
 * the nuclei by marker-controlled flooding ({@link MeyerFlooding}) downhill in interior probability, so touching cells
 * part where the probability dips (at their shared boundary) and each cell grown from a nucleus holds it alone. The
 * region divided is the contour's and every pixel whose interior probability is above {@code threshold}, so the seeds
 * never cost a cell what a plain threshold of the same map finds: a part that no nucleus reaches (a cell whose
 * nucleus was not found) stays a cell of its own, numbered after the nuclei. Cell i contains nucleus i.
 */
public final class ActiveContourCytoplasm {

    private final MorphologicalChanVese contour;

    private final float threshold;

    /** @param threshold interior probability above which a pixel belongs to some cell */
    public ActiveContourCytoplasm(MorphologicalChanVese contour, double threshold) {
        this.contour = contour;
        this.threshold = (float) threshold;
    }

    /**
     * @param interior the cytoplasm net's interior probability, {@code width x height}
     * @param nuclei   nuclear labels of the same size (0 background)
     */
    public LabelImage segment(float[] interior, LabelImage nuclei) {
        int width = nuclei.width();
        int height = nuclei.height();
        Labels.checkSize(width, height, interior.length, "the interior map");
        int[] labels = nuclei.toArray();
        boolean[] seeds = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            seeds[i] = labels[i] != 0;
        }
        boolean[] grown = contour.evolve(interior, seeds, width, height);
        float[] elevation = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            grown[i] |= seeds[i] || interior[i] > threshold;
            elevation[i] = -interior[i];
        }
        MeyerFlooding.flood(elevation, labels, grown, width, height);
        int[] unreached = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            unreached[i] = grown[i] && labels[i] == 0 ? 1 : 0;
        }
        int[] extra = ConnectedComponentLabeling.label(LabelImage.of(width, height, unreached), Connectivity.EIGHT)
                .toArray();
        int offset = nuclei.maxLabel();
        for (int i = 0; i < labels.length; i++) {
            if (extra[i] != 0) {
                labels[i] = offset + extra[i];
            }
        }
        return LabelImage.of(width, height, labels);
    }
}
