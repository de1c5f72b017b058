package org.labscale.ui.views;

import com.vaadin.flow.component.Component;
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

/**
 * A "new thing" form with a required name and a description. It calls no service: Save fires a {@link SaveEvent}
 * with the request built from the trimmed input, Cancel a {@link CancelEvent}; whoever shows the form does the rest
 * and may report a failure with {@link #showError}. Subclasses add their own fields and build the request.
 *
 * @param <R> the API request the form produces
 */
public abstract class CreateForm<R> extends FormLayout {

    static final int MAX_NAME = 120;

    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final Paragraph error = new Paragraph();
    final Button save;
    final Button cancel = new Button("Cancel");
    private final String noun;

    /**
     * @param idPrefix prefix of the element ids browser tests find ({@code <prefix>-form}, {@code <prefix>-name}, ...)
     * @param noun     what is created, for the button and the messages ("lab", "project")
     */
    protected CreateForm(String idPrefix, String noun) {
        this.noun = noun;
        this.save = new Button("Create " + noun);
        setId(idPrefix + "-form");
        name.setId(idPrefix + "-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(MAX_NAME);
        name.setWidthFull();
        description.setId(idPrefix + "-description");
        description.setWidthFull();
        error.setId(idPrefix + "-form-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        save.setId(idPrefix + "-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(name);
        save.addClickListener(e -> submit());
        cancel.setId(idPrefix + "-cancel");
        cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
        setResponsiveSteps(new ResponsiveStep("0", 1));
    }

    /** Lays out name, description, then {@code extra} fields, the error line and the buttons. */
    protected void layout(Component... extra) {
        add(name, description);
        add(extra);
        add(error, new HorizontalLayout(save, cancel));
    }

    /** The request for a validated, trimmed name and description. */
    protected abstract R request(String name, String description);

    /** Empties the subclass's own fields. */
    protected void clearExtra() {
    }

    /** Validates and, if the input is fine, fires a {@link SaveEvent}. */
    void submit() {
        error.setVisible(false);
        String n = name.getValue().strip();
        if (n.isEmpty()) {
            name.setErrorMessage("A " + noun + " needs a name.");
            name.setInvalid(true);
            return;
        }
        name.setInvalid(false);
        fireEvent(new SaveEvent<>(this, request(n, description.getValue().strip())));
    }

    /** Shows why saving failed (e.g. the API's message), keeping the input. */
    public void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** Empties the form for the next one. */
    public void clear() {
        name.clear();
        name.setInvalid(false);
        description.clear();
        clearExtra();
        error.setVisible(false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Registration addSaveListener(ComponentEventListener<SaveEvent<R>> listener) {
        return addListener(SaveEvent.class, (ComponentEventListener) listener);
    }

    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }

    /** The user asked to create what the request describes. */
    public static class SaveEvent<R> extends ComponentEvent<CreateForm<R>> {
        private final R request;

        SaveEvent(CreateForm<R> source, R request) {
            super(source, false);
            this.request = request;
        }

        public R request() {
            return request;
        }
    }

    /** The user gave up. */
    public static class CancelEvent extends ComponentEvent<CreateForm<?>> {
        CancelEvent(CreateForm<?> source) {
            super(source, false);
        }
    }
}
