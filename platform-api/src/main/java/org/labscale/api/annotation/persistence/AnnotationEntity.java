package org.labscale.api.annotation.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.labscale.shared.annotation.AnnotationKind;

/** A named label image of an image (e.g. "nuclei"); its content lives in immutable {@link AnnotationVersionEntity}s. */
@Entity
@Table(name = "annotation")
public class AnnotationEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "image_id")
    public UUID imageId;
    public String name;
    @Enumerated(EnumType.STRING)
    public AnnotationKind kind;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** The image's annotation of that name, compared case-insensitively (as the unique index does). */
    public static Optional<AnnotationEntity> byName(UUID imageId, String name) {
        return find("imageId = ?1 and lower(name) = ?2", imageId, name.toLowerCase()).firstResultOptional();
    }

    /** Whether any training-set version freezes one of this annotation's versions. */
    public static boolean inTrainingSet(UUID annotationId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from training_set_item t join annotation_version v"
                        + " on v.id = t.annotation_version_id where v.annotation_id = :id")
                .setParameter("id", annotationId).getSingleResult()).longValue() > 0;
    }
}
