package org.labscale.ui.views.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.training.TrainingPanel;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/jobs/:jobId}: one job, refreshed every few seconds until it is final: state, progress and its
 * latest metrics, attempts, worker, times, the error's sentence, what it was asked to do and what it produced;
 * members and owners cancel or retry it.
 */
@Route(value = "labs/:labId/jobs/:jobId", layout = MainLayout.class)
public class JobView extends LabPage {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Clock clock;
    private final TrainingService training;
    final Div body = new Div();
    private UUID jobId;
    private Registration polling;

    public JobView(LabscaleService service, Clock clock, TrainingService training) {
        super(service);
        this.clock = clock;
        this.training = training;
        body.setId("job");
        body.setWidthFull();
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        JobDto job = service.job(uuid(event, "jobId"));
        if (!job.labId().equals(lab.id())) {
            throw new NotFound();
        }
        jobId = job.id();
        crumb("Jobs", "labs/" + lab.id() + "/jobs");
        crumb(JobTexts.kind(job.kind()) + " " + job.id().toString().substring(0, 8), null);
        title(JobTexts.kind(job.kind()) + " job");
        add(body);
        show(job);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(JobsView.REFRESH_MS);
        polling = event.getUI().addPollListener(e -> {
            if (jobId != null) {
                call(() -> service.job(jobId)).ifPresent(this::show);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    private void show(JobDto job) {
        body.removeAll();
        H2 heading = new H2(JobTexts.kind(job.kind()) + " job");
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading, JobTexts.stateBadge(job));
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        if (canEdit()) {
            if (job.state() != null && !job.state().isFinal() && !job.cancelRequested()) {
                Button cancel = new Button("Cancel job", e -> call(() -> service.cancelJob(job.id())).ifPresent(this::show));
                cancel.setId("job-cancel");
                cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
                header.add(cancel);
            }
            if (job.state() == JobState.FAILED || job.state() == JobState.CANCELLED) {
                Button retry = new Button("Retry", e -> call(() -> service.retryJob(job.id())).ifPresent(this::show));
                retry.setId("job-retry");
                header.add(retry);
            }
        }
        if (job.kind() == org.labscale.shared.job.JobKind.SEGMENTATION) {
            com.vaadin.flow.component.html.Anchor results = new com.vaadin.flow.component.html.Anchor(
                    "labs/" + lab.id() + "/jobs/" + job.id() + "/results", "Results: overlays, cells, scores");
            results.setId("job-results");
            header.add(results);
        }
        if (job.kind() == JobKind.TRACKING) {
            com.vaadin.flow.component.html.Anchor series = new com.vaadin.flow.component.html.Anchor(
                    "labs/" + lab.id() + "/jobs/" + job.id() + "/series", "Series: tracks, lineages, figures");
            series.setId("job-series");
            header.add(series);
        }
        body.add(header);
        if (job.error() != null && job.error().message() != null) {
            Paragraph error = new Paragraph(job.error().message());
            error.setId("job-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
            body.add(error);
        }
        if (job.progress() != null) {
            if (job.progress().fraction() != null) {
                body.add(new ProgressBar(0, 1, job.progress().fraction()));
            }
            Span progress = new Span(JobTexts.progress(job));
            progress.setId("job-progress");
            body.add(progress);
        }
        if (job.kind() == JobKind.TRAINING) { // the curves first, where the page opens; the facts below them
            call(() -> training.curve(job.id())).ifPresent(curve -> body.add(new TrainingPanel(job, curve)));
        }
        body.add(facts(job));
        if (job.progress() != null && !job.progress().metrics().isEmpty()) {
            body.add(new H4("Latest metrics"), pre(new TreeMap<>(job.progress().metrics())));
        }
        body.add(new H4("Asked to do"), pre(job.payload()));
        if (job.result() != null) {
            body.add(new H4("Result"), pre(job.result()));
        }
        if (job.outputs() != null && !job.outputs().isEmpty()) {
            body.add(new H4("Outputs"), new Paragraph(String.join(", ", job.outputs())));
        }
    }

    private Div facts(JobDto job) {
        Div facts = new Div();
        facts.setId("job-facts");
        facts.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)").set("margin", "var(--lumo-space-m) 0");
        fact(facts, "Submitted", Formats.instant(job.createdAt()));
        fact(facts, "Started", Formats.instant(job.startedAt()));
        fact(facts, "Finished", Formats.instant(job.finishedAt()));
        fact(facts, "Ran for", JobTexts.duration(job, clock.instant()));
        fact(facts, "Attempts", job.attempts() + " of " + job.maxAttempts());
        fact(facts, "Worker", job.workerId() == null ? "" : job.workerId().toString());
        fact(facts, "Priority", Integer.toString(job.priority()));
        if (job.requiresGpu()) {
            fact(facts, "Needs", "a GPU with " + job.minGpuMemoryMb() + " MB");
        }
        return facts;
    }

    private static void fact(Div facts, String name, String value) {
        Span n = new Span(name);
        n.getStyle().set("color", "var(--lumo-secondary-text-color)");
        facts.add(n, new Span(value == null || value.isEmpty() ? "\u2014" : value));
    }

    private static Pre pre(Map<String, ?> value) {
        try {
            Pre pre = new Pre(JSON.writeValueAsString(value));
            pre.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("max-height", "20rem")
                    .set("overflow", "auto");
            return pre;
        } catch (JsonProcessingException e) {
            return new Pre(String.valueOf(value));
        }
    }
}
