package org.labscale.ui.views.job;

import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;

/** How a job's kind, state, duration and error read for people. */
final class JobTexts {

    private JobTexts() {
    }

    static String kind(JobKind kind) {
        return kind == null ? "" : switch (kind) {
            case TRAINING -> "Training";
            case SEGMENTATION -> "Segmentation";
            case TRACKING -> "Tracking";
            case TRACKING_FRAMES -> "Tracking (frames)";
            case SELF_TEST -> "Self-test";
        };
    }

    static String state(JobDto job) {
        if (job.state() == null) {
            return "";
        }
        String s = job.state().name().charAt(0) + job.state().name().substring(1).toLowerCase(Locale.ROOT);
        return job.cancelRequested() && job.state() == JobState.RUNNING ? s + " (cancelling)" : s;
    }

    /** The Lumo badge theme of a job's state: green succeeded, red failed, grey queued or cancelled, else blue. */
    static String badgeTheme(JobDto job) {
        return job.state() == JobState.SUCCEEDED ? "badge success" : job.state() == JobState.FAILED ? "badge error"
                : job.state() == JobState.QUEUED || job.state() == JobState.CANCELLED ? "badge contrast" : "badge";
    }

    /** A Lumo badge coloured by state ({@link #badgeTheme}). */
    static Span stateBadge(JobDto job) {
        Span badge = new Span(state(job));
        badge.getElement().setAttribute("theme", badgeTheme(job));
        badge.addClassName("job-state");
        return badge;
    }

    /** "2 min 5 s" from start to finish (or to {@code now} while running); empty before it started. */
    static String duration(JobDto job, Instant now) {
        if (job.startedAt() == null) {
            return "";
        }
        Duration d = Duration.between(job.startedAt(), job.finishedAt() != null ? job.finishedAt() : now);
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    /** The sentence of the last attempt's error, or empty. */
    static String error(JobDto job) {
        return job.error() == null || job.error().message() == null ? "" : job.error().message();
    }

    static String progress(JobDto job) {
        if (job.progress() == null) {
            return "";
        }
        String pct = job.progress().fraction() == null ? "" : Math.round(job.progress().fraction() * 100) + " %";
        String msg = job.progress().message() == null ? "" : job.progress().message();
        return (pct + (pct.isEmpty() || msg.isEmpty() ? "" : " \u00b7 ") + msg).strip();
    }
}
