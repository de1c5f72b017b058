package org.labscale.api.model.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable version of a model: inserted by registration, never updated, deleted as a whole. */
@Entity
@Immutable
@Table(name = "model_version")
public class ModelVersionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "model_id")
    public UUID modelId;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "version_number")
    public int versionNumber;
    @Column(name = "job_id")
    public UUID jobId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> card;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    /** {@code PRIVATE} or {@code PUBLIC}; changed only by sharing (a native update), the rest stays immutable. */
    public String visibility;

    public static Optional<ModelVersionEntity> of(UUID modelId, int versionNumber) {
        return find("modelId = ?1 and versionNumber = ?2", modelId, versionNumber).firstResultOptional();
    }
}
