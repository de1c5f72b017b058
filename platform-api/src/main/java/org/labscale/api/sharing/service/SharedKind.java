package org.labscale.api.sharing.service;

/**
 * The two kinds of versions a lab can share, with the tables that hold their visibility and grants (migration
 * {@code V9__sharing.sql}). Table names are constants of this enum, never caller input.
 */
public enum SharedKind {
    MODEL("model_version", "model_version_grant", "model_version_id", "model"),
    TRAINING_SET("training_set_version", "training_set_version_grant", "training_set_version_id", "training set");

    final String versionTable;
    final String grantTable;
    final String grantColumn;
    /** The resource named in a 404 ({@code details.resource}). */
    public final String resource;

    SharedKind(String versionTable, String grantTable, String grantColumn, String resource) {
        this.versionTable = versionTable;
        this.grantTable = grantTable;
        this.grantColumn = grantColumn;
        this.resource = resource;
    }
}
