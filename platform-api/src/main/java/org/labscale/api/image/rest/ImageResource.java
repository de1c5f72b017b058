package org.labscale.api.image.rest;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.MultipartUpload;
import org.labscale.api.common.Paging;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ChannelFiles;
import org.labscale.api.image.service.ImageIngest;
import org.labscale.api.image.service.ImageListQuery;
import org.labscale.api.image.service.ImageMetadata;
import org.labscale.api.image.service.ImageService;
import org.labscale.api.image.service.Rejections;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.ImageUpdateRequest;

@Path("/api/v1")
@Tag(name = "Images")
public class ImageResource {

    /** Previews of an image id never change. */
    private static final String IMMUTABLE = "private, max-age=86400, immutable";

    @Inject
    ImageService images;

    @Inject
    ImageIngest ingest;

    @Inject
    ChannelFiles channelFiles;

    @Inject
    ObjectStore store;

    @Inject
    LabscaleConfig config;

    /**
     * Reads the multipart body itself ({@link UploadForms}), not through Quarkus's form handling nor its
     * {@code InputStream} entity: both keep receiving while the file is written to disk, and held a 1 GiB upload's
     * chunks in the heap until it ran out. Access is checked before the first byte of the body is read, so a
     * stranger learns nothing from how the body is judged.
     */
    @POST
    @Path("/projects/{projectId}/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a TIFF or PNG image (multipart field 'file'); members and owners",
            description = "Several 'file' parts (up to " + ChannelFiles.MAX_FILES + ") are the channels of one"
                    + " image, in order: one grey plane each, all of one size and sample type (e.g. phase contrast"
                    + " and a nuclear marker written as separate files); channelNames then name them in order.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = ImageUploadForm.class)))
    public Response upload(@PathParam("projectId") UUID projectId,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @Context HttpServerRequest request) {
        ingest.authorize(projectId);
        long max = config.upload().maxBytes();
        try (MultipartUpload form = UploadForms.read(request, contentType, ImageUploadForm.FIELDS, max,
                ChannelFiles.MAX_FILES)) {
            ImageMetadata metadata = ImageMetadata.ofForm(form.field("name"), form.field("pageMode"),
                    form.fields("channelNames"), form.field("pixelSizeUm"));
            if (form.file() == null) {
                throw ApiException.badRequest("upload.missing-file",
                        "Send the image as the multipart/form-data part named 'file'.");
            }
            if (form.fileSize() > max) {
                throw Rejections.tooLarge(form.fileSize(), max);
            }
            ImageDto image = form.files().size() > 1 ? channelFiles.ingest(projectId, form.files(), metadata)
                    : ingest.ingest(projectId, form.file(), form.fileName(), metadata,
                    new ImageIngest.Origin.Received());
            return Response.created(URI.create("/api/v1/images/" + image.id())).tag(Etags.of(image.version()))
                    .entity(image).build();
        }
    }

    /** The image upload form, as the OpenAPI document shows it; {@link MultipartUpload} reads the body. */
    @Schema(name = "ImageUploadForm")
    public static class ImageUploadForm {

        static final Set<String> FIELDS = Set.of("name", "pageMode", "channelNames", "pixelSizeUm");

        @Schema(required = true, type = SchemaType.STRING, format = "binary",
                description = "The TIFF or PNG file; repeated: one grey file per channel, in order")
        public String file;

        @Schema(description = "Display name; the file name when absent", maxLength = ImageMetadata.MAX_NAME)
        public String name;

        @Schema(description = "How a multi-page TIFF's pages are read; CHANNELS when absent",
                enumeration = {"CHANNELS", "FRAMES"})
        public String pageMode;

        @Schema(description = "One name per channel, repeated or comma-separated; none for unnamed channels")
        public List<String> channelNames;

        @Schema(description = "Micrometres per pixel, positive", type = SchemaType.NUMBER)
        public String pixelSizeUm;
    }

    @GET
    @Path("/projects/{projectId}/images")
    @Operation(summary = "A project's images, one page at a time: oldest first, or sorted by name or date, filtered by a"
            + " piece of the name and by annotated or not")
    public PageDto<ImageDto> list(@PathParam("projectId") UUID projectId,
                                  @Parameter(description = "date (oldest first, the default), -date (newest first),"
                                          + " name or -name (case-insensitive)")
                                  @QueryParam("sort") String sort,
                                  @Parameter(description = "Only images whose name contains this (case-insensitive)")
                                  @QueryParam("name") String name,
                                  @Parameter(description = "true: only images with an annotation; false: only images"
                                          + " without", schema = @Schema(type = SchemaType.BOOLEAN))
                                  @QueryParam("annotated") String annotated,
                                  @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return images.list(projectId, ImageListQuery.of(sort, name, annotated), Paging.of(page, size));
    }

    @GET
    @Path("/images/{imageId}")
    @Operation(summary = "One image's metadata")
    public Response get(@PathParam("imageId") UUID imageId) {
        ImageDto image = images.get(imageId);
        return Response.ok(image).tag(Etags.of(image.version())).build();
    }

    @PATCH
    @Path("/images/{imageId}")
    @Operation(summary = "Rename an image, name its channels or set its pixel size; honours If-Match")
    public Response update(@PathParam("imageId") UUID imageId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           ImageUpdateRequest request) {
        ImageDto image = images.update(imageId, request, ifMatch);
        return Response.ok(image).tag(Etags.of(image.version())).build();
    }

    @DELETE
    @Path("/images/{imageId}/pixel-size")
    @Operation(summary = "Forget an image's pixel size (unknown again); honours If-Match")
    public Response clearPixelSize(@PathParam("imageId") UUID imageId,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ImageDto image = images.clearPixelSize(imageId, ifMatch);
        return Response.ok(image).tag(Etags.of(image.version())).build();
    }

    @DELETE
    @Path("/images/{imageId}")
    @Operation(summary = "Delete an image and its annotations; 409 while a training set uses it; honours If-Match")
    public void delete(@PathParam("imageId") UUID imageId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        images.delete(imageId, ifMatch);
    }

    @GET
    @Path("/images/{imageId}/original")
    @Produces({"image/tiff", "image/png"})
    @Operation(summary = "The original file; with redirect=true a 307 to a short-lived presigned S3 URL")
    public Response original(@PathParam("imageId") UUID imageId, @QueryParam("redirect") boolean redirect) {
        ImageEntity image = images.readable(imageId);
        boolean tiff = "TIFF".equals(image.format);
        String fileName = tiff ? Downloads.withExtension(image.name, ".tif", ".tiff")
                : Downloads.withExtension(image.name, ".png");
        if (redirect) {
            return Response.temporaryRedirect(URI.create(
                    store.presignGet(image.objectKey, config.upload().presignTtl(), fileName))).build();
        }
        return Downloads.stream(store, image.objectKey, tiff ? "image/tiff" : "image/png", fileName).build();
    }

    @GET
    @Path("/images/{imageId}/preview")
    @Produces("image/png")
    @Operation(summary = "Contrast-stretched 8-bit PNG preview, longest side at most 1024 px")
    public Response preview(@PathParam("imageId") UUID imageId) {
        return Downloads.stream(store, images.readable(imageId).previewKey, "image/png", null)
                .header(HttpHeaders.CACHE_CONTROL, IMMUTABLE).build();
    }
}
