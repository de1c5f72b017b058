package org.labscale.tracking.link;

/** A per-spot measurement that a linking cost may penalise differences in. */
public enum Feature {
    /** Area in pixels. */
    AREA,
    /** Mean intensity of the image under the spot. */
    MEAN_INTENSITY
}
