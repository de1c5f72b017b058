package org.labscale.ui.api;

import java.util.List;

/** Body of {@code POST /api/v1/labs/{labId}/projects}. */
public record NewProject(String name, String description, List<String> tags) {

    public NewProject {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
