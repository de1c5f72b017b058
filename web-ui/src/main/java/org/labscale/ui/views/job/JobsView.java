package org.labscale.ui.views.job;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.labscale.shared.api.PageDto;
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
    private PageDto<JobDto> countedPage;

    public JobsView(LabscaleService service, Clock clock) {
        super(service);
        this.clock = clock;
        grid.setId("jobs-grid");
        // Lit templates, not server-side components: a row costs the browser one template instance and the server a
        // few JSON properties, so the first rows show after one small answer (ComponentRenderers sent and attached
        // four component trees per row).
        grid.addColumn(LitRenderer.<JobDto>of("<a href=\"${item.href}\">${item.kind}</a>")
                .withProperty("href", j -> "labs/" + j.labId() + "/jobs/" + j.id())
                .withProperty("kind", j -> JobTexts.kind(j.kind())))
                .setKey("kind").setHeader("Job").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LitRenderer.<JobDto>of("<span theme=\"${item.badge}\" class=\"job-state\">${item.state}</span>")
                .withProperty("badge", JobTexts::badgeTheme)
                .withProperty("state", JobTexts::state))
                .setKey("state").setHeader("State").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LitRenderer.<JobDto>of("<div style=\"width: 100%\">"
                        + "<vaadin-progress-bar ?hidden=\"${item.fraction === null}\" .value=\"${item.fraction}\">"
                        + "</vaadin-progress-bar>"
                        + "<span style=\"font-size: var(--lumo-font-size-xs)\">${item.progress}</span></div>")
                .withProperty("fraction", JobsView::runningFraction)
                .withProperty("progress", JobTexts::progress))
                .setKey("progress").setHeader("Progress").setWidth("14rem").setFlexGrow(0);
        grid.addColumn(j -> j.attempts() + " of " + j.maxAttempts()).setKey("attempts").setHeader("Attempts")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(j -> j.workerId() == null ? "" : j.workerId().toString().substring(0, 8)).setKey("worker")
                .setHeader("Worker").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(j -> Formats.instant(j.createdAt())).setKey("created").setHeader("Submitted").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(j -> JobTexts.duration(j, clock.instant())).setKey("duration").setHeader("Ran for")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(JobTexts::error).setKey("error").setHeader("Error").setFlexGrow(1);
        grid.addColumn(LitRenderer.<JobDto>of("<vaadin-button theme=\"small error tertiary\" data-action=\"cancel\""
                        + " ?hidden=\"${!item.cancellable}\" @click=\"${cancel}\">Cancel</vaadin-button>"
                        + "<vaadin-button theme=\"small tertiary\" data-action=\"retry\" ?hidden=\"${!item.retryable}\""
                        + " @click=\"${retry}\">Retry</vaadin-button>")
                .withProperty("cancellable", JobsView::cancellable)
                .withProperty("retryable", JobsView::retryable)
                .withFunction("cancel", j -> act(cancellable(j), () -> service.cancelJob(j.id())))
                .withFunction("retry", j -> act(retryable(j), () -> service.retryJob(j.id()))))
                .setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0).setVisible(false);
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
        PageDto<JobDto> counted = countedPage;
        countedPage = null;
        if (counted != null && offset == 0 && limit <= counted.size()) {
            return counted.items().stream().limit(limit); // the count's read already holds these rows
        }
        int size = Math.min(Math.max(limit, 1), 200);
        return call(() -> service.jobPage(lab.id(), state.getValue(), kind.getValue(), offset / size, size))
                .map(p -> p.items().stream()).orElse(Stream.empty());
    }

    /** The number of jobs, read with the first screenful of rows, which the grid asks for right after. */
    private int count() {
        int size = grid.getPageSize();
        countedPage = null;
        return call(() -> service.jobPage(lab.id(), state.getValue(), kind.getValue(), 0, size)).map(p -> {
            countedPage = p.items().isEmpty() ? null : p;
            return (int) Math.min(Integer.MAX_VALUE, p.total());
        }).orElse(0);
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

    /** A running job's fraction done (0 to 1), else null: only running jobs show a bar. */
    static Double runningFraction(JobDto job) {
        return job.state() == JobState.RUNNING && job.progress() != null ? job.progress().fraction() : null;
    }

    static boolean cancellable(JobDto job) {
        return job.state() != null && !job.state().isFinal() && !job.cancelRequested();
    }

    static boolean retryable(JobDto job) {
        return job.state() == JobState.FAILED || job.state() == JobState.CANCELLED;
    }

    /** Cancels or retries from a row's button; only members and owners see the buttons, and the API checks again. */
    private void act(boolean allowed, Supplier<JobDto> action) {
        if (allowed && canEdit()) {
            call(action).ifPresent(j -> grid.getDataProvider().refreshAll());
        }
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
