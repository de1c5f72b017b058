package org.labscale.shared.account;

/** A member's role in a lab, from most to least powerful. */
public enum Role {
    /** Manages members, invitations, workers and everything a member can do. */
    OWNER,
    /** Reads and writes the lab's projects, images, annotations and training sets. */
    MEMBER,
    /** Reads only. */
    VIEWER;

    /** Whether this role includes everything {@code other} may do. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
