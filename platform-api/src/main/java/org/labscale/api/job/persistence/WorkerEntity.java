package org.labscale.api.job.persistence;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
import org.labscale.shared.job.WorkerDevice;

/** A worker credential (only the SHA-256 of its token is stored) and what its node declared when it registered. */
@Entity
@Table(name = "worker")
public class WorkerEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Null for a shared worker. */
    @Column(name = "lab_id")
    public UUID labId;
    public String name;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_prefix")
    public String tokenPrefix;
    @Enumerated(EnumType.STRING)
    public WorkerDevice device;
    @Column(name = "gpu_memory_mb")
    public int gpuMemoryMb;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] kinds;
    public int slots;
    /** Training patches per second of the optimisation steps measured by the worker, by {@code "preset/sampling"}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "patches_per_second", columnDefinition = "jsonb")
    public Map<String, Double> patchesPerSecond = new HashMap<>();
    /** A training job's seconds beside the optimisation steps measured by the worker, by {@code "preset/sampling"}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "training_fixed_seconds", columnDefinition = "jsonb")
    public Map<String, Double> trainingFixedSeconds = new HashMap<>();
    public String host;
    @Column(name = "software_version")
    public String softwareVersion;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<WorkerEntity> byTokenHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }
}
