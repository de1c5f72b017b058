package org.labscale.imaging.labels;

/** What the integer values of an uploaded annotation mean (Van Valen et al. 2016 accept all three). */
public enum LabelKind {
    /**
     * Per-pixel classes: 0 background, 1 cell boundary, 2 cell interior, 3.. further interior classes (one per cell
     * type in co-cultures).
     */
    CLASS_MAP,
    /** Instance labels: 0 background, every cell its own positive integer (gaps allowed). */
    INSTANCE_MASK,
    /** Foreground/background: exactly two values, 0 and one non-zero value (often 1 or 255). */
    BINARY_MASK
}
