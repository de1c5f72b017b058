package org.labscale.shared.segmentation;

/** How a segmentation job turns the ensemble's interior probability into cells (METHOD.md, "Turning probabilities into cells"). */
public enum PostProcessingMethod {
    /** Global threshold of the interior probability, then connected components (bacteria 0.6, nuclei 0.5-0.75). */
    THRESHOLD,
    /** Local (adaptive) threshold of the interior probability, for very dim nuclei. */
    ADAPTIVE_THRESHOLD,
    /** Seeded watershed on the interior probability: high-confidence cores become seeds that split touching cells. */
    WATERSHED,
    /** Cytoplasm: nuclei from a nuclear model seed morphological active contours guided by the interior probability. */
    ACTIVE_CONTOURS
}
