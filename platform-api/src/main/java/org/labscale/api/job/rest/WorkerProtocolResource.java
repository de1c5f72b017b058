package org.labscale.api.job.rest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerResponse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.account.security.WorkerCaller;
import org.labscale.api.account.security.WorkerEndpoint;
import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.job.service.JobQueue;
import org.labscale.api.job.service.LeasePolls;
import org.labscale.api.job.service.WorkerProfile;
import org.labscale.api.job.service.WorkerService;
import org.labscale.shared.job.CompleteRequest;
import org.labscale.shared.job.FailRequest;
import org.labscale.shared.job.HeartbeatRequest;
import org.labscale.shared.job.HeartbeatResponse;
import org.labscale.shared.job.LeaseRequest;
import org.labscale.shared.job.ReleaseRequest;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.job.WorkerRegistration;

/**
 * The worker protocol (see {@code org.labscale.shared.job} in shared-models). Only worker tokens may call it.
 */
@Path("/api/v1/worker")
@Tag(name = "Worker protocol")
@WorkerEndpoint
public class WorkerProtocolResource {

    @Inject
    WorkerCaller worker;

    @Inject
    WorkerService workers;

    @Inject
    JobQueue queue;

    @Inject
    LeasePolls polls;

    @Inject
    LabscaleConfig config;

    @POST
    @Path("/register")
    @Operation(summary = "Declare what this worker offers (device, GPU memory, kinds, slots)")
    public WorkerDto register(WorkerRegistration registration) {
        return workers.register(worker.workerId(), registration);
    }

    /**
     * The long poll ({@link LeasePolls}): claims at once when a job is ready; otherwise waits, holding no thread, for a
     * notification (or the fallback poll) and claims again, until the wait is over. 429 when the worker token or its
     * lab already has as many polls waiting as allowed.
     */
    @POST
    @Path("/lease")
    @Blocking
    @Operation(summary = "Lease a job: 200 with the lease, or 204 when none came within the wait (long poll); 429 "
            + "when this worker (one per slot) or its lab has too many lease requests waiting")
    public CompletionStage<Response> lease(LeaseRequest request, @Context HttpServerResponse connection) {
        WorkerProfile self = worker.registered();
        return leaseWithin(self, request, wait(request, "waitSeconds"), connection);
    }

    private CompletionStage<Response> leaseWithin(WorkerProfile self, LeaseRequest request, Duration wait,
                                                  HttpServerResponse connection) {
        return polls.lease(self, request == null ? null : request.kinds(), wait, connection::closed)
                .thenApply(lease -> lease.map(l -> Response.ok(l).build()).orElseGet(() -> Response.noContent().build()));
    }

    /** The wait a lease request asks for, checked against the server's limit. */
    private Duration wait(LeaseRequest request, String field) {
        Duration max = config.jobs().maxLeaseWait();
        Duration wait = request == null || request.waitSeconds() == null ? max : Duration.ofSeconds(request.waitSeconds());
        if (wait.isNegative() || wait.compareTo(max) > 0) {
            throw ApiException.invalidField(field, field + " must be between 0 and " + max.toSeconds()
                    + ", not " + wait.toSeconds() + ".");
        }
        return wait;
    }

    @POST
    @Path("/jobs/{jobId}/heartbeat")
    @Operation(summary = "Extend the lease, report progress, learn whether the job was cancelled; 409 lease.lost")
    public HeartbeatResponse heartbeat(@PathParam("jobId") UUID jobId, HeartbeatRequest request) {
        return queue.heartbeat(worker.workerId(), jobId, request);
    }

    @POST
    @Path("/jobs/{jobId}/complete")
    @Operation(summary = "The attempt succeeded: record its result and outputs; 409 lease.lost. With 'next', also "
            + "lease the next job in the same round trip: 200 with the lease, or 204")
    @Blocking
    public CompletionStage<Response> complete(@PathParam("jobId") UUID jobId, CompleteRequest request,
                                              @Context HttpServerResponse connection) {
        LeaseRequest next = request == null ? null : request.next();
        Duration wait = next == null ? null : wait(next, "next.waitSeconds"); // refused before anything is recorded
        queue.complete(worker.workerId(), jobId, request);
        WorkerProfile self = worker.profile();
        if (next == null || !self.registered()) {
            // the completion stands; an unregistered worker registers, then leases
            return CompletableFuture.completedFuture(Response.noContent().build());
        }
        try {
            return leaseWithin(self, next, wait, connection);
        } catch (ApiException refused) {
            if (refused.status() != 429) {
                throw refused;
            }
            // too many polls waiting: the completion stands, and the worker gets no lease now, as when none is ready
            return CompletableFuture.completedFuture(Response.noContent().build());
        }
    }

    @POST
    @Path("/jobs/{jobId}/fail")
    @Operation(summary = "The attempt failed: retry with backoff or fail the job; 409 lease.lost")
    public void fail(@PathParam("jobId") UUID jobId, FailRequest request) {
        queue.fail(worker.workerId(), jobId, request);
    }

    @POST
    @Path("/jobs/{jobId}/release")
    @Operation(summary = "Hand the job back unfinished (shutdown): queued again at once; 409 lease.lost")
    public void release(@PathParam("jobId") UUID jobId, ReleaseRequest request) {
        queue.release(worker.workerId(), jobId, request);
    }
}
