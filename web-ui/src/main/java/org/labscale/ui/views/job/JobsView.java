package org.labscale.ui.views.job;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/jobs[?state=&kind=]}: the lab's jobs, newest first, in a lazy grid that asks the API for one
 * page per screenful (so 10,000 jobs cost what 50 do), filtered by state and kind (kept in the URL), refreshed every
 * few seconds while shown; members and owners cancel and retry (viewers see no such buttons). A failed job shows its
 * error's sentence.
 */
@Route(value = "labs/:labId/jobs", layout = MainLayout.class)
public class JobsView extends LabPage {

    /** How often the list refreshes while shown. */
    static final int REFRESH_MS = 3000;

    final Grid<JobDto> grid = new Grid<>(JobDto.class, false);
    final Select<JobState> state = new Select<>();
    final Select<JobKind> kind = new Select<>();
    private final Clock clock;
    private Registration polling;

    public JobsView(LabscaleService service, Clock clock) {
        super(service);
        this.clock = clock;
        grid.setId("jobs-grid");
        grid.addColumn(new ComponentRenderer<>(j -> new Anchor("labs/" + j.labId() + "/jobs/" + j.id(),
                JobTexts.kind(j.kind())))).setKey("kind").setHeader("Job").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(JobTexts::stateBadge)).setKey("state").setHeader("State")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(JobsView::progress)).setKey("progress").setHeader("Progress")
                .setWidth("14rem").setFlexGrow(0);
        grid.addColumn(j -> j.attempts() + " of " + j.maxAttempts()).setKey("attempts").setHeader("Attempts")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(j -> j.workerId() == null ? "" : j.workerId().toString().substring(0, 8)).setKey("worker")
                .setHeader("Worker").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(j -> Formats.instant(j.createdAt())).setKey("created").setHeader("Submitted").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(j -> JobTexts.duration(j, clock.instant())).setKey("duration").setHeader("Ran for")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(JobTexts::error).setKey("error").setHeader("Error").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setVisible(false);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();

        state.setId("jobs-state");
        state.setLabel("State");
        state.setItems(JobState.values());
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any");
        state.setItemLabelGenerator(s -> s == null ? "Any" : s.name().charAt(0) + s.name().substring(1)
                .toLowerCase(Locale.ROOT));
        kind.setId("jobs-kind");
        kind.setLabel("Kind");
        kind.setItems(JobKind.values());
        kind.setEmptySelectionAllowed(true);
        kind.setEmptySelectionCaption("Any");
        kind.setItemLabelGenerator(k -> k == null ? "Any" : JobTexts.kind(k));
        state.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                filtersChanged();
            }
        });
        kind.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                filtersChanged();
            }
        });
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Jobs of " + lab.name());
        crumb("Jobs", null);
        QueryParameters q = event.getLocation().getQueryParameters();
        state.setValue(q.getSingleParameter("state").map(JobsView::stateOf).orElse(null));
        kind.setValue(q.getSingleParameter("kind").map(JobsView::kindOf).orElse(null));
        grid.getColumnByKey("actions").setVisible(canEdit());
        H2 heading = new H2("Jobs");
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading, state, kind);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (canEdit()) {
            com.vaadin.flow.component.html.Anchor track = new com.vaadin.flow.component.html.Anchor(
                    "labs/" + lab.id() + "/track", "Track cells over time");
            track.setId("jobs-track");
            header.add(track);
        }
        add(header, grid);
        setFlexGrow(1, grid);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()), query -> count());
    }

    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        ui.setPollInterval(REFRESH_MS);
        polling = ui.addPollListener(e -> {
            if (lab != null) {
                grid.getDataProvider().refreshAll();
            }
        });
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    private Stream<JobDto> fetch(int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), 200);
        return call(() -> service.jobPage(lab.id(), state.getValue(), kind.getValue(), offset / size, size))
                .map(p -> p.items().stream()).orElse(Stream.empty());
    }

    private int count() {
        return call(() -> service.jobPage(lab.id(), state.getValue(), kind.getValue(), 0, 1))
                .map(p -> (int) Math.min(Integer.MAX_VALUE, p.total())).orElse(0);
    }

    private void filtersChanged() {
        Map<String, String> params = new HashMap<>();
        if (state.getValue() != null) {
            params.put("state", state.getValue().name());
        }
        if (kind.getValue() != null) {
            params.put("kind", kind.getValue().name());
        }
        getUI().ifPresent(ui -> ui.navigate("labs/" + lab.id() + "/jobs", QueryParameters.simple(params)));
    }

    private static com.vaadin.flow.component.Component progress(JobDto job) {
        Span text = new Span(JobTexts.progress(job));
        text.getStyle().set("font-size", "var(--lumo-font-size-xs)");
        if (job.state() != JobState.RUNNING || job.progress() == null || job.progress().fraction() == null) {
            return text;
        }
        ProgressBar bar = new ProgressBar(0, 1, job.progress().fraction());
        com.vaadin.flow.component.html.Div box = new com.vaadin.flow.component.html.Div(bar, text);
        box.setWidthFull();
        return box;
    }

    private HorizontalLayout actions(JobDto job) {
        HorizontalLayout buttons = new HorizontalLayout();
        if (job.state() != null && !job.state().isFinal() && !job.cancelRequested()) {
            Button cancel = new Button("Cancel", e -> call(() -> service.cancelJob(job.id()))
                    .ifPresent(j -> grid.getDataProvider().refreshAll()));
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            cancel.getElement().setAttribute("data-action", "cancel");
            buttons.add(cancel);
        }
        if (job.state() == JobState.FAILED || job.state() == JobState.CANCELLED) {
            Button retry = new Button("Retry", e -> call(() -> service.retryJob(job.id()))
                    .ifPresent(j -> grid.getDataProvider().refreshAll()));
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            retry.getElement().setAttribute("data-action", "retry");
            buttons.add(retry);
        }
        return buttons;
    }

    static JobState stateOf(String s) {
        try {
            return JobState.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static JobKind kindOf(String s) {
        try {
            return JobKind.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
