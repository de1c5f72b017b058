package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;

/**
 * Mammalian cytoplasm from nuclear seeds (Van Valen et al. 2016): the union of the nuclei evolves with
 * {@link MorphologicalChanVese} over the cytoplasm net's interior probability, then the grown region is divided among
 * the nuclei by marker-controlled flooding ({@link MeyerFlooding}) downhill in interior probability, so touching cells
 * part where the probability dips (at their shared boundary) and every cell holds exactly one nucleus. Each nucleus
 * stays inside its own cell; grown pixels that no nucleus reaches (a blob without a nucleus) are dropped. Cell labels
 * are the nuclear labels, so cell i contains nucleus i.
 */
public final class ActiveContourCytoplasm {

    private final MorphologicalChanVese contour;

    public ActiveContourCytoplasm(MorphologicalChanVese contour) {
        this.contour = contour;
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
            grown[i] |= seeds[i];
            elevation[i] = -interior[i];
        }
        MeyerFlooding.flood(elevation, labels, grown, width, height);
        return LabelImage.of(width, height, labels);
    }
}
