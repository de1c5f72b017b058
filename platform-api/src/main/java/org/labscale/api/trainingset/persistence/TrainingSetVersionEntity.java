package org.labscale.api.trainingset.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An immutable snapshot of a training set: inserted once, never updated. */
@Entity
@Table(name = "training_set_version")
public class TrainingSetVersionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "training_set_id")
    public UUID trainingSetId;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "version_number")
    public int versionNumber;
    @Column(name = "content_hash")
    public String contentHash;
    public String notes;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<TrainingSetVersionEntity> of(UUID trainingSetId, int versionNumber) {
        return find("trainingSetId = ?1 and versionNumber = ?2", trainingSetId, versionNumber).firstResultOptional();
    }

    /** Version {@code set.latestVersion} of {@code set}, persisted. */
    public static TrainingSetVersionEntity create(TrainingSetEntity set, String contentHash, String notes, UUID user,
                                                  Instant now) {
        TrainingSetVersionEntity version = new TrainingSetVersionEntity();
        version.id = UUID.randomUUID();
        version.trainingSetId = set.id;
        version.labId = set.labId;
        version.versionNumber = set.latestVersion;
        version.contentHash = contentHash;
        version.notes = notes;
        version.createdBy = user;
        version.createdAt = now;
        version.persist();
        return version;
    }
}
