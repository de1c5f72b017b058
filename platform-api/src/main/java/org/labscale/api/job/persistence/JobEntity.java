package org.labscale.api.job.persistence;

import java.time.Instant;
import java.util.Map;
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

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;

/**
 * A job of a lab. Users' requests read and insert it through Hibernate; every state change after submit (claim,
 * heartbeat, completion, reaping, cancel, retry) is one conditional SQL statement in {@code JobQueue} or
 * {@code JobService}, so that races are decided by the database, not by optimistic-lock failures. Hibernate
 * therefore treats it as immutable: it inserts it and never writes it back (which also spares its JSON columns
 * from dirty checking, whose round trip would see 100 as a different number than 100L).
 */
@Entity
@Immutable
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    @Enumerated(EnumType.STRING)
    public JobKind kind;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> payload;
    public int priority;
    @Enumerated(EnumType.STRING)
    public JobState state;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts;
    @Column(name = "requires_gpu")
    public boolean requiresGpu;
    @Column(name = "min_gpu_memory_mb")
    public int minGpuMemoryMb;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "progress_fraction")
    public Double progressFraction;
    @Column(name = "progress_message")
    public String progressMessage;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "progress_metrics", columnDefinition = "jsonb")
    public Map<String, Double> progressMetrics;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> result;
    /** The cost estimate made at submit ({@code JobEstimate} as JSON); null for kinds without one. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> estimate;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_id")
    public UUID leaseId;
    @Column(name = "leased_by")
    public UUID leasedBy;
    @Column(name = "leased_at")
    public Instant leasedAt;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;
    /** The TRACKING job a TRACKING_FRAMES job segments frames for; null for every other job. */
    @Column(name = "parent_id")
    public UUID parentId;
    @Version
    public long version;

    public static Optional<JobEntity> byIdempotencyKey(UUID labId, String key) {
        return find("labId = ?1 and idempotencyKey = ?2", labId, key).firstResultOptional();
    }
}
