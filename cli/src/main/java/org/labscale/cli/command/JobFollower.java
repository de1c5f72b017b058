package org.labscale.cli.command;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.labscale.cli.CliException;
import org.labscale.cli.ExitCodes;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.cli.http.Json;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobProgress;

/**
 * {@code jobs follow}: prints a job's changes from its server-sent events until it reaches a final state. A line is
 * printed only when something a person reads changed ({@link #changeKey}; not every metric, e.g. the loss, nor a
 * count in the message) or, while the job runs unchanged, every {@link #HEARTBEAT} as a sign of life. A stream that breaks off (a restarted API, a proxy's idle timeout) is reopened.
 */
final class JobFollower {

    /** An unchanged job is printed again after this long, so a long quiet phase still shows the job is alive. */
    static final Duration HEARTBEAT = Duration.ofMinutes(1);
    /** Pause before reconnecting a broken event stream, and how many breaks in a row are tolerated. */
    static final long RECONNECT_MILLIS = 1000;
    static final int MAX_RECONNECTS = 5;

    private final ApiClient api;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final Clock clock;
    private String lastKey;
    private Double lastEta;
    private Instant lastPrinted;

    JobFollower(ApiClient api, PrintWriter out, PrintWriter err, boolean json, Clock clock) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
        this.clock = clock;
    }

    /** Follows {@code jobId} to its end; answers 0 when it SUCCEEDED, 1 when it FAILED or was CANCELLED. */
    int follow(UUID jobId) {
        JobDto[] last = {null};
        int breaks = 0;
        while (true) {
            try {
                api.events(JobsCommand.path(jobId) + "/events", data -> {
                    JobDto job = parse(data);
                    if (job == null || job.state() == null) {
                        return true; // an event this client cannot read: skip it
                    }
                    show(job);
                    last[0] = job;
                    return !job.state().isFinal();
                });
                if (last[0] != null && last[0].state().isFinal()) {
                    return JobsCommand.exitCode(last[0], err);
                }
                // The stream ended early: read the job itself before reconnecting.
                JobDto now = api.get(JobsCommand.path(jobId), JobDto.class);
                if (now.state().isFinal()) {
                    show(now);
                    return JobsCommand.exitCode(now, err);
                }
                breaks = 0;
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNAVAILABLE || ++breaks > MAX_RECONNECTS) {
                    throw e;
                }
                err.println("labscale-cli: " + e.getMessage() + " Reconnecting (" + breaks + "/" + MAX_RECONNECTS
                        + ")...");
                err.flush();
            }
            sleep(RECONNECT_MILLIS * Math.max(1, breaks));
        }
    }

    /** Prints {@code job} when it differs from the last printed one, or when the heartbeat is due. */
    void show(JobDto job) {
        Instant now = clock.instant();
        String key = changeKey(job);
        Double eta = eta(job);
        boolean changed = !key.equals(lastKey) || etaMoved(eta);
        boolean heartbeat = lastPrinted != null && !job.state().isFinal()
                && !now.isBefore(lastPrinted.plus(HEARTBEAT));
        if (!changed && !heartbeat) {
            return;
        }
        if (json) {
            Output.jsonLine(out, job);
        } else {
            out.println(Output.time(now) + "  " + JobsCommand.summary(job) + JobsCommand.metrics(job.progress()));
            out.flush();
        }
        lastKey = key;
        lastEta = eta;
        lastPrinted = now;
    }

    /**
     * What must change for a new line, besides the ETA ({@link #etaMoved}): the state, attempt, whole percent, cancel
     * request, error and the message's words; not the counts inside the message ("batch 124 of 157", "about 69 min
     * left"), which move with every report while the percent already says how far the job is.
     */
    static String changeKey(JobDto job) {
        JobProgress p = job.progress();
        return String.join("|", String.valueOf(job.state()), String.valueOf(job.attempts()),
                String.valueOf(job.cancelRequested()), p == null || p.fraction() == null ? "-"
                        : String.valueOf(Math.round(p.fraction() * 100)),
                p == null || p.message() == null ? "-" : p.message().replaceAll("\\d+", "#"),
                job.error() == null ? "-" : job.error().code() + ": " + job.error().message());
    }

    private static Double eta(JobDto job) {
        return job.progress() == null ? null : job.progress().metrics().get(JobProgress.ETA_SECONDS);
    }

    /**
     * Whether the time left moved enough since the last line to be news: appeared, vanished, or by at least a
     * minute and a tenth of what it was (so an estimate that wobbles around a minute boundary prints nothing).
     */
    private boolean etaMoved(Double eta) {
        if (eta == null || lastEta == null) {
            return (eta == null) != (lastEta == null);
        }
        return Math.abs(eta - lastEta) >= Math.max(60, 0.1 * lastEta);
    }

    private static JobDto parse(String data) {
        try {
            return Json.mapper().readValue(data, JobDto.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unavailable("Interrupted while following the job.", e);
        }
    }

    /**
     * {@code under 1 min}, {@code 6 min}, {@code 2 h 05 min}: a duration at the precision people read an ETA with
     * (so an ETA that moves by seconds is not a change worth a line).
     */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return "under 1 min";
        }
        long minutes = Math.round(s / 60.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }
}
