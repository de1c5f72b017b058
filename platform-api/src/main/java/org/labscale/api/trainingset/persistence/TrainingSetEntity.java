package org.labscale.api.trainingset.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.Visibility;

/** A lab's named series of immutable training-set versions. */
@Entity
@Table(name = "training_set")
public class TrainingSetEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public Visibility visibility;
    @Column(name = "latest_version")
    public int latestVersion;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public static boolean nameTaken(UUID labId, String name, UUID except) {
        return count("labId = ?1 and lower(name) = ?2 and id <> ?3", labId, name.toLowerCase(),
                except == null ? new UUID(0, 0) : except) > 0;
    }

    /** The set with its latest version's content hash (one query when it has a version). */
    public TrainingSetDto toDto() {
        return toDto(latestVersion < 1 ? null : TrainingSetVersionEntity.<TrainingSetVersionEntity>find(
                "trainingSetId = ?1 and versionNumber = ?2", id, latestVersion).firstResultOptional()
                .map(v -> v.contentHash).orElse(null));
    }

    public TrainingSetDto toDto(String latestContentHash) {
        return new TrainingSetDto(id, labId, name, description, visibility, latestVersion, createdAt, updatedAt,
                version, latestContentHash);
    }

    /** The content hash of each set's latest version, by set id, in one query (sets without a version are absent). */
    public static Map<UUID, String> latestHashes(Collection<UUID> setIds) {
        if (setIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> hashes = new HashMap<>();
        getEntityManager().createQuery("select v.trainingSetId, v.contentHash from TrainingSetVersionEntity v,"
                        + " TrainingSetEntity s where s.id in :ids and v.trainingSetId = s.id"
                        + " and v.versionNumber = s.latestVersion", Object[].class)
                .setParameter("ids", setIds).getResultList().forEach(r -> hashes.put((UUID) r[0], (String) r[1]));
        return hashes;
    }

    /** A new training set whose latest version will be {@code latestVersion} (0: none yet), persisted. */
    public static TrainingSetEntity create(UUID labId, String name, String description, Visibility visibility,
                                           int latestVersion, UUID user, Instant now) {
        TrainingSetEntity set = new TrainingSetEntity();
        set.id = UUID.randomUUID();
        set.labId = labId;
        set.name = name;
        set.description = description;
        set.visibility = visibility;
        set.latestVersion = latestVersion;
        set.createdBy = user;
        set.createdAt = now;
        set.updatedAt = now;
        set.persist();
        return set;
    }
}
