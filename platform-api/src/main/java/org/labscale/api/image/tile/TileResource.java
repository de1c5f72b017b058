package org.labscale.api.image.tile;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.image.PixelValuesDto;

/**
 * The image viewer's reads: tiles, histograms, pixel values. The class path is the API's root like every resource's:
 * a longer one ({@code /api/v1/images/{imageId}}) would win JAX-RS's class matching for every path below it and hide
 * the other resources' image endpoints.
 */
@Path("/api/v1")
@Tag(name = "Images")
public class TileResource {

    /** An image id's pixels never change; the parameters are part of the URL. */
    private static final String CACHEABLE = "private, max-age=86400";

    @Inject
    ImageTiles tiles;

    @GET
    @Path("/images/{imageId}/tiles/{level}/{x}/{y}.png")
    @Produces("image/png")
    @Operation(summary = "A 256 x 256 PNG tile at level (0 = full resolution, each level halves the sides): the"
            + " additive composite of the channels given (repeat channel, min, max, color=rrggbb; by default the first"
            + " three channels, each stretched from its 0.5th to 99.5th percentile)")
    public Response tile(@PathParam("imageId") UUID imageId, @PathParam("level") int level, @PathParam("x") int x,
                         @PathParam("y") int y, @QueryParam("frame") Integer frame,
                         @QueryParam("channel") List<Integer> channel, @QueryParam("min") List<Double> min,
                         @QueryParam("max") List<Double> max, @QueryParam("color") List<String> color) {
        return Response.ok(tiles.tile(imageId, level, x, y, frame, channel, min, max, color), "image/png")
                .header(HttpHeaders.CACHE_CONTROL, CACHEABLE).build();
    }

    @GET
    @Path("/images/{imageId}/histogram")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Histogram (256 bins over [min, max]) and percentiles of one channel of one frame")
    public Response histogram(@PathParam("imageId") UUID imageId, @QueryParam("channel") Integer channel,
                              @QueryParam("frame") Integer frame) {
        ChannelHistogramDto histogram = tiles.histogram(imageId, channel, frame);
        return Response.ok(histogram).header(HttpHeaders.CACHE_CONTROL, CACHEABLE).build();
    }

    @GET
    @Path("/images/{imageId}/values")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The original value of every channel at pixel (x, y) of a frame")
    public PixelValuesDto values(@PathParam("imageId") UUID imageId, @QueryParam("x") Integer x,
                                 @QueryParam("y") Integer y, @QueryParam("frame") Integer frame) {
        return tiles.values(imageId, x, y, frame);
    }
}
