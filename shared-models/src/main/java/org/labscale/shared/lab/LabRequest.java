package org.labscale.shared.lab;

/** Creates or updates a lab; null fields are left as they are on update. */
public record LabRequest(String name, String slug, String description) {
}
