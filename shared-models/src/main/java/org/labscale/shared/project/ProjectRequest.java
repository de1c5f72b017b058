package org.labscale.shared.project;

import java.util.List;

/** Creates or updates a project; null fields are left as they are on update. */
public record ProjectRequest(String name, String description, List<String> tags) {
}
