package org.labscale.api.image.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.Etags;
import org.labscale.api.image.service.UploadService;
import org.labscale.shared.image.CompleteUploadRequest;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.UploadRequest;
import org.labscale.shared.image.UploadTicketDto;

@Path("/api/v1")
@Tag(name = "Images")
public class UploadResource {

    @Inject
    UploadService uploads;

    @POST
    @Path("/projects/{projectId}/uploads")
    @Operation(summary = "Start a direct-to-S3 upload: answers a presigned PUT URL")
    public Response start(@PathParam("projectId") UUID projectId, UploadRequest request) {
        UploadTicketDto ticket = uploads.create(projectId, request);
        return Response.status(201).entity(ticket).build();
    }

    @POST
    @Path("/uploads/{uploadId}/complete")
    @Operation(summary = "Validate the uploaded file and register it as an image")
    public Response complete(@PathParam("uploadId") UUID uploadId, CompleteUploadRequest request) {
        ImageDto image = uploads.complete(uploadId, request);
        return Response.created(URI.create("/api/v1/images/" + image.id())).tag(Etags.of(image.version()))
                .entity(image).build();
    }
}
