package org.labscale.api.image.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.Hashing;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.service.ProjectService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.imaging.ImageFormat;
import org.labscale.imaging.ImageInfo;
import org.labscale.shared.account.Role;
import org.labscale.shared.image.ImageDto;

/**
 * Turns a file on local disk into an image of a project. Both upload paths end here: the multipart endpoint (the
 * resource streamed the file part to a temp file) and the completion of a presigned upload (the staged object was
 * downloaded to a temp file).
 *
 * <p>Order matters, so that a rejected file leaves nothing behind: every check (size, header, full decode, channel
 * names) runs before the first S3 write; then the original goes to its content-hash key, the preview and thumbnail to
 * per-image keys, and only then is the row inserted. If anything fails after the first write, the objects written
 * for this image are deleted again, and the original too unless another row of the lab already uses it. Once the row
 * is committed, {@link ImageStored} is fired (the viewer's tile pyramid of a large image is built from it).
 */
@ApplicationScoped
public class ImageIngest {

    /** Re-uploading a vanished blob under the lock may take long for multi-GB files. */
    private static final int INSERT_TIMEOUT_SECONDS = 3600;

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    ProjectService projects;

    @Inject
    LabAccess access;

    @Inject
    Imaging imaging;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectStore store;

    @Inject
    Event<ImageStored> stored;

    @Inject
    ThumbnailCache thumbnails;

    /** Where the original's bytes come from. */
    public sealed interface Origin {
        /** The file received in a multipart body; uploaded to S3 from disk. */
        record Received() implements Origin {
        }

        /** A presigned upload's staged object; copied inside S3. */
        record Staged(String key) implements Origin {
        }
    }

    /** The project's lab, if the caller may add images to it (404 / 403 otherwise). */
    public UUID authorize(UUID projectId) {
        return QuarkusTransaction.requiringNew().call(() -> projects.require(projectId, Role.MEMBER).labId);
    }

    /**
     * Validates {@code file} and registers it as an image of {@code projectId}.
     *
     * @param file     the complete file on local disk; the caller deletes it afterwards
     * @param fileName the client's file name, the default image name
     * @param origin   how to get the original into S3
     */
    public ImageDto ingest(UUID projectId, Path file, String fileName, ImageMetadata metadata, Origin origin) {
        UUID labId = authorize(projectId);
        String name = metadata.nameOr(fileName);
        String what = "'" + (fileName == null ? name : fileName) + "'";
        long size = size(file);
        long max = config.upload().maxBytes();
        if (size > max) {
            throw Rejections.tooLarge(size, max);
        }
        // One decoding pass validates and renders both sizes: decoding dominates the cost of a large upload.
        Imaging.Decoded decoded = imaging.validateAndRender(file, metadata.pageMode(), what);
        ImageInfo info = decoded.info();
        ImageMetadata.checkChannelCount(metadata.channelNames(), info.channels());
        String sha256 = sha256(file);
        byte[] preview = decoded.preview();
        byte[] thumbnail = decoded.thumbnail();

        // Nothing was written so far; from here on every failure must undo the writes.
        UUID imageId = UUID.randomUUID();
        String contentType = contentType(info.format());
        LabBlobs.BlobWriter writer = origin instanceof Origin.Staged staged
                ? blobs.fromObject(staged.key()) : blobs.fromFile(file, contentType);
        List<String> written = new ArrayList<>();
        boolean done = false;
        try {
            blobs.putIfAbsent(labId, sha256, writer);
            String previewKey = StorageKeys.preview(labId, imageId);
            written.add(previewKey);
            store.putBytes(previewKey, preview, "image/png");
            String thumbnailKey = StorageKeys.thumbnail(labId, imageId);
            written.add(thumbnailKey);
            store.putBytes(thumbnailKey, thumbnail, "image/png");
            ImageDto dto = QuarkusTransaction.requiringNew().timeout(INSERT_TIMEOUT_SECONDS).call(() -> {
                // Again: the project may have been deleted, or the caller removed from the lab, meanwhile.
                projects.require(projectId, Role.MEMBER);
                blobs.lockAndEnsure(labId, sha256, writer);
                Instant now = clock.instant();
                ImageEntity image = new ImageEntity();
                image.id = imageId;
                image.labId = labId;
                image.projectId = projectId;
                image.name = name;
                image.format = info.format().name();
                image.width = info.width();
                image.height = info.height();
                image.channels = info.channels();
                image.frames = info.frames();
                image.bitsPerSample = info.bitsPerSample();
                image.sampleType = info.sampleType().name();
                image.compression = info.compression();
                image.pageMode = metadata.pageMode();
                image.channelNames = metadata.channelNames().toArray(String[]::new);
                image.pixelSizeUm = metadata.pixelSizeUm();
                image.sha256 = sha256;
                image.sizeBytes = size;
                image.objectKey = StorageKeys.blob(labId, sha256);
                image.previewKey = previewKey;
                image.thumbnailKey = thumbnailKey;
                image.createdBy = access.userId();
                image.createdAt = now;
                image.updatedAt = now;
                image.persistAndFlush();
                return image.toDto();
            });
            done = true;
            thumbnails.put(imageId, thumbnail);
            stored.fire(new ImageStored(imageId, StorageKeys.blob(labId, sha256), metadata.pageMode(), info.width(),
                    info.height()));
            return dto;
        } finally {
            if (!done) {
                written.forEach(blobs::deleteQuietly);
                blobs.collect(labId, sha256);
            }
        }
    }

    /** MIME type of an accepted format. */
    public static String contentType(ImageFormat format) {
        return format == ImageFormat.TIFF ? "image/tiff" : "image/png";
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of the uploaded file failed", e);
        }
    }

    /** SHA-256 of a file, read in 1 MiB chunks. */
    public static String sha256(Path file) {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hashing the uploaded file failed", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
