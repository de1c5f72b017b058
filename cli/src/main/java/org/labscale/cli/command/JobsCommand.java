package org.labscale.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.labscale.cli.CliContext;
import org.labscale.cli.CliException;
import org.labscale.cli.ExitCodes;
import org.labscale.cli.Group;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.cli.http.Json;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs submit|list|get|cancel|retry|follow|download|outputs}. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Jobs (training, segmentation, self-tests) that the platform's workers run.",
        subcommands = {JobsCommand.Submit.class, JobsCommand.List.class, JobsCommand.Get.class,
                JobsCommand.Cancel.class, JobsCommand.Retry.class, JobsCommand.Follow.class,
                JobsCommand.Download.class, JobOutputsCommand.class, TrainCommand.class, SegmentCommand.class})
public final class JobsCommand extends Group {

    static String path(UUID job) {
        return "/api/v1/jobs/" + job;
    }

    /** Metrics that {@link #progress} shows in words rather than as {@code name=value}. */
    private static final Set<String> SHOWN_METRICS = Set.of(JobProgress.BATCH, JobProgress.BATCHES,
            JobProgress.ETA_SECONDS);

    /**
     * What people read of a job's progress: percent, batch within the epoch, message, time left (batch and time left
     * from the metrics, unless the message says them already).
     */
    static String progress(JobProgress p) {
        if (p == null) {
            return "";
        }
        StringJoiner s = new StringJoiner("  ");
        if (p.fraction() != null) {
            s.add(String.format(Locale.ROOT, "%3.0f%%", p.fraction() * 100));
        }
        Double batch = p.metrics().get(JobProgress.BATCH);
        Double batches = p.metrics().get(JobProgress.BATCHES);
        boolean messageSaysBatch = p.message() != null && p.message().contains("batch");
        if (batch != null && batches != null && !messageSaysBatch) {
            s.add("batch " + batch.longValue() + "/" + batches.longValue());
        }
        if (p.message() != null && !p.message().isBlank()) {
            s.add(p.message());
        }
        Double eta = p.metrics().get(JobProgress.ETA_SECONDS);
        boolean messageSaysEta = p.message() != null && p.message().contains(" left");
        if (eta != null && !messageSaysEta) {
            s.add("ETA " + JobFollower.duration(eta));
        }
        return s.toString();
    }

    /** The other metrics, e.g. {@code   [epoch=3 loss=0.4100]}; empty when there are none. */
    static String metrics(JobProgress p) {
        if (p == null) {
            return "";
        }
        StringJoiner m = new StringJoiner(" ", "  [", "]").setEmptyValue("");
        new TreeMap<>(p.metrics()).forEach((k, v) -> {
            if (!SHOWN_METRICS.contains(k)) {
                m.add(k + "=" + (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue())
                        : String.format(Locale.ROOT, "%.4g", v)));
            }
        });
        return m.toString();
    }

    /** A job in one line without its time and metrics: state, attempt, progress, cancel request, error. */
    static String summary(JobDto job) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s", job.state()));
        if (job.attempts() > 0) {
            b.append("  attempt ").append(job.attempts()).append('/').append(job.maxAttempts());
        }
        String p = progress(job.progress());
        if (!p.isEmpty()) {
            b.append("  ").append(p);
        }
        if (job.cancelRequested() && !job.state().isFinal()) {
            b.append("  (cancel requested)");
        }
        if (job.error() != null) {
            b.append("  error ").append(job.error().code()).append(": ").append(job.error().message());
        }
        return b.toString().stripTrailing();
    }

    /** What the platform expects the job to cost, and its warnings, as lines for people. */
    static java.util.List<String> estimate(JobEstimate e) {
        if (e == null) {
            return java.util.List.of();
        }
        java.util.List<String> lines = new ArrayList<>();
        lines.add("Estimate: about " + JobFollower.duration(e.seconds()) + " (" + JobFollower.duration(e.minSeconds())
                + " to " + JobFollower.duration(e.maxSeconds()) + ") on " + e.device() + ", "
                + String.format(Locale.ROOT, "%,d", e.patches()) + " patches at "
                + String.format(Locale.ROOT, "%,.0f", e.patchesPerSecond()) + " patches/s (" + e.rateSource() + ")"
                + " plus " + Math.round(e.fixedSeconds()) + " s fixed"
                + (e.cpuOnly() ? "; only CPU workers serve this lab" : "") + ".");
        JobEstimate.HeldOut h = e.heldOut();
        if (h != null) {
            lines.add("Held out: " + h.validationImages() + " image" + (h.validationImages() == 1 ? "" : "s")
                    + (h.validationImageIds().isEmpty() ? "" : " " + h.validationImageIds())
                    + (h.chosen() ? " (chosen)" : " (picked by the platform; choose with --validation-images)")
                    + "; " + h.trainingImages() + " left to train on"
                    + (h.heldOutCells() == null ? "" : "; " + h.heldOutCells() + " held-out cells") + ".");
        }
        e.warnings().forEach(w -> lines.add("Warning: " + w));
        return lines;
    }

    static void printDetail(PrintWriter out, JobDto j) {
        out.println("Job       " + j.id());
        out.println("Lab       " + j.labId());
        out.println("Kind      " + j.kind() + "  priority " + j.priority()
                + (j.requiresGpu() ? "  GPU" + (j.minGpuMemoryMb() > 0 ? " >= " + j.minGpuMemoryMb() + " MB" : "") : ""));
        out.println("State     " + j.state() + "  attempts " + j.attempts() + "/" + j.maxAttempts()
                + (j.cancelRequested() && !j.state().isFinal() ? "  (cancel requested)" : ""));
        String p = progress(j.progress()) + metrics(j.progress());
        if (!p.isEmpty()) {
            out.println("Progress  " + p.strip());
        }
        estimate(j.estimate()).forEach(line -> out.println("          " + line));
        if (j.error() != null) {
            out.println("Error     " + j.error().code() + ": " + j.error().message());
        }
        if (j.result() != null) {
            out.println("Result    " + compact(j.result()));
        }
        if (j.outputs() != null && !j.outputs().isEmpty()) {
            out.println("Outputs   " + String.join(", ", j.outputs()));
        }
        if (j.idempotencyKey() != null) {
            out.println("Key       " + j.idempotencyKey());
        }
        out.println("Created   " + Output.time(j.createdAt()));
        out.println("Started   " + Output.time(j.startedAt()));
        out.println("Finished  " + Output.time(j.finishedAt()));
        out.flush();
    }

    private static String compact(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** 0 for SUCCEEDED, 1 for FAILED or CANCELLED (saying why on standard error). */
    static int exitCode(JobDto job, PrintWriter err) {
        if (job.state() == JobState.SUCCEEDED) {
            return ExitCodes.OK;
        }
        err.println("labscale-cli: job " + job.id() + " " + job.state()
                + (job.error() == null ? "" : ": " + job.error().message() + " [" + job.error().code() + "]"));
        err.flush();
        return ExitCodes.REFUSED;
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit a job to a lab's queue; prints its id (with --follow, then its progress).",
                    "The payload is the JSON object of the kind, e.g. SELF_TEST: {\"steps\": 3, \"stepMillis\": 100}. "
                            + "With --idempotency-key, submitting again with the same key answers the same job "
                            + "instead of a second one, so a retried script never runs a job twice."})
    static final class Submit extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}.")
        JobKind kind;

        @Option(names = "--payload", paramLabel = "FILE",
                description = "The payload: a JSON file, or '-' for standard input. Default: {} (every default).")
        String payload;

        @Mixin
        JobSubmitOptions submit;

        Submit(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, Object> body = readPayload();
            ApiClient api = ctx.api();
            return submit.submit(ctx, json(), api, lab(api, lab), kind, body);
        }

        private Map<String, Object> readPayload() {
            if (payload == null) {
                return Map.of();
            }
            String where = "-".equals(payload) ? "standard input" : payload;
            try (InputStream in = "-".equals(payload) ? ctx.in() : Files.newInputStream(Path.of(payload))) {
                Map<String, Object> map = Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {
                });
                if (map == null) {
                    throw CliException.usage("The payload in " + where + " is null; give a JSON object, e.g. {}.");
                }
                return map;
            } catch (JsonProcessingException e) {
                throw CliException.usage("The payload in " + where + " is not a JSON object: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw CliException.usage("Cannot read the payload " + where + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a lab's jobs, newest first.")
    static final class List extends ApiCommand {

        @Option(names = "--lab", required = true, paramLabel = "LAB", description = "Lab id or slug.")
        String lab;

        @Option(names = "--state", paramLabel = "STATE", description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
        JobState state;

        @Option(names = "--kind", paramLabel = "KIND", description = "Only jobs of this kind.")
        JobKind kind;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most N jobs (default ${DEFAULT-VALUE}).")
        int limit;

        List(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ApiClient api = ctx.api();
            StringBuilder path = new StringBuilder("/api/v1/labs/").append(lab(api, lab)).append("/jobs");
            String sep = "?";
            if (state != null) {
                path.append(sep).append("state=").append(state.name());
                sep = "&";
            }
            if (kind != null) {
                path.append(sep).append("kind=").append(kind.name());
            }
            var listing = api.list(path.toString(), JobDto.class, limit);
            if (json()) {
                Output.json(out(), listing.items());
            } else {
                Output.Table table = new Output.Table("ID", "KIND", "STATE", "ATTEMPTS", "PROGRESS", "CREATED");
                listing.items().forEach(j -> table.row(j.id(), j.kind(), j.state(), j.attempts() + "/" + j.maxAttempts(),
                        progress(j.progress()), Output.time(j.createdAt())));
                table.print(out());
            }
            warnIfTruncated(listing, "jobs");
            return 0;
        }
    }

    /** get, cancel and retry: one job in, one job out. */
    abstract static class OneJob extends ApiCommand {

        @Parameters(index = "0", paramLabel = "JOB_ID", description = "Job id.")
        UUID job;

        OneJob(CliContext ctx) {
            super(ctx);
        }

        abstract JobDto act(ApiClient api);

        @Override
        public Integer call() {
            JobDto j = act(ctx.api());
            if (json()) {
                Output.json(out(), j);
            } else {
                printDetail(out(), j);
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one job.")
    static final class Get extends OneJob {
        Get(CliContext ctx) {
            super(ctx);
        }

        @Override
        JobDto act(ApiClient api) {
            return api.get(path(job), JobDto.class);
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a job: a queued one at once, a running one at its worker's next heartbeat.")
    static final class Cancel extends OneJob {
        Cancel(CliContext ctx) {
            super(ctx);
        }

        @Override
        JobDto act(ApiClient api) {
            return api.post(path(job) + "/cancel", null, JobDto.class);
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queue a FAILED or CANCELLED job again with fresh attempts.")
    static final class Retry extends OneJob {
        Retry(CliContext ctx) {
            super(ctx);
        }

        @Override
        JobDto act(ApiClient api) {
            return api.post(path(job) + "/retry", null, JobDto.class);
        }
    }

    @Command(name = "follow", mixinStandardHelpOptions = true,
            description = {"Print a job's progress as it happens (server-sent events) until it ends: a line when "
                    + "its state, attempt, percent, batch, message, ETA or error changes, and once a minute while "
                    + "it runs unchanged.",
                    "Exits 0 when it SUCCEEDED, 1 when it FAILED or was CANCELLED. With --json, one JSON job per "
                            + "line."})
    static final class Follow extends ApiCommand {

        @Parameters(index = "0", paramLabel = "JOB_ID", description = "Job id.")
        UUID job;

        Follow(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return new JobFollower(ctx.api(), out(), err(), json(), ctx.clock()).follow(job);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Save a SUCCEEDED job's result into a folder: result.json (what the job reported) and "
                    + "job.json (the whole job).",
                    "The output objects themselves: 'jobs outputs'."})
    static final class Download extends ApiCommand {

        @Parameters(index = "0", paramLabel = "JOB_ID", description = "Job id.")
        UUID job;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write into.")
        Path dir;

        Download(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            JobDto j = ctx.api().get(path(job), JobDto.class);
            if (j.state() != JobState.SUCCEEDED) {
                throw CliException.refused("Job " + job + " is " + j.state() + "; it has results once it SUCCEEDED.");
            }
            try {
                Files.createDirectories(dir);
                Path result = dir.resolve("result.json");
                Path whole = dir.resolve("job.json");
                var writer = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT);
                Files.writeString(result, writer.writeValueAsString(j.result() == null ? Map.of() : j.result()) + "\n");
                Files.writeString(whole, writer.writeValueAsString(j) + "\n");
                if (json()) {
                    Output.json(out(), j);
                } else {
                    out().println(result);
                    out().println(whole);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing into " + dir + " failed", e);
            }
            if (j.outputs() != null && !j.outputs().isEmpty()) {
                err().println("labscale-cli: the job also stored " + j.outputs().size() + " output object(s); "
                        + "download them with: labscale-cli jobs outputs " + job + " --zip FILE");
            }
            return 0;
        }
    }
}
