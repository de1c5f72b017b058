package org.labscale.api.image.service;

import java.nio.file.Path;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.jboss.logging.Logger;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.storage.StorageException;

/**
 * Content-addressed originals (image files, annotation masks, model members) of one lab, shared by every row of that lab with the
 * same SHA-256 and never across labs.
 *
 * <p>The race this class exists for: one request deletes the last row using a blob and then the blob, while another
 * uploads the same bytes, finds the blob present, skips the upload and inserts its row, which would then point at
 * nothing. Both sides therefore decide under a PostgreSQL advisory lock on (lab, sha256): {@link #lockAndEnsure} (just
 * before the referencing row is inserted, in the same transaction) re-uploads the blob if it vanished, and
 * {@link #collect} deletes the blob only if no committed row references it, while holding the lock.
 */
@ApplicationScoped
public class LabBlobs {

    private static final Logger LOG = Logger.getLogger(LabBlobs.class);

    @Inject
    ObjectStore store;

    @Inject
    EntityManager em;

    /**
     * Uploads {@code file} to the lab's blob of {@code sha256} unless it is already there (outside any transaction:
     * it may take minutes).
     *
     * @return whether this call wrote the blob
     */
    public boolean putIfAbsent(UUID labId, String sha256, BlobWriter writer) {
        String key = StorageKeys.blob(labId, sha256);
        if (store.exists(key)) {
            return false;
        }
        writer.writeTo(key);
        return true;
    }

    /**
     * In the caller's transaction: takes the (lab, sha256) lock until commit and uploads the blob again if a
     * concurrent {@link #collect} removed it after {@link #putIfAbsent}. Call right before inserting the row.
     */
    public void lockAndEnsure(UUID labId, String sha256, BlobWriter writer) {
        lock(labId, sha256);
        String key = StorageKeys.blob(labId, sha256);
        if (!store.exists(key)) {
            writer.writeTo(key);
        }
    }

    /**
     * In a transaction of its own: deletes the blob when no image or annotation version of the lab references it
     * any more. Call after the transaction that deleted the referencing rows committed. A storage failure is logged,
     * not thrown: the rows are gone already, and a leftover blob costs space, not correctness.
     */
    public void collect(UUID labId, String sha256) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                lock(labId, sha256);
                if (references(labId, sha256) == 0) {
                    store.delete(StorageKeys.blob(labId, sha256));
                }
            });
        } catch (StorageException e) {
            LOG.warnf(e, "Could not delete unreferenced blob %s of lab %s; it stays as garbage", sha256, labId);
        }
    }

    /** Rows of the lab (images, annotation versions, model members and files) whose content is {@code sha256}. */
    public long references(UUID labId, String sha256) {
        Number n = (Number) em.createNativeQuery("select (select count(*) from image where lab_id = :lab and sha256 = :sha)"
                        + " + (select count(*) from annotation_version where lab_id = :lab and sha256 = :sha)"
                        + " + (select count(*) from model_member where lab_id = :lab and sha256 = :sha)"
                        + " + (select count(*) from model_version_file where lab_id = :lab and sha256 = :sha)")
                .setParameter("lab", labId).setParameter("sha", sha256).getSingleResult();
        return n.longValue();
    }

    private void lock(UUID labId, String sha256) {
        // Transaction-scoped: released on commit or rollback. Collisions of the 64-bit hash only serialise unrelated
        // blobs, never break correctness.
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
                .setParameter("key", labId + "/" + sha256).getSingleResult();
    }

    /** Writes content to a key: an upload of a local file, or a server-side copy of a staged object. */
    @FunctionalInterface
    public interface BlobWriter {
        void writeTo(String key);
    }

    /** Uploads {@code file}. */
    public BlobWriter fromFile(Path file, String contentType) {
        return key -> store.putFile(key, file, contentType);
    }

    /** Copies the object at {@code sourceKey} inside the bucket, without passing the bytes through the API. */
    public BlobWriter fromObject(String sourceKey) {
        return key -> store.copy(sourceKey, key);
    }

    /** Deletes an object, logging instead of failing (for clean-up after an error or a committed delete). */
    public void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (StorageException e) {
            LOG.warnf(e, "Could not delete %s; it stays as garbage", key);
        }
    }
}
