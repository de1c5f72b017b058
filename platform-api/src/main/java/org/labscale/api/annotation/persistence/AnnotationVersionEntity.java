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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.labscale.shared.annotation.AnnotationKind;

/** One immutable upload of an annotation: rows are only ever inserted (and deleted with their annotation). */
@Entity
@Table(name = "annotation_version")
public class AnnotationVersionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "annotation_id")
    public UUID annotationId;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "version_number")
    public int versionNumber;
    @Enumerated(EnumType.STRING)
    public AnnotationKind kind;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "object_key")
    public String objectKey;
    /** Pixels per class of the derived class map, index = class. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "class_pixel_counts", columnDefinition = "bigint[]")
    public Long[] classPixelCounts;
    @Column(name = "cell_count")
    public int cellCount;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<AnnotationVersionEntity> of(UUID annotationId, int versionNumber) {
        return find("annotationId = ?1 and versionNumber = ?2", annotationId, versionNumber).firstResultOptional();
    }
}
