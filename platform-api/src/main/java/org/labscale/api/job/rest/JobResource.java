package org.labscale.api.job.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.job.service.JobEvents;
import org.labscale.api.job.service.JobService;
import org.labscale.api.job.service.StreamAccess;
import org.labscale.api.job.service.TrainingCurve;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import java.util.List;

@Path("/api/v1")
@Tag(name = "Jobs")
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    JobEvents live;

    @Inject
    StreamAccess access;

    @Inject
    TrainingCurve curves;

    @POST
    @Path("/labs/{labId}/jobs")
    @Operation(summary = "Submit a job (members); with Idempotency-Key, a repeat answers the same job with 200")
    public Response submit(@PathParam("labId") UUID labId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                           SubmitJobRequest request) {
        JobService.Submitted submitted = jobs.submit(labId, idempotencyKey, request);
        return Response.status(submitted.created() ? 201 : 200).tag(Etags.of(submitted.job().version()))
                .entity(submitted.job()).build();
    }

    @GET
    @Path("/labs/{labId}/jobs")
    @Operation(summary = "A lab's jobs, newest first, optionally by state and kind")
    public PageDto<JobDto> list(@PathParam("labId") UUID labId, @QueryParam("state") String state,
                                @QueryParam("kind") String kind, @QueryParam("page") Integer page,
                                @QueryParam("size") Integer size) {
        return jobs.list(labId, state, kind, Paging.of(page, size));
    }

    @GET
    @Path("/labs/{labId}/job-quota")
    @Operation(summary = "How many of the lab's jobs may run at once and how many run now (members)")
    public JobQuotaDto quota(@PathParam("labId") UUID labId) {
        return jobs.labQuota(labId);
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(summary = "One job")
    public Response get(@PathParam("jobId") UUID jobId) {
        JobDto job = jobs.get(jobId);
        return Response.ok(job).tag(Etags.of(job.version())).build();
    }

    @POST
    @Path("/jobs/{jobId}/cancel")
    @Operation(summary = "Cancel a job (members): a queued one at once, a running one at its next heartbeat")
    public Response cancel(@PathParam("jobId") UUID jobId) {
        JobDto job = jobs.cancel(jobId);
        return Response.ok(job).tag(Etags.of(job.version())).build();
    }

    @POST
    @Path("/jobs/{jobId}/retry")
    @Operation(summary = "Queue a failed or cancelled job again with fresh attempts (members)")
    public Response retry(@PathParam("jobId") UUID jobId) {
        JobDto job = jobs.retry(jobId);
        return Response.ok(job).tag(Etags.of(job.version())).build();
    }

    @GET
    @Path("/jobs/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Follow a job live: server-sent events, one job per change; ends after its final state, or "
            + "within labscale.jobs.events-access-check once the token is revoked or the caller left the lab")
    public Multi<JobDto> events(@PathParam("jobId") UUID jobId) {
        JobDto job = jobs.get(jobId); // the access check before the stream opens: strangers get the plain 404
        return live.follow(job, access.grant(job.labId())); // and again while it streams
    }

    @GET
    @Path("/jobs/{jobId}/curve")
    @Operation(summary = "The training curve of a TRAINING job so far: loss and per-class accuracy per ensemble member "
            + "and validated epoch, as its worker reported them (the model card's trainingCurves while it runs)")
    public List<EpochMetrics> curve(@PathParam("jobId") UUID jobId) {
        return curves.of(jobId);
    }
}
