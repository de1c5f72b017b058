package org.labscale.ui.views;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.labscale.shared.project.ProjectRequest;

/**
 * The "new project" form: name, description and comma-separated tags. It calls no service: Save fires a
 * {@link SaveEvent} with a {@link ProjectRequest}, Cancel a {@link CancelEvent}.
 */
public class ProjectForm extends FormLayout {

    static final int MAX_NAME = 120;

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final TextField tags = new TextField("Tags");
    final Paragraph error = new Paragraph();
    final Button save = new Button("Create project");
    final Button cancel = new Button("Cancel");

    public ProjectForm() {
        setId("project-form");
        name.setId("project-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(MAX_NAME);
        description.setId("project-description");
        tags.setId("project-tags");
        tags.setHelperText("Comma-separated, e.g. HeLa, phase-contrast, 20x");
        error.setId("project-form-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        save.setId("project-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(name, tags);
        save.addClickListener(e -> submit());
        cancel.setId("project-cancel");
        cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(name, description, tags, error, new HorizontalLayout(save, cancel));
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
                .filter(t -> seen.add(t.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** Validates and, if the input is fine, fires a {@link SaveEvent}. */
    void submit() {
        error.setVisible(false);
        String n = name.getValue().strip();
        if (n.isEmpty()) {
            name.setErrorMessage("A project needs a name.");
            name.setInvalid(true);
            return;
        }
        name.setInvalid(false);
        fireEvent(new SaveEvent(this, new ProjectRequest(n, description.getValue().strip(), parseTags(tags.getValue()))));
    }

    /** Shows why saving failed (e.g. the API's message), keeping the input. */
    public void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** Empties the form for the next project. */
    public void clear() {
        name.clear();
        name.setInvalid(false);
        description.clear();
        tags.clear();
        error.setVisible(false);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }

    /** The user asked to create this project. */
    public static class SaveEvent extends ComponentEvent<ProjectForm> {
        private final ProjectRequest project;

        SaveEvent(ProjectForm source, ProjectRequest project) {
            super(source, false);
            this.project = project;
        }

        public ProjectRequest project() {
            return project;
        }
    }

    /** The user gave up. */
    public static class CancelEvent extends ComponentEvent<ProjectForm> {
        CancelEvent(ProjectForm source) {
            super(source, false);
        }
    }
}
