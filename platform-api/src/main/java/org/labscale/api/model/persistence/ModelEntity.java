package org.labscale.api.model.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A named model of a lab. Registration (one SQL transaction in {@code ModelRegistration}) creates it and hands out
 * version numbers; users read it and delete versions through Hibernate.
 */
@Entity
@Table(name = "model")
public class ModelEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    public String name;
    public String description;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "last_number")
    public int lastNumber;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The model if it belongs to {@code labId}; another lab's model reads exactly as a missing one. */
    public static Optional<ModelEntity> inLab(UUID labId, UUID id) {
        return find("id = ?1 and labId = ?2", id, labId).firstResultOptional();
    }
}
