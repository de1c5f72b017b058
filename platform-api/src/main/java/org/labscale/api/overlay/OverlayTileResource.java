package org.labscale.api.overlay;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.annotation.service.AnnotationService;

/**
 * Overlay tiles of an annotation version's class map for the viewer ({@link LabelTile}: 256 x 256 label tiles with a
 * one-pixel margin, at the image tiles' levels); another lab's annotation answers 404 like a missing one. A
 * segmentation's label tiles are served with the job's outputs ({@code JobOutputResource}), whose longer class path
 * would hide them here.
 */
@Path("/api/v1")
@Tag(name = "Images")
public class OverlayTileResource {

    /** Stored versions and job outputs never change. */
    private static final String CACHEABLE = "private, max-age=86400";

    @Inject
    AnnotationService annotations;

    @Inject
    OverlayTiles tiles;

    @GET
    @Path("/annotations/{annotationId}/versions/{n}/class-map/tiles/{level}/{x}/{y}.png")
    @Produces("image/png")
    @Operation(summary = "A tile of the version's class map at a level of the image's tile pyramid, with a one-pixel"
            + " margin; each pixel's class is red * 256 + green")
    public Response classMapTile(@PathParam("annotationId") UUID annotationId, @PathParam("n") int n,
                                 @PathParam("level") int level, @PathParam("x") int x, @PathParam("y") int y) {
        return png(tiles.tile(annotations.classMap(annotationId, n).key(), level, x, y));
    }

    /** A tile's PNG, cacheable like the image tiles. */
    public static Response png(byte[] bytes) {
        return Response.ok(bytes, "image/png").header(HttpHeaders.CACHE_CONTROL, CACHEABLE).build();
    }
}
