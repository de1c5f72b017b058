package org.labscale.api.job.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.rest.Downloads;
import org.labscale.api.job.service.JobOutputService;
import org.labscale.api.overlay.OverlayTileResource;
import org.labscale.api.overlay.OverlayTiles;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.job.JobOutputDto;

@Path("/api/v1/labs/{labId}/jobs/{jobId}")
@Tag(name = "Jobs")
public class JobOutputResource {

    @Inject
    JobOutputService outputs;

    @Inject
    ObjectStore store;

    @Inject
    LabscaleConfig config;

    @Inject
    OverlayTiles overlayTiles;

    @GET
    @Path("/outputs")
    @Operation(summary = "The objects the job's successful attempt stored, with sizes")
    public List<JobOutputDto> list(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId) {
        return outputs.list(labId, jobId);
    }

    @GET
    @Path("/outputs/{name: .+}")
    @Operation(summary = "One output: 307 to a short-lived presigned S3 URL")
    public Response one(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId,
                        @PathParam("name") String name) {
        JobOutputService.Stored output = outputs.one(labId, jobId, name);
        String fileName = output.name().replace('/', '_');
        return Response.temporaryRedirect(URI.create(store.presignGet(output.key(), config.upload().presignTtl(),
                fileName))).build();
    }

    @GET
    @Path("/output-files/{name: .+}")
    @Operation(summary = "One output's bytes, streamed by the API (for clients that do not follow a redirect to S3)")
    public Response file(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId,
                         @PathParam("name") String name) {
        JobOutputService.Stored output = outputs.one(labId, jobId, name);
        return Downloads.stream(store, output.key(), contentType(output.name()), output.name().replace('/', '_'))
                .build();
    }

    @GET
    @Path("/label-tiles/{imageId}/{level}/{x}/{y}.png")
    @Produces("image/png")
    @Operation(summary = "A tile of the job's label mask of one image at a level of the image's tile pyramid, with a"
            + " one-pixel margin of the neighbouring tiles; each pixel's label is red * 256 + green")
    public Response labelTile(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId,
                              @PathParam("imageId") UUID imageId, @PathParam("level") int level,
                              @PathParam("x") int x, @PathParam("y") int y) {
        return OverlayTileResource.png(overlayTiles.tile(outputs.one(labId, jobId, imageId + "/labels.png").key(),
                level, x, y));
    }

    @GET
    @Path("/track-tiles/{mask: mask[0-9]{3,4}}/{level}/{x}/{y}.png")
    @Produces("image/png")
    @Operation(summary = "A tile of a TRACKING job's CTC mask of one frame (ctc/<mask>.tif, e.g. mask000) at a level"
            + " of the image's tile pyramid, with a one-pixel margin; each pixel's track id is red * 256 + green")
    public Response trackTile(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId,
                              @PathParam("mask") String mask, @PathParam("level") int level,
                              @PathParam("x") int x, @PathParam("y") int y) {
        return OverlayTileResource.png(overlayTiles.tile(outputs.one(labId, jobId, "ctc/" + mask + ".tif").key(),
                level, x, y));
    }

    @GET
    @Path("/outputs.zip")
    @Produces("application/zip")
    @Operation(summary = "All outputs as one zip, streamed")
    public Response zip(@PathParam("labId") UUID labId, @PathParam("jobId") UUID jobId) {
        List<JobOutputService.Stored> all = outputs.forZip(labId, jobId);
        StreamingOutput body = out -> outputs.zip(all, out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", Downloads.attachment("job-" + jobId + "-outputs.zip")).build();
    }

    /** The media type of an output from its file name (label masks, overlays, tables, reports). */
    static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            return "image/tiff";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }
}
