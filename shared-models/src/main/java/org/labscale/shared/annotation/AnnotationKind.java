package org.labscale.shared.annotation;

/** What the pixel values of a label image mean. */
public enum AnnotationKind {
    /** 0 background, 1 boundary, 2 interior, 3.. further interior classes (cell types). */
    CLASS_MAP,
    /** 0 background, 1..N one integer per cell. */
    INSTANCE_MASK,
    /** 0 background, one non-zero value for cells; cells are split by connected components. */
    BINARY_MASK
}
