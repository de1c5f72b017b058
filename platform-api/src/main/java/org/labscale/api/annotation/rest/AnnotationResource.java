package org.labscale.api.annotation.rest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.annotation.service.AnnotationService;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.MultipartUpload;
import org.labscale.api.common.Paging;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.rest.Downloads;
import org.labscale.api.image.rest.UploadForms;
import org.labscale.api.image.service.Rejections;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.api.PageDto;

@Path("/api/v1")
@Tag(name = "Annotations")
public class AnnotationResource {

    @Inject
    AnnotationService annotations;

    @Inject
    ObjectStore store;

    @Inject
    LabscaleConfig config;

    @POST
    @Path("/images/{imageId}/annotations")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a label image (multipart 'file', 'kind', optional 'name', default \"default\");"
            + " a known name gets version N+1. Answers the annotation with the new version as 'latest'")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = AnnotationUploadForm.class)))
    public Response upload(@PathParam("imageId") UUID imageId,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @Context HttpServerRequest request) {
        // As for images (see ImageResource#upload): our own streaming read, after the access check.
        annotations.authorize(imageId);
        long max = config.upload().maxBytes();
        try (MultipartUpload form = UploadForms.read(request, contentType, AnnotationUploadForm.FIELDS, max)) {
            if (form.file() == null) {
                throw ApiException.badRequest("upload.missing-file",
                        "Send the label image as the multipart/form-data part named 'file'.");
            }
            if (form.fileSize() > max) {
                throw Rejections.tooLarge(form.fileSize(), max);
            }
            AnnotationDto annotation = annotations.upload(imageId, form.file(), form.fileName(), form.field("kind"),
                    form.field("name"));
            return Response.created(URI.create("/api/v1/annotations/" + annotation.id())).entity(annotation).build();
        }
    }

    /** The annotation upload form, as the OpenAPI document shows it; {@link MultipartUpload} reads the body. */
    @Schema(name = "AnnotationUploadForm")
    public static class AnnotationUploadForm {

        static final Set<String> FIELDS = Set.of("kind", "name");

        @Schema(required = true, type = SchemaType.STRING, format = "binary",
                description = "The label image, PNG or TIFF, the size of the image")
        public String file;

        @Schema(required = true, implementation = AnnotationKind.class)
        public String kind;

        @Schema(description = "The annotation's name; \"default\" when absent", maxLength = 200)
        public String name;
    }

    @GET
    @Path("/images/{imageId}/annotations")
    @Operation(summary = "An image's annotations with their newest versions, by name")
    public List<AnnotationDto> list(@PathParam("imageId") UUID imageId) {
        return annotations.list(imageId);
    }

    @GET
    @Path("/annotations/{annotationId}")
    @Operation(summary = "One annotation with its newest version")
    public Response get(@PathParam("annotationId") UUID annotationId) {
        AnnotationDto annotation = annotations.get(annotationId);
        return Response.ok(annotation).tag(Etags.of(annotations.etagVersion(annotationId))).build();
    }

    @GET
    @Path("/annotations/{annotationId}/versions")
    @Operation(summary = "An annotation's versions, newest first")
    public PageDto<AnnotationVersionDto> versions(@PathParam("annotationId") UUID annotationId,
                                                  @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return annotations.versions(annotationId, Paging.of(page, size));
    }

    @GET
    @Path("/annotations/{annotationId}/versions/{n}/mask")
    @Produces({"image/png", "image/tiff"})
    @Operation(summary = "The label image as uploaded")
    public Response mask(@PathParam("annotationId") UUID annotationId, @PathParam("n") int n) {
        AnnotationService.Stored mask = annotations.mask(annotationId, n);
        String type = sniff(mask.key());
        String fileName = Downloads.withExtension(mask.downloadName(), type.equals("image/png") ? ".png" : ".tif");
        return Downloads.stream(store, mask.key(), type, fileName).build();
    }

    @GET
    @Path("/annotations/{annotationId}/versions/{n}/class-map")
    @Produces("image/png")
    @Operation(summary = "The derived class map as 8-bit PNG: 0 background, 1 boundary, 2.. interior")
    public Response classMap(@PathParam("annotationId") UUID annotationId, @PathParam("n") int n) {
        AnnotationService.Stored map = annotations.classMap(annotationId, n);
        return Downloads.stream(store, map.key(), "image/png", null)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400, immutable").build();
    }

    @DELETE
    @Path("/annotations/{annotationId}")
    @Operation(summary = "Delete an annotation and all its versions; 409 while a training set uses one; honours If-Match")
    public void delete(@PathParam("annotationId") UUID annotationId,
                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        annotations.delete(annotationId, ifMatch);
    }

    /** Masks are stored by content hash without their type; the first bytes tell PNG from TIFF. */
    private String sniff(String key) {
        try (InputStream in = new BufferedInputStream(store.open(key))) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' ? "image/png" : "image/tiff";
        } catch (IOException e) {
            throw new UncheckedIOException("reading the start of " + key + " failed", e);
        }
    }
}
