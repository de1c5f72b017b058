package org.labscale.api.project.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.project.service.ProjectService;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;

@Path("/api/v1")
@Tag(name = "Projects")
public class ProjectResource {

    @Inject
    ProjectService projects;

    @GET
    @Path("/labs/{labId}/projects")
    @Operation(summary = "A lab's projects, optionally those with a tag")
    public PageDto<ProjectDto> list(@PathParam("labId") UUID labId, @QueryParam("tag") String tag,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return projects.list(labId, tag, Paging.of(page, size));
    }

    @POST
    @Path("/labs/{labId}/projects")
    @Operation(summary = "Create a project (members and owners)")
    public Response create(@PathParam("labId") UUID labId, ProjectRequest request) {
        ProjectDto project = projects.create(labId, request);
        return Response.status(201).tag(Etags.of(project.version())).entity(project).build();
    }

    @GET
    @Path("/projects/{projectId}")
    @Operation(summary = "One project")
    public Response get(@PathParam("projectId") UUID projectId) {
        ProjectDto project = projects.get(projectId);
        return Response.ok(project).tag(Etags.of(project.version())).build();
    }

    @PATCH
    @Path("/projects/{projectId}")
    @Operation(summary = "Rename, describe or tag a project; honours If-Match")
    public Response update(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           ProjectRequest request) {
        ProjectDto project = projects.update(projectId, request, ifMatch);
        return Response.ok(project).tag(Etags.of(project.version())).build();
    }

    @DELETE
    @Path("/projects/{projectId}")
    @Operation(summary = "Delete a project with its images and annotations; honours If-Match")
    public void delete(@PathParam("projectId") UUID projectId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        projects.delete(projectId, ifMatch);
    }
}
