package org.labscale.ui.views;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;

/** The project form, new or edited: name, description and comma-separated tags (see {@link CreateForm}). */
public class ProjectForm extends CreateForm<ProjectRequest> {

    final TextField tags = new TextField("Tags");

    public ProjectForm() {
        super("project", "project");
        tags.setId("project-tags");
        tags.setHelperText("Comma-separated, e.g. HeLa, phase-contrast, 20x");
        save.addClickShortcut(Key.ENTER).listenOn(tags);
        layout(tags);
    }

    /**
     * Splits a comma-separated tag line: trims each tag, drops empty ones and repeats (first spelling wins,
     * compared case-insensitively), keeps the order typed.
     */
    static List<String> parseTags(String line) {
        if (line == null || line.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        return Arrays.stream(line.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .filter(t -> seen.add(t.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Fills the form with {@code project} for editing; Save then fires its changed request. */
    public void fill(ProjectDto project) {
        name.setValue(project.name());
        description.setValue(project.description() == null ? "" : project.description());
        tags.setValue(project.tags() == null ? "" : String.join(", ", project.tags()));
        save.setText("Save changes");
    }

    @Override
    protected ProjectRequest request(String name, String description) {
        return new ProjectRequest(name, description, parseTags(tags.getValue()));
    }

    @Override
    protected void clearExtra() {
        tags.clear();
        save.setText("Create project");
    }
}
