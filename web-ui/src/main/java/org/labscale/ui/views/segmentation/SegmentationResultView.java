package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.CellTable;
import org.labscale.ui.service.SegmentationResult;
import org.labscale.ui.service.SegmentationResult.ImageResult;
import org.labscale.ui.service.SegmentationService;
import org.labscale.ui.viewer.ChannelControls;
import org.labscale.ui.viewer.ImageViewer;
import org.labscale.ui.viewer.OverlaySetting;
import org.labscale.ui.views.image.ImageView;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/jobs/:jobId/results[?image=]}: a SEGMENTATION job's result. While the job runs: its progress,
 * refreshed every {@value #REFRESH_MS} ms. Then: the scores against the references (per image and pooled), the
 * downloads (all outputs as a zip; per image the label mask and the cell table), and per image the image in the
 * viewer with the label mask as overlay (outlines or filled, opacity), histograms of cell areas and intensities and
 * the per-cell table; a row selects its cell in the viewer and a click on a cell selects its row.
 */
@Route(value = "labs/:labId/jobs/:jobId/results", layout = MainLayout.class)
public class SegmentationResultView extends LabPage {

    static final int REFRESH_MS = 2000;

    private final SegmentationService segmentation;
    final Div progress = new Div();
    final Div body = new Div();
    final Select<ImageResult> image = new Select<>();
    final Div imagePanel = new Div();
    private JobDto job;
    private Registration polling;
    private ImageViewer viewer;
    private CellTableGrid cells;
    private CellTable table;
    private final List<ChannelControls> channels = new ArrayList<>();
    private final RadioButtonGroup<String> overlayStyle = new RadioButtonGroup<>();
    private final Checkbox overlayShown = new Checkbox("Show the segmentation", true);
    private final Input opacity = new Input(ValueChangeMode.ON_CHANGE);
    private final Span selected = new Span();

    public SegmentationResultView(SegmentationService segmentation) {
        super(segmentation.session());
        this.segmentation = segmentation;
        body.setWidthFull();
        body.setId("result");
        progress.setId("result-progress");
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        JobDto found = service.job(uuid(event, "jobId"));
        if (!found.labId().equals(lab.id()) || found.kind() != JobKind.SEGMENTATION) {
            throw new NotFound();
        }
        job = found;
        crumb("Jobs", "labs/" + lab.id() + "/jobs");
        crumb("Segmentation " + job.id().toString().substring(0, 8), "labs/" + lab.id() + "/jobs/" + job.id());
        crumb("Results", null);
        title("Segmentation result");
        H2 heading = new H2("Segmentation result");
        heading.getStyle().set("margin", "0");
        Anchor jobLink = new Anchor("labs/" + lab.id() + "/jobs/" + job.id(), "Job details");
        jobLink.setId("result-job");
        HorizontalLayout header = new HorizontalLayout(heading, jobLink);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, progress, body);
        showProgress();
        startPolling();
        if (job.state() == JobState.SUCCEEDED) {
            showResult(event.getLocation().getQueryParameters().getSingleParameter("image").orElse(null));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        startPolling();
    }

    /** Refreshes the page every few seconds while the job has not ended (once, however often called). */
    private void startPolling() {
        if (polling == null && job != null && !job.state().isFinal()) {
            getUI().ifPresent(ui -> {
                ui.setPollInterval(REFRESH_MS);
                polling = ui.addPollListener(e -> refresh());
            });
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopPolling();
        super.onDetach(event);
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    private void refresh() {
        call(() -> service.job(job.id())).ifPresent(j -> {
            job = j;
            showProgress();
            if (j.state().isFinal()) {
                stopPolling();
                if (j.state() == JobState.SUCCEEDED) {
                    showResult(null);
                }
            }
        });
    }

    /** The state line, a progress bar while the job runs, and the error's sentence when it failed. */
    private void showProgress() {
        progress.removeAll();
        String state = job.state().name().charAt(0) + job.state().name().substring(1).toLowerCase(Locale.ROOT);
        Span line = new Span(state + (job.progress() != null && job.progress().message() != null && !job.state()
                .isFinal() ? ": " + job.progress().message() : ""));
        line.setId("result-state");
        line.getElement().setAttribute("data-state", job.state().name());
        progress.add(line);
        if (!job.state().isFinal()) {
            ProgressBar bar = new ProgressBar(0, 1, job.progress() == null || job.progress().fraction() == null ? 0
                    : job.progress().fraction());
            bar.setIndeterminate(job.state() == JobState.QUEUED);
            bar.setWidth("28rem");
            progress.add(bar);
        }
        if (job.error() != null && job.error().message() != null) {
            Paragraph error = new Paragraph(job.error().message());
            error.setId("result-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            progress.add(error);
        }
    }

    private void showResult(String wantedImage) {
        body.removeAll();
        SegmentationResult result = SegmentationResult.of(job.result());
        Span summary = new Span(result.images().size() + " image(s), "
                + result.images().stream().filter(ImageResult::succeeded).count() + " segmented, " + result.cells()
                + " cells" + (result.omitted() > 0 ? " (" + result.omitted() + " more images in the zip)" : ""));
        summary.setId("result-summary");
        Anchor zip = download("outputs.zip", "Download everything (zip)", "download-zip");
        HorizontalLayout top = new HorizontalLayout(summary, zip);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        body.add(top);
        body.add(new H4("Scores against the reference annotations"));
        if (result.overall() == null) {
            Paragraph none = new Paragraph("No image had a reference annotation, so there is nothing to score"
                    + " against.");
            none.setId("result-no-scores");
            body.add(none);
        } else {
            body.add(new ScoresGrid(result));
        }
        for (ImageResult failed : result.images().stream().filter(i -> !i.succeeded()).toList()) {
            Paragraph p = new Paragraph(failed.name() + ": " + failed.error());
            p.addClassName("result-image-error");
            p.getStyle().set("color", "var(--lumo-error-text-color)");
            body.add(p);
        }
        List<ImageResult> segmented = result.images().stream().filter(ImageResult::succeeded).toList();
        if (segmented.isEmpty()) {
            return;
        }
        image.setId("result-image");
        image.setLabel("Image");
        image.setItems(segmented);
        image.setItemLabelGenerator(i -> i.name() + " \u00b7 " + i.cells() + " cells");
        image.setWidth("28rem");
        image.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                showImage(e.getValue());
            }
        });
        imagePanel.setWidthFull();
        body.add(image, imagePanel);
        image.setValue(segmented.stream().filter(i -> i.imageId().toString().equals(wantedImage)).findFirst()
                .orElse(segmented.get(0)));
    }

    private void showImage(ImageResult result) {
        imagePanel.removeAll();
        channels.clear();
        ImageDto img;
        try {
            img = service.image(result.imageId());
            table = segmentation.cells(lab.id(), job.id(), result.imageId());
        } catch (ApiErrorException e) {
            imagePanel.add(new Paragraph(e.status() == 404 ? result.name() + " is no longer available (deleted"
                    + " after the job ran)." : e.getMessage()));
            return;
        } catch (ApiException e) {
            showError(e.getMessage());
            return;
        }
        viewer = new ImageViewer(img);
        viewer.setHeight("32rem");
        viewer.setWidthFull();
        viewer.addCellClickListener(label -> {
            cells.select(label);
            showSelected(label);
        });
        viewer.setCellInfo(hoverTexts(table));
        cells = new CellTableGrid(table);
        cells.setWidthFull();
        cells.addCellSelectedListener(e -> {
            int label = e.cell().map(CellTable.Cell::label).orElse(0);
            int cx = table.column("centroid_x"), cy = table.column("centroid_y");
            viewer.selectCell(label, e.cell().filter(c -> cx >= 0).map(c -> c.values()[cx]).orElse(0.0),
                    e.cell().filter(c -> cy >= 0).map(c -> c.values()[cy]).orElse(0.0));
            showSelected(label);
        });
        VerticalLayout side = side(img, result);
        HorizontalLayout row = new HorizontalLayout(viewer, side);
        row.setWidthFull();
        row.setFlexGrow(1, viewer);
        HorizontalLayout downloads = new HorizontalLayout(
                download("files/" + result.imageId() + "/labels.tif", "Label mask (16-bit TIFF)", "download-mask"),
                download("files/" + result.imageId() + "/cells.csv", "Cell table (CSV)", "download-csv"));
        H4 tableHeading = new H4("Cells of " + result.name());
        imagePanel.add(row, downloads, tableHeading, cells);
        showOverlay();
        loadHistograms();
    }

    private VerticalLayout side(ImageDto img, ImageResult result) {
        VerticalLayout side = new VerticalLayout();
        side.setId("result-side");
        side.setWidth("22rem");
        side.setMinWidth("22rem");
        side.setPadding(false);
        overlayShown.setId("result-overlay");
        overlayShown.addValueChangeListener(e -> showOverlay());
        overlayStyle.setId("result-overlay-style");
        overlayStyle.setItems("Outlines", "Filled");
        overlayStyle.setValue("Outlines");
        overlayStyle.addValueChangeListener(e -> showOverlay());
        opacity.setType("range");
        opacity.setId("result-overlay-opacity");
        opacity.getElement().setAttribute("min", "0");
        opacity.getElement().setAttribute("max", "100");
        opacity.setValue("80");
        opacity.getStyle().set("width", "100%");
        opacity.addValueChangeListener(e -> showOverlay());
        selected.setText(describe(0));
        selected.setId("result-selected");
        selected.getStyle().set("font-size", "var(--lumo-font-size-s)");
        side.add(overlayShown, overlayStyle, new Span("Opacity"), opacity, selected);
        side.add(new HistogramChart("area-histogram", "Cell area (px)", table.values("area"), 24,
                "var(--lumo-primary-color)"));
        List<String> names = img.channelNames() == null ? List.of() : img.channelNames();
        for (String column : table.meanIntensityColumns()) {
            side.add(new HistogramChart("intensity-histogram-" + column.substring(5), "Mean intensity, "
                    + column.substring(5), table.values(column), 24, "var(--lumo-success-color)"));
        }
        VerticalLayout channelPanel = new VerticalLayout();
        channelPanel.setPadding(false);
        for (int c = 0; c < img.channels(); c++) {
            String name = c < names.size() && names.get(c) != null && !names.get(c).isBlank() ? names.get(c)
                    : "Channel " + (c + 1);
            ChannelControls controls = new ChannelControls(c, name, ImageView.defaultColour(c, img.channels()), c < 3);
            controls.addChannelChangedListener(e -> showChannels());
            channels.add(controls);
            channelPanel.add(controls);
        }
        Details channelDetails = new Details("Channels and contrast", channelPanel);
        channelDetails.setId("result-channels");
        side.add(channelDetails);
        return side;
    }

    private void showSelected(int label) {
        selected.setText(describe(label));
        selected.getElement().setAttribute("data-label", Integer.toString(label));
    }

    /** Per cell, what the viewer shows when it is hovered: "340 px, mean DAPI 812" (area and mean intensities). */
    static Map<Integer, String> hoverTexts(CellTable table) {
        int area = table.column("area");
        List<String> means = table.meanIntensityColumns();
        Map<Integer, String> texts = new HashMap<>();
        for (CellTable.Cell c : table.cells()) {
            List<String> parts = new ArrayList<>();
            if (area >= 0) {
                parts.add(HistogramChart.number(c.values()[area]) + " px");
            }
            for (String column : means) {
                double mean = c.values()[table.column(column)];
                parts.add("mean " + column.substring(5) + " " + HistogramChart.number(mean));
            }
            texts.put(c.label(), String.join(", ", parts));
        }
        return texts;
    }

    /** "Cell 12: 340 px at (51, 77)", or the hint when none is selected. */
    String describe(int label) {
        if (label == 0 || table == null) {
            return "Click a cell, or a row of the table.";
        }
        return table.cells().stream().filter(c -> c.label() == label).findFirst().map(c -> {
            int area = table.column("area"), cx = table.column("centroid_x"), cy = table.column("centroid_y");
            return "Cell " + label + (area < 0 ? "" : ": " + HistogramChart.number(c.values()[area]) + " px")
                    + (cx < 0 || cy < 0 ? "" : String.format(Locale.ROOT, " at (%.0f, %.0f)", c.values()[cx],
                    c.values()[cy]));
        }).orElse("Cell " + label);
    }

    private void showOverlay() {
        if (viewer == null || image.getValue() == null) {
            return;
        }
        if (!overlayShown.getValue()) {
            viewer.setLabelOverlay(null);
            return;
        }
        double alpha = Integer.parseInt(opacity.getValue() == null || opacity.getValue().isBlank() ? "80"
                : opacity.getValue()) / 100.0;
        viewer.setLabelOverlay(new OverlaySetting(outputs() + "label-map/" + image.getValue().imageId() + ".png",
                "Filled".equals(overlayStyle.getValue()), alpha));
    }

    /** Every channel's histogram, then the composite; a 503 (tiles being prepared) is tried again on reload. */
    private void loadHistograms() {
        try {
            for (ChannelControls controls : channels) {
                controls.setHistogram(service.histogram(viewerImage(), channels.indexOf(controls), 0));
            }
            showChannels();
        } catch (ApiException e) {
            showError(e.getMessage());
        }
    }

    private UUID viewerImage() {
        return image.getValue().imageId();
    }

    private void showChannels() {
        if (!channels.isEmpty() && channels.stream().allMatch(ChannelControls::ready)) {
            viewer.setChannels(channels.stream().map(ChannelControls::setting).toList());
        }
    }

    private String outputs() {
        return "ui-outputs/labs/" + lab.id() + "/jobs/" + job.id() + "/";
    }

    private Anchor download(String path, String text, String id) {
        Anchor a = new Anchor(outputs() + path, text);
        a.setId(id);
        a.getElement().setAttribute("download", true);
        a.getElement().setAttribute("router-ignore", true);
        return a;
    }
}
