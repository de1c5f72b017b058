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
import org.labscale.shared.lab.LabRequest;

/**
 * The "new lab" form. It calls no service: Save fires a {@link SaveEvent} with the trimmed input, Cancel a
 * {@link CancelEvent}; whoever shows the form does the rest and may report a failure with {@link #showError}.
 */
public class LabForm extends FormLayout {

    static final int MAX_NAME = 120;

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final Paragraph error = new Paragraph();
    final Button save = new Button("Create lab");
    final Button cancel = new Button("Cancel");

    public LabForm() {
        setId("lab-form");
        name.setId("lab-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(MAX_NAME);
        name.setWidthFull();
        description.setId("lab-description");
        description.setWidthFull();
        error.setId("lab-form-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        save.setId("lab-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(name);
        save.addClickListener(e -> submit());
        cancel.setId("lab-cancel");
        cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(name, description, error, new HorizontalLayout(save, cancel));
    }

    /** Validates and, if the input is fine, fires a {@link SaveEvent}. */
    void submit() {
        error.setVisible(false);
        String n = name.getValue().strip();
        if (n.isEmpty()) {
            name.setErrorMessage("A lab needs a name.");
            name.setInvalid(true);
            return;
        }
        name.setInvalid(false);
        fireEvent(new SaveEvent(this, new LabRequest(n, null, description.getValue().strip())));
    }

    /** Shows why saving failed (e.g. the API's message), keeping the input. */
    public void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** Empties the form for the next lab. */
    public void clear() {
        name.clear();
        name.setInvalid(false);
        description.clear();
        error.setVisible(false);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }

    /** The user asked to create this lab. */
    public static class SaveEvent extends ComponentEvent<LabForm> {
        private final LabRequest lab;

        SaveEvent(LabForm source, LabRequest lab) {
            super(source, false);
            this.lab = lab;
        }

        public LabRequest lab() {
            return lab;
        }
    }

    /** The user gave up. */
    public static class CancelEvent extends ComponentEvent<LabForm> {
        CancelEvent(LabForm source) {
            super(source, false);
        }
    }
}
