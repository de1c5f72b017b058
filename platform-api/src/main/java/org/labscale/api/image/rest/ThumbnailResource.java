package org.labscale.api.image.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ImageService;
import org.labscale.api.image.service.ThumbnailCache;
import org.labscale.shared.image.ThumbnailsDto;

/**
 * Thumbnails, one at a time (an {@code <img>}'s URL) or a gallery page's at once. Both come from
 * {@link ThumbnailCache} and are cached by the browser only, for a year ({@link ThumbnailsDto#CACHE_CONTROL}). Access
 * is checked first, so another lab's thumbnail answers like a missing one whatever the request's headers say.
 */
@Path("/api/v1")
@Tag(name = "Images")
public class ThumbnailResource {

    @Inject
    ImageService images;

    @Inject
    ThumbnailCache thumbnails;

    @GET
    @Path("/images/{imageId}/thumbnail")
    @Produces("image/png")
    @Operation(summary = "Contrast-stretched 8-bit PNG thumbnail, longest side at most 256 px; its ETag never"
            + " changes, and If-None-Match with it answers 304")
    public Response thumbnail(@PathParam("imageId") UUID imageId,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ImageEntity image = images.readable(imageId);
        String etag = ThumbnailsDto.etag(image.id);
        if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag))) {
            return Response.notModified(EntityTag.valueOf(etag))
                    .header(HttpHeaders.CACHE_CONTROL, ThumbnailsDto.CACHE_CONTROL).build();
        }
        return Response.ok(thumbnails.get(image), "image/png").tag(EntityTag.valueOf(etag))
                .header(HttpHeaders.CACHE_CONTROL, ThumbnailsDto.CACHE_CONTROL).build();
    }

    @GET
    @Path("/projects/{projectId}/thumbnails")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The thumbnails of up to 48 images of a project in one answer (repeat id=...), each as"
            + " base64 PNG, in the order asked; ids of no image of the project are left out (none asked: none)")
    public Response thumbnails(@PathParam("projectId") UUID projectId, @QueryParam("id") List<String> ids) {
        List<UUID> wanted = ids(ids);
        List<ThumbnailsDto.Item> items = new ArrayList<>();
        for (ImageEntity image : images.readableInProject(projectId, wanted)) {
            items.add(new ThumbnailsDto.Item(image.id, thumbnails.get(image)));
        }
        return Response.ok(new ThumbnailsDto(items)).header(HttpHeaders.CACHE_CONTROL, "private, no-store").build();
    }

    /** The asked-for ids; malformed or too many is a 400 before any lookup, so it tells nothing of the project. */
    private static List<UUID> ids(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > ThumbnailsDto.MAX_IDS) {
            throw ApiException.invalidField("id", "At most " + ThumbnailsDto.MAX_IDS + " thumbnails may be asked for"
                    + " at once; " + ids.size() + " were.");
        }
        List<UUID> wanted = new ArrayList<>();
        for (String id : ids) {
            try {
                wanted.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("id", "'" + id + "' is not an image id.");
            }
        }
        return wanted;
    }
}
