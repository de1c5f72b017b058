package org.labscale.api.job.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Paging;
import org.labscale.api.job.service.JobService;
import org.labscale.api.job.service.WorkerService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.CreateWorkerRequest;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.WorkerDto;

/** Worker credentials (lab owners for their lab, the administrator for shared workers) and labs' job quotas. */
@Path("/api/v1")
@Tag(name = "Workers")
public class WorkerAdminResource {

    @Inject
    WorkerService workers;

    @Inject
    JobService jobs;

    @POST
    @Path("/labs/{labId}/workers")
    @Operation(summary = "Create a worker that serves only this lab (owners); the token is shown once")
    public Response createForLab(@PathParam("labId") UUID labId, CreateWorkerRequest request) {
        return Response.status(201).entity(workers.createForLab(labId, request)).build();
    }

    @GET
    @Path("/labs/{labId}/workers")
    @Operation(summary = "The lab's own workers")
    public PageDto<WorkerDto> listForLab(@PathParam("labId") UUID labId, @QueryParam("page") Integer page,
                                         @QueryParam("size") Integer size) {
        return workers.listForLab(labId, Paging.of(page, size));
    }

    @DELETE
    @Path("/labs/{labId}/workers/{workerId}")
    @Operation(summary = "Revoke one of the lab's workers (owners)")
    public void revokeForLab(@PathParam("labId") UUID labId, @PathParam("workerId") UUID workerId) {
        workers.revokeForLab(labId, workerId);
    }

    @POST
    @Path("/admin/workers")
    @Operation(summary = "Create a shared worker that serves every lab (administrators); the token is shown once")
    public Response createShared(CreateWorkerRequest request) {
        return Response.status(201).entity(workers.createShared(request)).build();
    }

    @GET
    @Path("/admin/workers")
    @Operation(summary = "Shared workers (administrators)")
    public PageDto<WorkerDto> listShared(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return workers.listShared(Paging.of(page, size));
    }

    @DELETE
    @Path("/admin/workers/{workerId}")
    @Operation(summary = "Revoke a shared worker (administrators)")
    public void revokeShared(@PathParam("workerId") UUID workerId) {
        workers.revokeShared(workerId);
    }

    @GET
    @Path("/admin/labs/{labId}/job-quota")
    @Operation(summary = "A lab's concurrency quota and running jobs (administrators)")
    public JobQuotaDto quota(@PathParam("labId") UUID labId) {
        return jobs.quota(labId);
    }

    @PUT
    @Path("/admin/labs/{labId}/job-quota")
    @Operation(summary = "Set how many of a lab's jobs may run at once (administrators)")
    public JobQuotaDto setQuota(@PathParam("labId") UUID labId, JobQuotaDto request) {
        return jobs.setQuota(labId, request);
    }
}
