package org.labscale.cli.command;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.labscale.cli.CliContext;
import org.labscale.cli.Output;
import org.labscale.cli.http.ApiClient;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SubmitJobRequest;

import picocli.CommandLine.Option;

/**
 * The options every job-submitting command shares ({@code jobs submit}, {@code jobs train}, {@code jobs segment}),
 * and the submission itself: the job's id on standard output, the platform's estimate on standard error, then, with
 * {@code --follow}, its progress until it ends.
 */
public final class JobSubmitOptions {

    @Option(names = "--priority", paramLabel = "N", description = "-10 to 10 (default 0); higher runs first.")
    Integer priority;

    @Option(names = "--max-attempts", paramLabel = "N", description = "1 to 10 (default 3).")
    Integer maxAttempts;

    @Option(names = "--requires-gpu", description = "Run only on a CUDA worker.")
    boolean requiresGpu;

    @Option(names = "--min-gpu-memory", paramLabel = "MB", description = "Only workers with this much GPU memory.")
    Integer minGpuMemoryMb;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "The same key in the same lab answers the same job.")
    String idempotencyKey;

    @Option(names = "--follow", description = "Then follow it like 'jobs follow' (and exit like it).")
    boolean follow;

    /** Submits a job of {@code kind} with {@code payload} to {@code labId} and reports it; answers the exit code. */
    int submit(CliContext ctx, boolean json, ApiClient api, UUID labId, JobKind kind, Map<String, Object> payload) {
        Map<String, String> headers = new HashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        SubmitJobRequest request = new SubmitJobRequest(kind, payload, priority, maxAttempts,
                requiresGpu ? Boolean.TRUE : null, minGpuMemoryMb);
        ApiClient.Answer<JobDto> answer = api.send("POST", "/api/v1/labs/" + labId + "/jobs", request, headers,
                api.json().constructType(JobDto.class));
        JobDto job = answer.body();
        if (json) {
            if (follow) {
                Output.jsonLine(ctx.out(), job);
            } else {
                Output.json(ctx.out(), job);
            }
        } else {
            ctx.out().println(job.id());
            ctx.out().flush();
            ctx.err().println(answer.status() == 200
                    ? "Idempotency key '" + idempotencyKey + "' was already used: job " + job.id() + " is "
                            + job.state() + "."
                    : "Submitted " + job.kind() + " job " + job.id() + " (" + job.state() + ").");
            JobsCommand.estimate(job.estimate()).forEach(ctx.err()::println);
            ctx.err().flush();
        }
        if (!follow) {
            return 0;
        }
        if (job.state().isFinal()) {
            if (!json) {
                ctx.out().println(Output.time(ctx.clock().instant()) + "  " + JobsCommand.summary(job));
            }
            return JobsCommand.exitCode(job, ctx.err());
        }
        return new JobFollower(api, ctx.out(), ctx.err(), json, ctx.clock()).follow(job.id());
    }
}
