package org.labscale.shared.sharing;

/**
 * Who may see and use a model version or training-set version besides its own lab: nobody ({@code PRIVATE}), the labs
 * holding a grant ({@code SHARED}: a private version with grants), or every signed-in user ({@code PUBLIC}).
 */
public enum Visibility {
    PRIVATE, SHARED, PUBLIC
}
