package org.labscale.ui.views.trainingset;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.trainingset.TrainingItemRequest;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.LoginView;

/**
 * The dialog that freezes a training-set version: a new set's name (or the set it adds a version to), a project, its
 * annotated images (an image without annotations cannot be ticked; each shows the annotation and version it
 * contributes), the role of each channel (prefilled from the images' channel names) and notes. Nothing is created
 * until "Freeze", and a refused version leaves no new set behind ({@link TrainingService#freeze}); the API's sentence
 * appears next to the field it names. Fires {@link Frozen}.
 */
public class VersionBuilder extends Dialog {

    /** The roles offered for a channel; any other word may be typed. */
    static final List<String> ROLES = List.of("nuclear", "phase", "cytoplasm", "membrane", "brightfield");
    /** Images listed from one project (the API's largest page). */
    static final int MAX_IMAGES = 200;

    /** A version was frozen. */
    public static class Frozen extends ComponentEvent<VersionBuilder> {
        private final TrainingSetVersionDto version;

        Frozen(VersionBuilder source, TrainingSetVersionDto version) {
            super(source, false);
            this.version = version;
        }

        public TrainingSetVersionDto version() {
            return version;
        }
    }

    /** One image of the picked project with its annotations. */
    record Row(ImageDto image, List<AnnotationDto> annotations) {
        boolean annotated() {
            return !annotations.isEmpty();
        }
    }

    private final LabscaleService service;
    private final TrainingService training;
    private final UUID labId;
    private final TrainingSetDto existing;

    final TextField name = new TextField("Name");
    final TextField description = new TextField("Description");
    final Select<ProjectDto> project = new Select<>();
    final Grid<Row> images = new Grid<>();
    final Div itemsError = new Div();
    final HorizontalLayout roles = new HorizontalLayout();
    final List<ComboBox<String>> roleFields = new ArrayList<>();
    final TextField notes = new TextField("Notes");
    final Div error = new Div();
    final Button freeze = new Button("Freeze version");
    private final Map<UUID, Checkbox> ticks = new LinkedHashMap<>();
    private final Map<UUID, Select<AnnotationDto>> chosen = new LinkedHashMap<>();
    private List<Row> rows = List.of();

    /**
     * @param existing the set to add a version to, or null to create a new set with the version
     */
    public VersionBuilder(LabscaleService service, TrainingService training, UUID labId, TrainingSetDto existing) {
        this.service = service;
        this.training = training;
        this.labId = labId;
        this.existing = existing;
        setId("version-builder");
        setHeaderTitle(existing == null ? "New training set" : "New version of " + existing.name());
        setWidth("min(64rem, 96vw)");

        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        name.setId("set-name");
        name.setWidthFull();
        description.setId("set-description");
        description.setWidthFull();
        if (existing == null) {
            body.add(new HorizontalLayout(name, description));
        }
        project.setId("set-project");
        project.setLabel("Project");
        project.setItemLabelGenerator(ProjectDto::name);
        project.setWidth("24rem");
        project.addValueChangeListener(e -> showImages(e.getValue()));
        Paragraph hint = new Paragraph("Tick the annotated images to learn from; an image without an annotation cannot"
                + " be ticked. The annotation's newest version is frozen unless you pick another.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0")
                .set("font-size", "var(--lumo-font-size-s)");
        images.setId("set-images");
        images.setHeight("18rem");
        images.addComponentColumn(this::tick).setHeader("").setWidth("4.5rem").setFlexGrow(0);
        images.addColumn(r -> r.image().name()).setHeader("Image").setAutoWidth(true).setFlexGrow(1);
        images.addColumn(r -> String.join(", ", r.image().channelNames() == null ? List.of()
                : r.image().channelNames())).setHeader("Channels").setAutoWidth(true);
        images.addComponentColumn(this::annotationPicker).setHeader("Annotation (version)").setFlexGrow(2);
        itemsError.setId("set-items-error");
        itemsError.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        roles.setId("set-roles");
        roles.setWrap(true);
        notes.setId("set-notes");
        notes.setWidthFull();
        error.setId("set-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        body.add(project, hint, images, itemsError, new Span("Channel roles (what each channel shows):"), roles, notes,
                error);
        add(body);

        freeze.setId("set-freeze");
        freeze.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        freeze.addClickListener(e -> freeze());
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("set-cancel");
        getFooter().add(cancel, freeze);
    }

    /** Fills the project list; opens the dialog. */
    public void start() {
        call(() -> service.projects(labId)).ifPresent(list -> {
            project.setItems(list);
            if (list.size() == 1) {
                project.setValue(list.get(0));
            }
        });
        open();
    }

    public Registration addFrozenListener(ComponentEventListener<Frozen> listener) {
        return addListener(Frozen.class, listener);
    }

    private void showImages(ProjectDto p) {
        ticks.clear();
        chosen.clear();
        rows = List.of();
        if (p != null) {
            rows = call(() -> service.imagePage(p.id(), 0, MAX_IMAGES).items().stream()
                    .map(i -> new Row(i, service.annotations(i.id()))).toList()).orElse(List.of());
        }
        images.setItems(rows);
        showRoles();
    }

    private Checkbox tick(Row row) {
        Checkbox box = ticks.computeIfAbsent(row.image().id(), id -> {
            Checkbox c = new Checkbox();
            c.setEnabled(row.annotated());
            c.getElement().setAttribute("data-image", row.image().name());
            c.setAriaLabel(row.image().name());
            c.addValueChangeListener(e -> showRoles());
            return c;
        });
        return box;
    }

    private Select<AnnotationDto> annotationPicker(Row row) {
        return chosen.computeIfAbsent(row.image().id(), id -> {
            Select<AnnotationDto> s = new Select<>();
            s.setWidthFull();
            s.addClassName("set-annotation");
            s.getElement().setAttribute("data-image", row.image().name());
            s.addValueChangeListener(e -> s.getElement().setAttribute("data-label",
                    e.getValue() == null ? "" : annotationLabel(e.getValue())));
            if (!row.annotated()) {
                s.setPlaceholder("no annotation");
                s.setEnabled(false);
                return s;
            }
            s.setItemLabelGenerator(VersionBuilder::annotationLabel);
            s.setItems(row.annotations());
            s.setValue(row.annotations().get(0));
            return s;
        });
    }

    /** "cells v2 · instance mask · 172 cells". */
    static String annotationLabel(AnnotationDto a) {
        String kind = a.kind() == null ? "" : a.kind().name().toLowerCase().replace('_', ' ');
        String cells = a.latest() == null || a.latest().cellCount() == 0 ? "" : " \u00b7 " + a.latest().cellCount()
                + " cells";
        return a.name() + " v" + a.latestVersion() + " \u00b7 " + kind + cells;
    }

    /** The ticked images, in gallery order. */
    List<Row> picked() {
        return rows.stream().filter(r -> ticks.containsKey(r.image().id()) && ticks.get(r.image().id()).getValue())
                .toList();
    }

    private void showRoles() {
        List<String> before = roleFields.stream().map(ComboBox::getValue).toList();
        roles.removeAll();
        roleFields.clear();
        List<ImageDto> picked = picked().stream().map(Row::image).toList();
        List<String> prefill = prefill(picked.isEmpty() ? rows.stream().map(Row::image).toList() : picked);
        for (int c = 0; c < prefill.size(); c++) {
            ComboBox<String> role = new ComboBox<>("Channel " + c);
            role.setId("set-role-" + c);
            role.setItems(ROLES);
            role.setAllowCustomValue(true);
            role.addCustomValueSetListener(e -> e.getSource().setValue(e.getDetail()));
            role.setWidth("12rem");
            String value = c < before.size() && before.get(c) != null ? before.get(c) : prefill.get(c);
            if (value != null && !value.isBlank()) {
                if (!ROLES.contains(value)) {
                    List<String> items = new ArrayList<>(ROLES);
                    items.add(value);
                    role.setItems(items);
                }
                role.setValue(value);
            }
            roleFields.add(role);
            roles.add(role);
        }
    }

    /**
     * One role per channel of the widest image: the first image's name for that channel that is not a placeholder
     * ({@code channel-N}), else blank (the API then takes the image's own channel name).
     */
    static List<String> prefill(List<ImageDto> images) {
        int channels = images.stream().mapToInt(ImageDto::channels).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            String role = null;
            for (ImageDto i : images) {
                List<String> names = i.channelNames() == null ? List.of() : i.channelNames();
                if (c < names.size() && names.get(c) != null && !names.get(c).matches("channel-\\d+")) {
                    role = names.get(c).strip().toLowerCase();
                    break;
                }
            }
            out.add(role);
        }
        return out;
    }

    /** The version to freeze: each ticked image with its chosen annotation version and the roles of its channels. */
    TrainingSetVersionRequest request() {
        List<TrainingItemRequest> items = new ArrayList<>();
        for (Row r : picked()) {
            AnnotationDto a = chosen.get(r.image().id()) == null ? r.annotations().get(0)
                    : Optional.ofNullable(chosen.get(r.image().id()).getValue()).orElse(r.annotations().get(0));
            Map<String, String> byChannel = new LinkedHashMap<>();
            for (int c = 0; c < r.image().channels() && c < roleFields.size(); c++) {
                String role = roleFields.get(c).getValue();
                if (role != null && !role.isBlank()) {
                    byChannel.put(Integer.toString(c), role.strip());
                }
            }
            items.add(new TrainingItemRequest(r.image().id(), a.id(), a.latestVersion(),
                    byChannel.isEmpty() ? null : byChannel));
        }
        String n = notes.getValue() == null || notes.getValue().isBlank() ? null : notes.getValue().strip();
        return new TrainingSetVersionRequest(n, items);
    }

    private void freeze() {
        clearErrors();
        if (picked().isEmpty()) {
            itemsError.setText("Tick at least one annotated image.");
            return;
        }
        TrainingSetRequest create = existing != null ? null : new TrainingSetRequest(name.getValue().strip(),
                description.getValue().isBlank() ? null : description.getValue().strip(), null);
        try {
            TrainingSetVersionDto version = training.freeze(labId, existing, create, request());
            close();
            fireEvent(new Frozen(this, version));
        } catch (NotSignedInException e) {
            signIn();
        } catch (ApiErrorException e) {
            showError(e);
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
    }

    /** The API's sentence next to the field its {@code details.field} names, else under the form. */
    void showError(ApiErrorException e) {
        String field = String.valueOf(e.details().getOrDefault("field", ""));
        if (field.equals("name")) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        } else if (field.equals("description")) {
            description.setErrorMessage(e.getMessage());
            description.setInvalid(true);
        } else if (field.equals("notes")) {
            notes.setErrorMessage(e.getMessage());
            notes.setInvalid(true);
        } else if (field.contains("channelRoles")) {
            roleFields.forEach(r -> r.setInvalid(true));
            error.setText(e.getMessage());
        } else if (field.startsWith("items")) {
            itemsError.setText(e.getMessage());
        } else {
            error.setText(e.getMessage());
        }
    }

    private void clearErrors() {
        name.setInvalid(false);
        description.setInvalid(false);
        notes.setInvalid(false);
        roleFields.forEach(r -> r.setInvalid(false));
        itemsError.setText("");
        error.setText("");
    }

    private <T> Optional<T> call(java.util.function.Supplier<T> action) {
        try {
            return Optional.ofNullable(action.get());
        } catch (NotSignedInException e) {
            signIn();
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
        return Optional.empty();
    }

    private void signIn() {
        close();
        getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
    }
}
