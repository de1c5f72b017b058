package org.labscale.ui.views.image;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.ImageUpdateRequest;
import org.labscale.shared.project.ProjectDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.Read;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.viewer.ChannelControls;
import org.labscale.ui.viewer.FrameSlider;
import org.labscale.ui.viewer.ImageViewer;
import org.labscale.ui.viewer.OverlaySetting;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/images/:imageId}: the image viewer with, beside it, the image's facts, a panel per channel
 * (show or hide, colour, contrast over the histogram, auto-contrast), the frame slider of a time series, and the
 * annotation overlay (outlines or filled, opacity) with the chosen annotation's versions (who and when; any version's
 * class map can be drawn); members and owners add annotation masks here.
 */
@Route(value = "labs/:labId/images/:imageId", layout = MainLayout.class)
public class ImageView extends LabPage {

    /** How often to ask again while the API prepares the image's tiles. */
    static final int PREPARING_POLL_MS = 2000;

    private ImageDto image;
    private Read<ImageDto> imageRead;
    private ImageViewer viewer;
    private final List<ChannelControls> channels = new ArrayList<>();
    final Select<AnnotationDto> overlay = new Select<>();
    final RadioButtonGroup<String> overlayStyle = new RadioButtonGroup<>();
    final Input opacity = new Input(ValueChangeMode.ON_CHANGE);
    final AnnotationVersions versions = new AnnotationVersions();
    final Span channelMessage = new Span();
    private final TrainingService training;
    private Registration retry;

    public ImageView(LabscaleService service, TrainingService training) {
        super(service);
        this.training = training;
        setPadding(false);
        setSpacing(false);
    }

    @Override
    protected void startReads(BeforeEnterEvent event) {
        UUID id = uuid(event, "imageId");
        imageRead = service.startRead(s -> s.image(id));
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        image = imageRead.get();
        UUID imageId = image.id();
        UUID projectId = image.projectId();
        Read<ProjectDto> projectRead = service.startRead(s -> s.project(projectId));
        Read<List<AnnotationDto>> annotationsRead = service.startRead(s -> s.annotations(imageId));
        List<Read<ChannelHistogramDto>> histogramReads = startHistograms();
        ProjectDto project = projectRead.get();
        if (!project.labId().equals(lab.id())) {
            throw new NotFound();
        }
        crumb("Projects", "labs/" + lab.id() + "/projects");
        crumb(project.name(), "labs/" + lab.id() + "/projects/" + project.id());
        crumb(image.name(), null);
        title(image.name());

        viewer = new ImageViewer(image);
        viewer.setSizeFull();
        VerticalLayout side = new VerticalLayout();
        side.setId("viewer-side");
        side.setWidth("22rem");
        side.setMinWidth("22rem");
        side.setHeightFull();
        side.getStyle().set("overflow-y", "auto").set("border-left", "1px solid var(--lumo-contrast-10pct)");
        side.add(facts(), channelPanel());
        if (image.frames() > 1) {
            side.add(frameSlider());
        }
        side.add(overlayPanel());
        if (canEdit()) {
            AnnotationUploader uploader = new AnnotationUploader();
            uploader.addMaskReceivedListener(e -> uploadMask(uploader, e));
            side.add(uploader);
        }
        HorizontalLayout body = new HorizontalLayout(viewer, side);
        body.setSizeFull();
        body.setSpacing(false);
        body.setFlexGrow(1, viewer);
        add(body);
        loadHistograms(histogramReads);
        showAnnotations(annotationsRead::get, null);
    }

    private Div facts() {
        H3 name = new H3(image.name());
        name.setId("image-title");
        name.getStyle().set("margin", "0").set("word-break", "break-all");
        Span line = new Span(factsText());
        line.setId("image-facts");
        line.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Div box = new Div(name, line);
        box.setWidthFull();
        if (canEdit()) {
            PixelSizeEditor editor = new PixelSizeEditor(image.pixelSizeUm());
            editor.addSaveWantedListener(e -> savePixelSize(editor, e.pixelSizeUm(), line));
            box.add(editor);
        }
        return box;
    }

    private String factsText() {
        return image.width() + " \u00d7 " + image.height() + " px \u00b7 " + image.channels()
                + " channel(s) \u00b7 " + (image.frames() > 1 ? image.frames() + " frames \u00b7 " : "")
                + image.bitsPerSample() + "-bit " + sampleType(image.sampleType()) + " \u00b7 "
                + (image.pixelSizeUm() == null ? "pixel size unknown"
                : Formats.pixelSize(image.pixelSizeUm())) + " \u00b7 "
                + Formats.bytes(image.sizeBytes()) + " " + image.format() + " \u00b7 uploaded "
                + Formats.instant(image.createdAt());
    }

    private void savePixelSize(PixelSizeEditor editor, Double pixelSizeUm, Span line) {
        try {
            image = pixelSizeUm == null ? service.clearPixelSize(image)
                    : service.updateImage(image, new ImageUpdateRequest(null, null, pixelSizeUm));
            line.setText(factsText());
            editor.saved((pixelSizeUm == null ? "Cleared: pixel size unknown, models segment the image as uploaded"
                    : "Saved: " + Formats.pixelSize(image.pixelSizeUm())) + ". Freeze a new training-set version"
                    + " to train on it.");
        } catch (ApiException ex) {
            editor.refused(ex.getMessage());
        }
    }

    private VerticalLayout channelPanel() {
        VerticalLayout panel = new VerticalLayout();
        panel.setPadding(false);
        panel.add(new H4("Channels"));
        channelMessage.setId("channel-message");
        channelMessage.getStyle().set("color", "var(--lumo-secondary-text-color)");
        panel.add(channelMessage);
        int n = image.channels();
        List<String> names = image.channelNames() == null ? List.of() : image.channelNames();
        for (int c = 0; c < n; c++) {
            String name = c < names.size() && names.get(c) != null && !names.get(c).isBlank() ? names.get(c)
                    : "Channel " + (c + 1);
            ChannelControls controls = new ChannelControls(c, name, defaultColour(c, n), c < 3);
            controls.addChannelChangedListener(e -> showChannels());
            channels.add(controls);
            panel.add(controls);
        }
        return panel;
    }

    /** One channel grey; two green and magenta (colour-blind safe); more red, green, blue, then the rest. */
    public static String defaultColour(int index, int count) {
        if (count == 1) {
            return "Grey";
        }
        if (count == 2) {
            return index == 0 ? "Green" : "Magenta";
        }
        String[] order = {"Red", "Green", "Blue", "Cyan", "Yellow", "Magenta", "Grey"};
        return order[index % order.length];
    }

    private Div frameSlider() {
        FrameSlider slider = new FrameSlider(image.frames(), null);
        slider.addFrameChangedListener(e -> viewer.setFrame(e.frame()));
        Div box = new Div(new H4("Time"), slider);
        if (canEdit()) {
            com.vaadin.flow.component.html.Anchor track = new com.vaadin.flow.component.html.Anchor("labs/"
                    + lab.id() + "/track?image=" + image.id(), "Track the cells of this series");
            track.setId("image-track");
            box.add(track);
        }
        box.setWidthFull();
        return box;
    }

    private VerticalLayout overlayPanel() {
        overlay.setId("overlay-select");
        overlay.setLabel("Annotation overlay");
        overlay.setEmptySelectionAllowed(true);
        overlay.setEmptySelectionCaption("None");
        overlay.setItemLabelGenerator(a -> a == null ? "None" : a.name() + " \u00b7 v" + a.latestVersion() + " \u00b7 "
                + a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (a.latest() == null ? ""
                : " \u00b7 " + a.latest().cellCount() + " cells \u00b7 " + a.latest().createdByEmail() + ", "
                + Formats.instant(a.latest().createdAt())));
        overlay.setWidthFull();
        overlayStyle.setId("overlay-style");
        overlayStyle.setItems("Outlines", "Filled");
        overlayStyle.setValue("Outlines");
        opacity.setType("range");
        opacity.setId("overlay-opacity");
        opacity.getElement().setAttribute("min", "0");
        opacity.getElement().setAttribute("max", "100");
        opacity.setValue("70");
        opacity.getStyle().set("width", "100%");
        overlay.addValueChangeListener(e -> {
            versions.show(e.getValue(), e.getValue() == null ? List.of()
                    : call(() -> training.annotationVersions(e.getValue().id())).orElse(List.of()));
            showOverlay();
        });
        versions.onSelect(v -> showOverlay());
        overlayStyle.addValueChangeListener(e -> showOverlay());
        opacity.addValueChangeListener(e -> showOverlay());
        Span opacityLabel = new Span("Opacity");
        opacityLabel.getStyle().set("font-size", "var(--lumo-font-size-s)");
        VerticalLayout panel = new VerticalLayout(new H4("Annotations"), overlay, versions, overlayStyle, opacityLabel,
                opacity);
        panel.setPadding(false);
        panel.setSpacing(false);
        return panel;
    }

    private void showChannels() {
        if (channels.stream().allMatch(ChannelControls::ready)) {
            viewer.setChannels(channels.stream().map(ChannelControls::setting).toList());
        }
    }

    private void showOverlay() {
        AnnotationDto a = overlay.getValue();
        AnnotationVersionDto version = versions.selected();
        if (a == null) {
            viewer.setOverlay(null);
            return;
        }
        double alpha = Integer.parseInt(opacity.getValue() == null || opacity.getValue().isBlank() ? "70"
                : opacity.getValue()) / 100.0;
        viewer.setOverlay(new OverlaySetting("ui-api/annotations/" + a.id() + "/versions/"
                + (version == null ? a.latestVersion() : version.version())
                + "/class-map", "Filled".equals(overlayStyle.getValue()), alpha));
    }

    /**
     * Asks for every channel's histogram; while the API is still preparing the image's tiles (503), says so and asks
     * again every {@value #PREPARING_POLL_MS} ms.
     */
    private void loadHistograms() {
        loadHistograms(startHistograms());
    }

    /** Starts reading the histogram of every channel of frame 0 at once (null for a channel that has its own). */
    private List<Read<ChannelHistogramDto>> startHistograms() {
        UUID imageId = image.id();
        List<Read<ChannelHistogramDto>> reads = new ArrayList<>();
        for (int c = 0; c < image.channels(); c++) {
            int channel = c;
            reads.add(c < channels.size() && channels.get(c).ready() ? null
                    : service.startRead(s -> s.histogram(imageId, channel, 0)));
        }
        return reads;
    }

    private void loadHistograms(List<Read<ChannelHistogramDto>> reads) {
        try {
            for (int c = 0; c < channels.size(); c++) {
                if (!channels.get(c).ready() && reads.get(c) != null) {
                    channels.get(c).setHistogram(reads.get(c).get());
                }
            }
            channelMessage.setVisible(false);
            stopRetrying();
            showChannels();
        } catch (ApiErrorException e) {
            if (e.status() == 503) {
                channelMessage.setText(e.getMessage());
                channelMessage.setVisible(true);
                retryLater();
            } else {
                showError(e.getMessage());
            }
        } catch (ApiException e) {
            showError(e.getMessage());
        }
    }

    private void retryLater() {
        UI ui = UI.getCurrent();
        if (ui == null || retry != null) {
            return;
        }
        ui.setPollInterval(PREPARING_POLL_MS);
        retry = ui.addPollListener(e -> loadHistograms());
        addDetachListener(e -> stopRetrying());
    }

    private void stopRetrying() {
        if (retry != null) {
            retry.remove();
            retry = null;
            UI.getCurrent().setPollInterval(-1);
        }
    }

    private void loadAnnotations(AnnotationDto select) {
        showAnnotations(() -> service.annotations(image.id()), select);
    }

    /** Offers the annotations {@code read} answers in the overlay menu, selecting {@code select} when not null. */
    private void showAnnotations(java.util.function.Supplier<List<AnnotationDto>> read, AnnotationDto select) {
        call(read).ifPresent(list -> {
            overlay.setItems(list);
            if (select != null) {
                list.stream().filter(a -> a.id().equals(select.id())).findFirst().ifPresent(overlay::setValue);
            }
            overlay.setHelperText(list.isEmpty() ? "No annotations yet." : null);
        });
    }

    private void uploadMask(AnnotationUploader uploader, AnnotationUploader.MaskReceived e) {
        try {
            AnnotationDto a = service.uploadAnnotation(image.id(), e.file().toPath(), e.fileName(), e.kind(), e.name());
            uploader.succeeded(e.fileName() + ": " + a.name() + " v" + a.latestVersion() + ", "
                    + (a.latest() == null ? 0 : a.latest().cellCount()) + " cells");
            getUI().ifPresent(ui -> ui.access(() -> loadAnnotations(a)));
        } catch (ApiException ex) {
            uploader.failed(e.fileName() + ": " + ex.getMessage());
        }
    }

    private static String sampleType(String type) {
        return type == null ? "" : switch (type) {
            case "UINT8", "UINT16" -> "integer";
            case "FLOAT32" -> "float";
            default -> type.toLowerCase(Locale.ROOT);
        };
    }
}
