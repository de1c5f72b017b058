package org.labscale.ui.api;

/** A user's role in one lab. Viewers may read but not create projects. */
public enum LabRole {
    OWNER, MEMBER, VIEWER;

    /** Whether this role may create and change projects in the lab. */
    public boolean canEditProjects() {
        return this == OWNER || this == MEMBER;
    }

    /** A label for people: "Owner", "Member", "Viewer". */
    public String label() {
        String n = name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
