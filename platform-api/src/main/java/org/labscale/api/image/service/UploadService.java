package org.labscale.api.image.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.jboss.logging.Logger;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Texts;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.persistence.UploadEntity;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.service.ProjectService;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.account.Role;
import org.labscale.shared.image.CompleteUploadRequest;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.UploadRequest;
import org.labscale.shared.image.UploadTicketDto;

/**
 * Direct-to-S3 uploads for files too big to pass comfortably through the API: the client gets a presigned PUT URL to
 * a staging key, uploads, then asks to complete. Completion validates exactly like the multipart path
 * ({@link ImageIngest}) and, whatever the outcome, removes the staged object and the upload row.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);

    /**
     * Expired uploads are purged this long after expiry, so a completion that started just before the deadline is
     * not robbed of its staged object.
     */
    public static final Duration PURGE_GRACE = Duration.ofMinutes(15);

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    LabAccess access;

    @Inject
    ProjectService projects;

    @Inject
    ObjectStore store;

    @Inject
    ImageIngest ingest;

    public UploadTicketDto create(UUID projectId, UploadRequest request) {
        // Access first: strangers and viewers learn nothing from how their request body is judged.
        UUID labId = QuarkusTransaction.requiringNew().call(() -> projects.require(projectId, Role.MEMBER).labId);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {fileName, sizeBytes}.");
        }
        String fileName = Texts.required(request.fileName(), "fileName", ImageMetadata.MAX_NAME);
        if (request.sizeBytes() != null) {
            if (request.sizeBytes() < 1) {
                throw ApiException.invalidField("sizeBytes", "sizeBytes must be positive, not " + request.sizeBytes()
                        + ".");
            }
            if (request.sizeBytes() > config.upload().maxBytes()) {
                throw Rejections.tooLarge(request.sizeBytes(), config.upload().maxBytes());
            }
        }
        Duration ttl = config.upload().presignTtl();
        UploadEntity upload = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            UploadEntity u = new UploadEntity();
            u.id = UUID.randomUUID();
            u.labId = labId;
            u.projectId = projectId;
            u.fileName = fileName;
            u.stagingKey = StorageKeys.staging(labId, u.id);
            u.createdBy = access.userId();
            u.createdAt = now;
            u.expiresAt = now.plus(ttl);
            u.sizeBytes = request.sizeBytes();
            u.persist();
            return u;
        });
        String url = upload.sizeBytes == null ? store.presignPut(upload.stagingKey, ttl)
                : store.presignPut(upload.stagingKey, ttl, upload.sizeBytes);
        return new UploadTicketDto(upload.id, "PUT", url, upload.expiresAt);
    }

    /**
     * Validates the staged file and registers it as an image. The upload is claimed (its row deleted) before the
     * work starts, so two concurrent completions cannot create two images; the loser gets 404.
     */
    public ImageDto complete(UUID uploadId, CompleteUploadRequest request) {
        ImageMetadata metadata = request == null ? ImageMetadata.of(null, null, null, null)
                : ImageMetadata.of(request.name(), request.pageMode(), request.channelNames(), request.pixelSizeUm());
        UploadEntity upload = QuarkusTransaction.requiringNew().call(() -> {
            UploadEntity u = UploadEntity.findById(uploadId);
            if (u == null) {
                throw ApiException.notFound("upload", uploadId);
            }
            access.require(u.labId, Role.MEMBER, "upload", uploadId);
            return u;
        });
        if (clock.instant().isAfter(upload.expiresAt)) {
            discard(upload);
            throw new ApiException(410, "upload.expired", "This upload expired at " + upload.expiresAt
                    + "; start a new one.", Map.of("expiresAt", upload.expiresAt.toString()));
        }
        long size = store.size(upload.stagingKey);
        if (size < 0) {
            throw ApiException.conflict("upload.not-uploaded", "No file was uploaded for this upload yet; PUT the file"
                    + " to the upload URL first, then complete it.");
        }
        boolean claimed = QuarkusTransaction.requiringNew().call(() -> UploadEntity.delete("id", uploadId) == 1);
        if (!claimed) {
            throw ApiException.notFound("upload", uploadId);
        }
        Path temp = null;
        try {
            long max = config.upload().maxBytes();
            if (size > max) {
                throw Rejections.tooLarge(size, max);
            }
            if (upload.sizeBytes != null && size != upload.sizeBytes) {
                throw new ApiException(400, "upload.size-mismatch", "The uploaded file has " + size + " bytes, but "
                        + "this upload was started for " + upload.sizeBytes + "; start a new upload with the file's "
                        + "size.", Map.of("sizeBytes", size, "declaredSizeBytes", upload.sizeBytes));
            }
            temp = Files.createTempFile("labscale-upload-", ".bin");
            store.download(upload.stagingKey, temp);
            return ingest.ingest(upload.projectId, temp, upload.fileName, metadata,
                    new ImageIngest.Origin.Staged(upload.stagingKey));
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temp file for upload " + uploadId + " failed", e);
        } finally {
            deleteQuietly(temp);
            // Success or failure alike: the row is gone already, so the staged object would be an orphan.
            deleteStaged(upload.stagingKey);
        }
    }

    /**
     * Deletes uploads that expired more than {@link #PURGE_GRACE} before {@code now}, staged object first (a crash in
     * between leaves the row, and the next run retries).
     *
     * @return how many uploads were purged
     */
    public int purgeExpired(Instant now) {
        int purged = 0;
        List<UploadEntity> batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> UploadEntity.expired(now.minus(PURGE_GRACE), 100));
            for (UploadEntity upload : batch) {
                discard(upload);
                purged++;
            }
        } while (batch.size() == 100);
        return purged;
    }

    /**
     * Deletes staged objects that no pending upload owns and that were last written more than {@link #PURGE_GRACE}
     * ago: a presigned PUT URL stays usable until it expires, also after its upload was completed or purged (S3
     * cannot revoke it), and what it writes then would stay forever. The grace spares a completion reading its object.
     *
     * @return how many objects were deleted
     */
    public int sweepStaging(Instant now) {
        List<UUID> labs = QuarkusTransaction.requiringNew().call(() -> LabEntity.<LabEntity>listAll().stream()
                .map(lab -> lab.id).toList());
        Instant cutoff = now.minus(PURGE_GRACE);
        int deleted = 0;
        for (UUID labId : labs) {
            List<ObjectStore.Listed> old = store.listWithTimes(StorageKeys.stagingPrefix(labId)).stream()
                    .filter(o -> o.lastModified().isBefore(cutoff)).toList();
            if (old.isEmpty()) {
                continue;
            }
            Set<String> pending = QuarkusTransaction.requiringNew().call(() -> UploadEntity.<UploadEntity>list(
                    "labId", labId).stream().map(u -> u.stagingKey).collect(Collectors.toSet()));
            for (ObjectStore.Listed o : old) {
                if (!pending.contains(o.key())) {
                    deleteStaged(o.key());
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private void discard(UploadEntity upload) {
        store.delete(upload.stagingKey);
        QuarkusTransaction.requiringNew().run(() -> UploadEntity.delete("id", upload.id));
    }

    private void deleteStaged(String key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not delete the staged upload %s; it stays as garbage", key);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warnf(e, "Could not delete temp file %s", temp);
            }
        }
    }
}
