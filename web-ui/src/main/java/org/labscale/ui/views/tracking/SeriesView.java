package org.labscale.ui.views.tracking;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.SeriesReport;
import org.labscale.ui.service.SeriesTracks;
import org.labscale.ui.service.TrackingService;
import org.labscale.ui.viewer.ChannelControls;
import org.labscale.ui.viewer.FrameSlider;
import org.labscale.ui.viewer.ImageViewer;
import org.labscale.ui.viewer.OverlaySetting;
import org.labscale.ui.views.image.ImageView;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/jobs/:jobId/series}: a TRACKING job's result. While the job runs: its progress (per frame),
 * refreshed every {@value #REFRESH_MS} ms. Then: the counts, the downloads, the series in the viewer with a frame
 * slider and every frame's cells outlined in their track's colour (a track keeps its colour from frame to frame; a
 * click on a cell shows its track: mother, daughters, frames, area curve), the CTC scores when the job has them, the
 * paper's merge check, and the job's figures (lineage tree, growth rates, KTR).
 */
@Route(value = "labs/:labId/jobs/:jobId/series", layout = MainLayout.class)
public class SeriesView extends LabPage {

    static final int REFRESH_MS = 2000;

    private final TrackingService tracking;
    final Div progress = new Div();
    final Div body = new Div();
    private JobDto job;
    private Registration polling;
    private SeriesReport report;
    private SeriesTracks tracks;
    private ImageViewer viewer;
    private FrameSlider slider;
    private TrackPanel trackPanel;
    private final List<ChannelControls> channels = new ArrayList<>();
    private final Checkbox tracksShown = new Checkbox("Show the tracks", true);
    private final Checkbox filled = new Checkbox("Fill the cells", false);

    public SeriesView(TrackingService tracking) {
        super(tracking.session());
        this.tracking = tracking;
        body.setWidthFull();
        body.setId("series");
        progress.setId("series-progress");
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        JobDto found = service.job(uuid(event, "jobId"));
        if (!found.labId().equals(lab.id()) || found.kind() != JobKind.TRACKING) {
            throw new NotFound();
        }
        job = found;
        crumb("Jobs", "labs/" + lab.id() + "/jobs");
        crumb("Tracking " + job.id().toString().substring(0, 8), "labs/" + lab.id() + "/jobs/" + job.id());
        crumb("Series", null);
        title("Tracking result");
        H2 heading = new H2("Tracking result");
        heading.getStyle().set("margin", "0");
        Anchor jobLink = new Anchor("labs/" + lab.id() + "/jobs/" + job.id(), "Job details");
        jobLink.setId("series-job");
        HorizontalLayout header = new HorizontalLayout(heading, jobLink);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, progress, body);
        showProgress();
        startPolling();
        if (job.state() == JobState.SUCCEEDED) {
            showResult();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        startPolling();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopPolling();
        super.onDetach(event);
    }

    private void startPolling() {
        if (polling == null && job != null && !job.state().isFinal()) {
            getUI().ifPresent(ui -> {
                ui.setPollInterval(REFRESH_MS);
                polling = ui.addPollListener(e -> refresh());
            });
        }
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
                    showResult();
                }
            }
        });
    }

    private void showProgress() {
        progress.removeAll();
        String state = job.state().name().charAt(0) + job.state().name().substring(1).toLowerCase(Locale.ROOT);
        Span line = new Span(state + (job.progress() != null && job.progress().message() != null
                && !job.state().isFinal() ? ": " + job.progress().message() : ""));
        line.setId("series-state");
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
            error.setId("series-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            progress.add(error);
        }
    }

    private void showResult() {
        body.removeAll();
        ImageDto first;
        try {
            report = SeriesReport.of(tracking.report(lab.id(), job.id()));
            tracks = tracking.tracks(lab.id(), job.id());
            first = service.image(report.imageOf(0));
        } catch (ApiErrorException e) {
            body.add(new Paragraph(e.status() == 404 ? "The series is no longer available (deleted after the job"
                    + " ran); its tracks are still in the downloads." : e.getMessage()));
            body.add(downloads());
            return;
        } catch (ApiException e) {
            showError(e.getMessage());
            return;
        }
        Span summary = new Span(count(report.frames(), "frame") + " \u00b7 " + count(report.tracks(), "track")
                + " \u00b7 " + count(report.divisions(), "division") + " \u00b7 " + count(report.cells(), "cell")
                + (report.frameIntervalMinutes() == null ? "" : String.format(Locale.ROOT,
                " \u00b7 a frame every %s min", number(report.frameIntervalMinutes()))));
        summary.setId("series-summary");
        body.add(summary, downloads());
        body.add(viewerRow(first));
        body.add(scores(), mergeCheck(), figures());
        loadHistograms();
    }

    private HorizontalLayout viewerRow(ImageDto first) {
        viewer = new ImageViewer(first);
        viewer.setHeight("34rem");
        viewer.setWidthFull();
        trackPanel = new TrackPanel(tracks);
        viewer.addCellClickListener(this::selectTrack);
        slider = new FrameSlider(Math.max(1, report.frames()), report.frameIntervalMinutes());
        slider.addFrameChangedListener(e -> showFrame(e.frame()));
        tracksShown.setId("series-tracks-shown");
        tracksShown.addValueChangeListener(e -> showOverlay());
        filled.setId("series-filled");
        filled.addValueChangeListener(e -> showOverlay());
        VerticalLayout side = new VerticalLayout(new H4("Time"), slider, tracksShown, filled, trackPanel);
        side.setId("series-side");
        side.setWidth("22rem");
        side.setMinWidth("22rem");
        side.setPadding(false);
        VerticalLayout channelPanel = new VerticalLayout();
        channelPanel.setPadding(false);
        List<String> names = first.channelNames() == null ? List.of() : first.channelNames();
        for (int c = 0; c < first.channels(); c++) {
            String name = c < names.size() && names.get(c) != null && !names.get(c).isBlank() ? names.get(c)
                    : "Channel " + (c + 1);
            ChannelControls controls = new ChannelControls(c, name, ImageView.defaultColour(c, first.channels()),
                    c < 3);
            controls.addChannelChangedListener(e -> showChannels());
            channels.add(controls);
            channelPanel.add(controls);
        }
        side.add(new Details("Channels and contrast", channelPanel));
        HorizontalLayout row = new HorizontalLayout(viewer, side);
        row.setWidthFull();
        row.setFlexGrow(1, viewer);
        showOverlay();
        return row;
    }

    private void showFrame(int t) {
        if (report.perFrameImages()) {
            viewer.setImage(report.imageOf(t));
        } else {
            viewer.setFrame(t);
        }
        showOverlay();
    }

    /** Shows track {@code id} beside the viewer and highlights its cell in every frame (0: none). */
    private void selectTrack(int id) {
        trackPanel.show(id);
        SeriesTracks.Point at = tracks.track(id).map(t -> t.points().stream()
                .filter(p -> p.frame() == slider.frame()).findFirst().orElse(t.points().get(0))).orElse(null);
        viewer.selectCell(at == null ? 0 : id, at == null ? 0 : at.x(), at == null ? 0 : at.y());
    }

    private void showOverlay() {
        if (viewer == null) {
            return;
        }
        viewer.setTrackOverlay(!tracksShown.getValue() ? null : new OverlaySetting(outputs() + "track-map/"
                + report.maskName(slider.frame()) + ".png", filled.getValue(), filled.getValue() ? 0.6 : 1.0),
                TrackColours.PALETTE);
    }

    /** The channels' display ranges from the first frame's histograms, kept for every frame. */
    private void loadHistograms() {
        try {
            for (ChannelControls controls : channels) {
                controls.setHistogram(service.histogram(report.imageOf(0), channels.indexOf(controls), 0));
            }
            showChannels();
        } catch (ApiException e) {
            showError(e.getMessage());
        }
    }

    private void showChannels() {
        if (!channels.isEmpty() && channels.stream().allMatch(ChannelControls::ready)) {
            viewer.setChannels(channels.stream().map(ChannelControls::setting).toList());
        }
    }

    private Div scores() {
        Div box = new Div(new H4("Cell Tracking Challenge scores"));
        box.setId("series-scores");
        if (report.scores().isEmpty()) {
            Paragraph none = new Paragraph("Not scored: the series has no Cell Tracking Challenge ground truth"
                    + " (reference tracks), so TRA, DET and SEG cannot be measured.");
            none.setId("series-no-scores");
            box.add(none);
            return box;
        }
        HorizontalLayout row = new HorizontalLayout();
        report.scores().forEach((measure, value) -> {
            Span score = new Span(measure + " " + String.format(Locale.ROOT, "%.3f", value));
            score.addClassName("series-score");
            score.getElement().setAttribute("data-measure", measure);
            score.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
            row.add(score);
        });
        box.add(row, new Paragraph("TRA: tracking accuracy (1 = every cell and link as in the reference); DET: cells"
                + " found; SEG: mean Jaccard of the reference cells."));
        return box;
    }

    private Div mergeCheck() {
        SeriesReport.MergeCheck m = report.merges();
        Div box = new Div(new H4("Merge check"));
        box.setId("series-merges");
        Paragraph line = new Paragraph(String.format(Locale.ROOT, "%d of %d cells (%.1f%%) grew by %.0f%% or more"
                + " since the previous frame: likely two cells segmented as one. The paper found 0.6%% in E. coli.",
                m.likelyMerges(), m.cellsWithPredecessor(), 100 * m.fraction(), 100 * m.threshold()));
        line.setId("series-merges-overall");
        box.add(line);
        if (!m.frames().isEmpty()) {
            Html bars = new Html("<div id='series-merges-bars'>" + FrameBarsSvg.render(m.frames()) + "</div>");
            box.add(bars);
        }
        List<SeriesReport.FrameMerges> worst = m.frames().stream().filter(f -> f.likelyMerges() > 0)
                .sorted((a, b) -> Integer.compare(b.likelyMerges(), a.likelyMerges())).limit(5).toList();
        if (!worst.isEmpty()) {
            box.add(new Paragraph("Most in frames " + String.join(", ", worst.stream().map(f -> (f.frame() + 1)
                    + " (" + f.likelyMerges() + " of " + f.cellsWithPredecessor() + ")").toList())
                    + "; merges.csv lists every frame."));
        }
        return box;
    }

    private Div figures() {
        Div box = new Div(new H4("Figures"));
        box.setId("series-figures");
        Div grid = new Div();
        grid.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        for (String name : report.figures()) {
            com.vaadin.flow.component.html.Image png = new com.vaadin.flow.component.html.Image(outputs()
                    + "figures/" + name + ".png", TrackingTexts.figureTitle(name));
            png.setMaxWidth("36rem");
            png.setWidthFull();
            png.addClassName("series-figure");
            png.getElement().setAttribute("data-figure", name);
            Div caption = new Div(new Span(TrackingTexts.figureTitle(name) + " \u00b7 "),
                    download("figures/" + name + ".svg", "SVG", null), new Span(" \u00b7 "),
                    download("figures/" + name + ".csv", "numbers (CSV)", null));
            caption.getStyle().set("font-size", "var(--lumo-font-size-s)");
            Div figure = new Div(png, caption);
            figure.getStyle().set("max-width", "36rem").set("flex", "1 1 24rem");
            grid.add(figure);
        }
        if (report.figures().isEmpty()) {
            grid.add(new Paragraph("The job drew no figures."));
        }
        box.add(grid);
        return box;
    }

    private HorizontalLayout downloads() {
        HorizontalLayout row = new HorizontalLayout(
                download("outputs.zip", "Everything (zip: CTC masks, res_track.txt, tables, figures)", "series-zip"),
                download("tracks.csv", "Tracks (CSV)", "series-tracks-csv"),
                download("growth.csv", "Growth (CSV)", "series-growth-csv"),
                download("merges.csv", "Merge check (CSV)", "series-merges-csv"),
                download("ctc/res_track.txt", "res_track.txt", "series-res-track"));
        if (report != null && report.figures().stream().anyMatch(f -> f.startsWith("ktr"))) {
            row.add(download("ktr.csv", "Kinase reporter (CSV)", "series-ktr-csv"));
        }
        row.getStyle().set("flex-wrap", "wrap").set("font-size", "var(--lumo-font-size-s)");
        return row;
    }

    private String outputs() {
        return "ui-series/labs/" + lab.id() + "/jobs/" + job.id() + "/";
    }

    private Anchor download(String path, String text, String id) {
        Anchor a = new Anchor(outputs() + path, text);
        if (id != null) {
            a.setId(id);
        }
        a.getElement().setAttribute("download", true);
        a.getElement().setAttribute("router-ignore", true);
        return a;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** "1 track", "3 tracks". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
