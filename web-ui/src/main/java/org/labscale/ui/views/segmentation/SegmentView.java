package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.service.SegmentationService;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.service.SegmentationService.ModelChoice;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

import static org.labscale.ui.views.segmentation.ModelJobForm.errorStyle;
import static org.labscale.ui.views.segmentation.ModelJobForm.section;

/**
 * {@code /labs/:labId/segment[?modelVersion=]}: segment images with a model version of the lab. Pick the version
 * ({@code modelVersion} preselects one: a version's id, or {@code <modelId>:<n>}), the images (some of a project, a
 * whole project, or a training-set version's images), how the images' channels feed the model's inputs, and the
 * post-processing (prefilled with the version's recommendation). The API's refusal is shown next to its cause;
 * "Cancel" leaves without creating anything, "Segment" opens the job's result page.
 */
@Route(value = "labs/:labId/segment", layout = MainLayout.class)
public class SegmentView extends LabPage {

    static final String SOME = "Some images of a project";
    static final String PROJECT = "A whole project";
    static final String TRAINING_SET = "A training set's images";

    private final SegmentationService segmentation;
    private final ZooService zoo;
    final ModelJobForm form = new ModelJobForm("segment");
    final Select<ModelChoice> model = form.model();
    final Span card = new Span();
    final RadioButtonGroup<String> source = new RadioButtonGroup<>();
    final Select<ProjectDto> project = new Select<>();
    final CheckboxGroup<ImageDto> images = new CheckboxGroup<>();
    final Select<TrainingSetDto> trainingSet = new Select<>();
    final Select<TrainingSetVersionDto> trainingSetVersion = new Select<>();
    final Button selectAll = new Button("All of them");
    final Span imagesError = new Span();
    final VerticalLayout channels = new VerticalLayout();
    final Span channelsError = new Span();
    final Map<String, Select<Integer>> roles = new LinkedHashMap<>();
    final Select<ModelChoice> nuclearModel = new Select<>();
    final PostProcessingForm postProcessing = form.postProcessing();
    private List<ImageDto> projectImages = List.of();

    public SegmentView(SegmentationService segmentation, ZooService zoo) {
        super(segmentation.session());
        this.segmentation = segmentation;
        this.zoo = zoo;
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        crumb("Jobs", "labs/" + lab.id() + "/jobs");
        crumb("Segment images", null);
        title("Segment images");
        H2 heading = new H2("Segment images");
        heading.getStyle().set("margin", "0");
        add(heading);
        if (!canEdit()) {
            Paragraph hint = new Paragraph("Viewers of a lab cannot start jobs; ask an owner for the member role.");
            hint.setId("read-only-hint");
            add(hint);
            return;
        }
        String wanted = event.getLocation().getQueryParameters().getSingleParameter("modelVersion").orElse(null);
        List<ModelChoice> choices = zoo.withVisible(segmentation.modelVersions(lab.id()), wanted);
        add(modelSection(choices), imageSection(), channelSection(), postSection(choices), buttons());
        setMaxWidth("64rem");
        preselect(choices, wanted);
    }

    private VerticalLayout modelSection(List<ModelChoice> choices) {
        form.modelPicker(choices, "The lab's trained models, newest version first.");
        model.addValueChangeListener(e -> modelChosen(e.getValue()));
        card.setId("segment-model-card");
        card.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        return section("Model", model, card);
    }

    private VerticalLayout imageSection() {
        source.setId("segment-source");
        source.setItems(SOME, PROJECT, TRAINING_SET);
        source.setValue(SOME);
        source.addValueChangeListener(e -> showSource());
        project.setId("segment-project");
        project.setLabel("Project");
        project.setItems(service.projects(lab.id()));
        project.setItemLabelGenerator(p -> p.name() + " \u00b7 " + p.imageCount() + " image(s)");
        project.setWidth("28rem");
        project.addValueChangeListener(e -> projectChosen(e.getValue()));
        images.setId("segment-images");
        images.setLabel("Images");
        images.setItemLabelGenerator(i -> i.name() + " (" + i.width() + " \u00d7 " + i.height() + ", " + i.channels()
                + " channel(s))");
        images.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        images.addValueChangeListener(e -> showChannelRoles());
        images.getStyle().set("max-height", "16rem").set("overflow-y", "auto");
        selectAll.addClickListener(e -> images.setValue(new java.util.HashSet<>(projectImages)));
        selectAll.setId("segment-images-all");
        selectAll.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        trainingSet.setId("segment-training-set");
        trainingSet.setLabel("Training set");
        trainingSet.setItems(segmentation.trainingSets(lab.id()));
        trainingSet.setItemLabelGenerator(TrainingSetDto::name);
        trainingSet.addValueChangeListener(e -> trainingSetChosen(e.getValue()));
        trainingSetVersion.setId("segment-training-set-version");
        trainingSetVersion.setLabel("Version");
        trainingSetVersion.setItemLabelGenerator(v -> "v" + v.version() + (v.notes() == null ? "" : " \u00b7 " + v.notes()));
        imagesError.setId("segment-images-error");
        errorStyle(imagesError);
        VerticalLayout box = section("Images", source, project, images, selectAll, new HorizontalLayout(trainingSet, trainingSetVersion),
                imagesError);
        showSource();
        return box;
    }

    private VerticalLayout channelSection() {
        channels.setId("segment-channels");
        channels.setPadding(false);
        channels.setSpacing(false);
        channelsError.setId("segment-channels-error");
        errorStyle(channelsError);
        return section("Channels", channels, channelsError);
    }

    private VerticalLayout postSection(List<ModelChoice> choices) {
        nuclearModel.setId("segment-nuclear-model");
        nuclearModel.setLabel("Nuclear model (seeds the cytoplasm)");
        nuclearModel.setItems(choices);
        nuclearModel.setItemLabelGenerator(ModelChoice::label);
        nuclearModel.setWidth("28rem");
        nuclearModel.setVisible(false);
        postProcessing.method.addValueChangeListener(e -> nuclearModel.setVisible(
                e.getValue() == org.labscale.shared.segmentation.PostProcessingMethod.ACTIVE_CONTOURS));
        return section("From probabilities to cells", postProcessing, nuclearModel);
    }

    private HorizontalLayout buttons() {
        return form.buttons("Segment", this::submit, this, lab.id());
    }

    /** Selects the version named by {@code ?modelVersion=} (its id, or modelId:n), else the first. */
    private void preselect(List<ModelChoice> choices, String wanted) {
        Optional<ModelChoice> hit = Optional.empty();
        if (wanted != null) {
            String[] parts = wanted.split(":", 2);
            hit = choices.stream().filter(c -> c.version().id().toString().equalsIgnoreCase(wanted)
                    || (parts.length == 2 && c.model().id().toString().equalsIgnoreCase(parts[0])
                    && Integer.toString(c.version().version()).equals(parts[1]))).findFirst();
            if (hit.isEmpty()) {
                model.setInvalid(true);
                model.setErrorMessage("The model version " + wanted + " is not one of this lab's; pick another.");
            }
        }
        hit.or(() -> choices.stream().findFirst()).ifPresent(model::setValue);
    }

    private void modelChosen(ModelChoice choice) {
        if (choice == null) {
            return;
        }
        form.recommend(choice);
        ModelCard c = choice.version().card();
        card.setText(c == null ? "" : "Reads " + String.join(" + ", c.channels()) + " \u00b7 finds "
                + String.join(", ", c.classes()) + " \u00b7 " + c.ensembleSize() + " member(s) \u00b7 receptive field "
                + c.receptiveField() + " px" + metric(c, "meanPerCellJaccard", " \u00b7 validation Jaccard "));
        showChannelRoles();
    }

    private static String metric(ModelCard c, String key, String prefix) {
        Double v = c.validationMetrics() == null ? null : c.validationMetrics().get(key);
        return v == null ? "" : prefix + String.format(Locale.ROOT, "%.2f", v);
    }

    private void showSource() {
        String s = source.getValue();
        project.setVisible(!TRAINING_SET.equals(s));
        images.setVisible(SOME.equals(s));
        selectAll.setVisible(SOME.equals(s));
        trainingSet.setVisible(TRAINING_SET.equals(s));
        trainingSetVersion.setVisible(TRAINING_SET.equals(s));
        showChannelRoles();
    }

    private void projectChosen(ProjectDto p) {
        projectImages = p == null ? List.of() : call(() -> segmentation.images(p.id())).orElse(List.of());
        images.setItems(projectImages);
        showChannelRoles();
    }

    private void trainingSetChosen(TrainingSetDto set) {
        List<TrainingSetVersionDto> versions = set == null ? List.of()
                : call(() -> segmentation.trainingSetVersions(set.id())).orElse(List.of());
        trainingSetVersion.setItems(versions);
        versions.stream().findFirst().ifPresent(trainingSetVersion::setValue);
    }

    /** One row per model input: which of the images' channels feeds it (by name where the names match). */
    private void showChannelRoles() {
        channels.removeAll();
        roles.clear();
        ModelChoice choice = model.getValue();
        if (choice == null || choice.version().card() == null) {
            return;
        }
        List<String> inputs = choice.version().card().channels();
        ImageDto sample = sampleImage();
        int count = sample == null ? Math.max(inputs.size(), 1) : sample.channels();
        List<String> names = sample == null || sample.channelNames() == null ? List.of() : sample.channelNames();
        Paragraph hint = new Paragraph(sample == null ? "The model reads " + inputs.size() + " channel(s); role i"
                + " reads image channel i unless you choose otherwise."
                : "How the channels of " + sample.name() + " (and the other images) feed the model's inputs.");
        hint.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-s)");
        channels.add(hint);
        for (int i = 0; i < inputs.size(); i++) {
            String role = inputs.get(i);
            Select<Integer> pick = new Select<>();
            pick.setId("segment-role-" + role);
            pick.setLabel("Model input \u201c" + role + "\u201d \u2190 image channel");
            List<Integer> options = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                options.add(c);
            }
            pick.setItems(options);
            pick.setItemLabelGenerator(c -> (c + 1) + (c < names.size() && names.get(c) != null ? " \u00b7 "
                    + names.get(c) : ""));
            pick.setValue(defaultChannel(role, i, names, count));
            pick.setWidth("20rem");
            roles.put(role, pick);
            channels.add(pick);
        }
    }

    /** The channel named like the role (case-insensitive), else the role's position, else the first. */
    static int defaultChannel(String role, int position, List<String> names, int count) {
        for (int c = 0; c < names.size(); c++) {
            if (role.equalsIgnoreCase(String.valueOf(names.get(c)).strip())) {
                return c;
            }
        }
        return position < count ? position : 0;
    }

    private ImageDto sampleImage() {
        if (SOME.equals(source.getValue()) && !images.getValue().isEmpty()) {
            return images.getValue().iterator().next();
        }
        return projectImages.isEmpty() ? null : projectImages.get(0);
    }

    private void submit() {
        clearErrors();
        ModelChoice choice = form.chosenOrAsk();
        if (choice == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("modelId", choice.model().id());
        payload.put("modelVersion", choice.version().version());
        String s = source.getValue();
        if (SOME.equals(s)) {
            if (images.getValue().isEmpty()) {
                imagesError.setText("Pick at least one image.");
                return;
            }
            payload.put("imageIds", projectImages.stream().filter(images.getValue()::contains).map(ImageDto::id)
                    .toList());
        } else if (PROJECT.equals(s)) {
            if (project.getValue() == null) {
                imagesError.setText("Pick a project.");
                return;
            }
            payload.put("projectId", project.getValue().id());
        } else {
            if (trainingSet.getValue() == null || trainingSetVersion.getValue() == null) {
                imagesError.setText("Pick a training set and its version.");
                return;
            }
            payload.put("trainingSet", Map.of("trainingSetId", trainingSet.getValue().id(), "version",
                    trainingSetVersion.getValue().version()));
        }
        Map<String, Integer> channelMap = new LinkedHashMap<>();
        roles.forEach((role, pick) -> {
            if (pick.getValue() != null) {
                channelMap.put(role, pick.getValue());
            }
        });
        payload.put("channelMap", channelMap);
        payload.put("postProcessing", postProcessing.getValue());
        if (nuclearModel.isVisible() && nuclearModel.getValue() != null) {
            payload.put("nuclearModelId", nuclearModel.getValue().model().id());
            payload.put("nuclearModelVersion", nuclearModel.getValue().version().version());
        }
        form.send(this, lab.id(), () -> segmentation.submit(lab.id(), payload), "results", this::showApiError);
    }

    /** Puts the API's sentence next to the field it names ({@code details.field}), else beside the button. */
    void showApiError(ApiErrorException e) {
        String field = String.valueOf(e.details().getOrDefault("field", ""));
        if (form.showError(field, e.getMessage())) {
            return;
        }
        if (field.startsWith("payload.imageIds") || field.startsWith("payload.projectId")
                || field.startsWith("payload.trainingSet")) {
            imagesError.setText(e.getMessage());
        } else if (field.startsWith("payload.channelMap")) {
            channelsError.setText(e.getMessage());
        } else if (field.startsWith("payload.nuclearModel")) {
            nuclearModel.setInvalid(true);
            nuclearModel.setErrorMessage(e.getMessage());
        } else {
            form.showGeneralError(e.getMessage());
        }
    }

    private void clearErrors() {
        form.clearErrors();
        nuclearModel.setInvalid(false);
        imagesError.setText("");
        channelsError.setText("");
    }
}
