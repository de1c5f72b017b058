package org.labscale.api.image.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Finds the S3 objects that belong to rows about to be deleted, and removes them once the deletion committed.
 * Per-image and per-version objects (previews, thumbnails, class maps, staged uploads) go unconditionally; the
 * content-addressed originals go through {@link LabBlobs#collect}, which keeps those another row still uses.
 */
@ApplicationScoped
public class StoredObjects {

    @Inject
    EntityManager em;

    @Inject
    LabBlobs blobs;

    /**
     * @param keys   objects owned by exactly the deleted rows
     * @param shas   originals to collect if no row references them afterwards
     */
    public record Garbage(UUID labId, Set<String> keys, Set<String> shas) {
    }

    /**
     * The objects of the images matching {@code imageCondition} (SQL over alias {@code i} with one parameter
     * {@code :id}) and of their annotation versions. Call inside the transaction that deletes them, before the delete.
     */
    public Garbage ofImages(UUID labId, String imageCondition, UUID id) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> shas = new LinkedHashSet<>();
        for (Object[] row : rows("select i.sha256, i.preview_key, i.thumbnail_key from image i where " + imageCondition,
                id)) {
            shas.add(((String) row[0]).trim());
            keys.add((String) row[1]);
            keys.add((String) row[2]);
        }
        for (Object[] row : rows("select av.sha256, av.id from annotation_version av join annotation a"
                + " on a.id = av.annotation_id join image i on i.id = a.image_id where " + imageCondition, id)) {
            shas.add(((String) row[0]).trim());
            keys.add(StorageKeys.classMap(labId, (UUID) row[1]));
        }
        return new Garbage(labId, keys, shas);
    }

    /** The objects of one annotation's versions. */
    public Garbage ofAnnotation(UUID labId, UUID annotationId) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> shas = new LinkedHashSet<>();
        for (Object[] row : rows("select av.sha256, av.id from annotation_version av where av.annotation_id = :id",
                annotationId)) {
            shas.add(((String) row[0]).trim());
            keys.add(StorageKeys.classMap(labId, (UUID) row[1]));
        }
        return new Garbage(labId, keys, shas);
    }

    /** Adds the staged objects of a project's pending presigned uploads. */
    public Garbage withUploadsOf(Garbage garbage, UUID projectId) {
        Set<String> keys = new LinkedHashSet<>(garbage.keys());
        em.createNativeQuery("select staging_key from upload where project_id = :id", String.class)
                .setParameter("id", projectId).getResultList().forEach(k -> keys.add((String) k));
        return new Garbage(garbage.labId(), keys, garbage.shas());
    }

    /** Deletes the objects; call after the rows' deletion committed, outside any transaction. */
    public void dispose(Garbage garbage) {
        garbage.keys().forEach(blobs::deleteQuietly);
        garbage.shas().forEach(sha -> blobs.collect(garbage.labId(), sha));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, UUID id) {
        return em.createNativeQuery(sql).setParameter("id", id).getResultList();
    }
}
