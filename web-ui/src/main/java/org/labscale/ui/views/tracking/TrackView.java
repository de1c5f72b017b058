package org.labscale.ui.views.tracking;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.KtrOptions;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.service.SegmentationService.ModelChoice;
import org.labscale.ui.service.TrackingService;
import org.labscale.ui.views.segmentation.ModelJobForm;
import org.labscale.ui.views.segmentation.PostProcessingForm;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

import static org.labscale.ui.views.segmentation.ModelJobForm.errorStyle;
import static org.labscale.ui.views.segmentation.ModelJobForm.section;

/**
 * {@code /labs/:labId/track[?image=]}: track the cells of a time series. Pick the series (a multi-frame image, or
 * single-frame images of a project taken in name order, one per frame) and its frame interval, the model that
 * segments every frame and its post-processing (prefilled with the model's recommendation), how cells are linked
 * (prefilled with a preset, each value explained), and optionally a kinase-reporter read-out. The API's refusal is
 * shown next to its cause; "Cancel" creates nothing; "Track" opens the job's series page.
 */
@Route(value = "labs/:labId/track", layout = MainLayout.class)
public class TrackView extends LabPage {

    static final String MULTI_FRAME = "One image whose pages are the frames";
    static final String PER_FRAME = "One image per frame, in name order";

    private final TrackingService tracking;
    final ModelJobForm form = new ModelJobForm("track");
    final Select<ModelChoice> model = form.model();
    final RadioButtonGroup<String> source = new RadioButtonGroup<>();
    final Select<ProjectDto> project = new Select<>();
    final Select<ImageDto> series = new Select<>();
    final CheckboxGroup<ImageDto> frames = new CheckboxGroup<>();
    final Span seriesError = new Span();
    final NumberField interval = new NumberField("Time between frames (min)");
    final PostProcessingForm postProcessing = form.postProcessing();
    final TrackerForm tracker = new TrackerForm();
    final Checkbox ktr = new Checkbox("Read a kinase translocation reporter (KTR)");
    final Select<Integer> ktrChannel = new Select<>();
    final IntegerField innerRing = new IntegerField("Inner cytoring (px)");
    final IntegerField outerRing = new IntegerField("Cytoplasm ring (px)");
    final Select<ModelChoice> cytoplasmModel = new Select<>();
    final Span ktrError = new Span();
    private List<ImageDto> projectImages = List.of();

    public TrackView(TrackingService tracking) {
        super(tracking.session());
        this.tracking = tracking;
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        crumb("Jobs", "labs/" + lab.id() + "/jobs");
        crumb("Track cells", null);
        title("Track cells over time");
        H2 heading = new H2("Track cells over time");
        heading.getStyle().set("margin", "0");
        add(heading);
        if (!canEdit()) {
            Paragraph hint = new Paragraph("Viewers of a lab cannot start jobs; ask an owner for the member role.");
            hint.setId("read-only-hint");
            add(hint);
            return;
        }
        List<ModelChoice> choices = tracking.modelVersions(lab.id());
        add(seriesSection(), modelSection(choices), section("From probabilities to cells", postProcessing),
                section("Linking cells across frames", tracker), ktrSection(choices), buttons());
        setMaxWidth("64rem");
        choices.stream().findFirst().ifPresent(model::setValue);
        event.getLocation().getQueryParameters().getSingleParameter("image").ifPresent(this::preselectImage);
    }

    private VerticalLayout seriesSection() {
        source.setId("track-source");
        source.setItems(MULTI_FRAME, PER_FRAME);
        source.setValue(MULTI_FRAME);
        source.addValueChangeListener(e -> showSource());
        project.setId("track-project");
        project.setLabel("Project");
        project.setItems(service.projects(lab.id()));
        project.setItemLabelGenerator(p -> p.name() + " \u00b7 " + p.imageCount() + " image(s)");
        project.setWidth("28rem");
        project.addValueChangeListener(e -> projectChosen(e.getValue()));
        series.setId("track-series");
        series.setLabel("Time series");
        series.setItemLabelGenerator(i -> i.name() + " \u00b7 " + i.frames() + " frames, " + i.width() + " \u00d7 "
                + i.height());
        series.setWidth("28rem");
        series.addValueChangeListener(e -> showKtrChannels());
        frames.setId("track-frames");
        frames.setLabel("Frames (taken in name order)");
        frames.setItemLabelGenerator(i -> i.name() + " (" + i.width() + " \u00d7 " + i.height() + ")");
        frames.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        frames.getStyle().set("max-height", "14rem").set("overflow-y", "auto");
        frames.addValueChangeListener(e -> showKtrChannels());
        interval.setId("track-interval");
        interval.setValue(1.0);
        interval.setMin(0);
        interval.setHelperText("Growth rates are given per hour from it; the microscope's acquisition settings"
                + " name it.");
        seriesError.setId("track-series-error");
        errorStyle(seriesError);
        VerticalLayout box = section("Time series", source, project, series, frames, interval, seriesError);
        showSource();
        return box;
    }

    private VerticalLayout modelSection(List<ModelChoice> choices) {
        form.modelPicker(choices, "Segments every frame; it reads the first channel(s) of the frames.");
        model.addValueChangeListener(e -> modelChosen(e.getValue()));
        return section("Model", model);
    }

    private VerticalLayout ktrSection(List<ModelChoice> choices) {
        ktr.setId("track-ktr");
        ktr.setHelperText("Per cell and frame: the reporter's mean in the nucleus and in a ring of cytoplasm"
                + " around it, their ratio, and the paper's two-compartment estimate.");
        ktrChannel.setId("track-ktr-channel");
        ktrChannel.setLabel("Reporter channel");
        innerRing.setId("track-ktr-inner");
        innerRing.setValue(5);
        innerRing.setHelperText("A thin ring right around the nucleus, for comparison.");
        outerRing.setId("track-ktr-outer");
        outerRing.setValue(25);
        outerRing.setHelperText("The ring that stands for the cytoplasm; wider than the inner one.");
        cytoplasmModel.setId("track-ktr-cytoplasm-model");
        cytoplasmModel.setLabel("Cytoplasm model (optional)");
        cytoplasmModel.setItems(choices);
        cytoplasmModel.setEmptySelectionAllowed(true);
        cytoplasmModel.setEmptySelectionCaption("None: the rings only");
        cytoplasmModel.setItemLabelGenerator(c -> c == null ? "None: the rings only" : c.label());
        cytoplasmModel.setWidth("22rem");
        cytoplasmModel.setHelperText("Its cells, grown from each frame's nuclei (active contours), give every"
                + " nucleus its cytoplasm: the reporter's mean over the cell less the nucleus, beside the rings.");
        HorizontalLayout fields = new HorizontalLayout(ktrChannel, innerRing, outerRing, cytoplasmModel);
        fields.setVisible(false);
        ktr.addValueChangeListener(e -> fields.setVisible(e.getValue()));
        ktrError.setId("track-ktr-error");
        errorStyle(ktrError);
        return section("Kinase reporter (optional)", ktr, fields, ktrError);
    }

    private HorizontalLayout buttons() {
        return form.buttons("Track", this::submit, this, lab.id());
    }

    private void preselectImage(String id) {
        Optional<ImageDto> image = call(() -> service.image(UUID.fromString(id)));
        image.flatMap(i -> service.projects(lab.id()).stream().filter(p -> p.id().equals(i.projectId()))
                .findFirst()).ifPresent(project::setValue);
        image.flatMap(i -> projectImages.stream().filter(p -> p.id().equals(i.id())).findFirst())
                .ifPresent(i -> {
                    source.setValue(i.frames() > 1 ? MULTI_FRAME : PER_FRAME);
                    if (i.frames() > 1) {
                        series.setValue(i);
                    }
                });
    }

    private void modelChosen(ModelChoice choice) {
        if (choice != null) {
            form.recommend(choice, PostProcessingMethod.ACTIVE_CONTOURS,
                    "active contours, which tracking does not offer (it needs a second, nuclear series).");
        }
    }

    private void showSource() {
        boolean multi = MULTI_FRAME.equals(source.getValue());
        series.setVisible(multi);
        frames.setVisible(!multi);
        showKtrChannels();
    }

    private void projectChosen(ProjectDto p) {
        projectImages = p == null ? List.of() : call(() -> tracking.images(p.id())).orElse(List.of());
        series.setItems(projectImages.stream().filter(i -> i.frames() > 1).toList());
        frames.setItems(projectImages.stream().filter(i -> i.frames() <= 1)
                .sorted(Comparator.comparing(ImageDto::name)).toList());
    }

    /** The reporter channel offered by the series' channels (names where the images have them). */
    private void showKtrChannels() {
        ImageDto sample = MULTI_FRAME.equals(source.getValue()) ? series.getValue()
                : frames.getValue().stream().findFirst().orElse(null);
        int count = sample == null ? 1 : sample.channels();
        List<String> names = sample == null || sample.channelNames() == null ? List.of() : sample.channelNames();
        List<Integer> options = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            options.add(c);
        }
        ktrChannel.setItems(options);
        ktrChannel.setItemLabelGenerator(c -> (c + 1) + (c < names.size() && names.get(c) != null ? " \u00b7 "
                + names.get(c) : ""));
        ktrChannel.setValue(options.get(options.size() - 1));
    }

    /** The series' images in the order they are submitted: name order for one image per frame. */
    List<UUID> orderedFrames() {
        return frames.getValue().stream().sorted(Comparator.comparing(ImageDto::name)).map(ImageDto::id).toList();
    }

    private void submit() {
        clearErrors();
        ModelChoice choice = form.chosenOrAsk();
        if (choice == null) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        if (MULTI_FRAME.equals(source.getValue())) {
            if (series.getValue() == null) {
                seriesError.setText("Pick a time series (an image with several frames).");
                return;
            }
            payload.put("imageId", series.getValue().id());
        } else {
            payload.put("imageIds", orderedFrames());
        }
        payload.put("modelId", choice.model().id());
        payload.put("modelVersion", choice.version().version());
        payload.put("frameIntervalMinutes", interval.getValue());
        payload.put("postProcessing", postProcessing.getValue());
        payload.put("tracker", tracker.getValue());
        if (ktr.getValue()) {
            ModelChoice cytoplasm = cytoplasmModel.getValue();
            payload.put("ktr", new KtrOptions(null, ktrChannel.getValue(), innerRing.getValue(),
                    outerRing.getValue(), cytoplasm == null ? null : cytoplasm.model().id(),
                    cytoplasm == null ? null : cytoplasm.version().version(), null));
        }
        form.send(this, lab.id(), () -> tracking.submit(lab.id(), payload), "series", this::showApiError);
    }

    /** Puts the API's sentence next to the field it names ({@code details.field}), else beside the button. */
    void showApiError(ApiErrorException e) {
        String field = String.valueOf(e.details().getOrDefault("field", ""));
        if (form.showError(field, e.getMessage())) {
            return;
        }
        if (field.startsWith("payload.imageId") || field.startsWith("payload.frameInterval")) {
            seriesError.setText(e.getMessage());
        } else if (field.startsWith("payload.tracker")) {
            tracker.showError(e.getMessage());
        } else if (field.startsWith("payload.ktr")) {
            ktrError.setText(e.getMessage());
        } else {
            form.showGeneralError(e.getMessage());
        }
    }

    private void clearErrors() {
        form.clearErrors();
        tracker.showError(null);
        seriesError.setText("");
        ktrError.setText("");
    }
}
