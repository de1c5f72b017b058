package org.labscale.shared.trainingset;

/** Who may see a training set or model. */
public enum Visibility {
    /** Only the owning lab's members. */
    PRIVATE
}
