package org.labscale.api.image.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A presigned upload in flight: the client PUTs the bytes to {@link #stagingKey}, then asks us to complete it. */
@Entity
@Table(name = "upload")
public class UploadEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "project_id")
    public UUID projectId;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "staging_key")
    public String stagingKey;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** The size the client declared, which the PUT URL signs; null when it declared none. */
    @Column(name = "size_bytes")
    public Long sizeBytes;

    /** Up to {@code limit} uploads that expired before {@code now}, oldest first. */
    public static List<UploadEntity> expired(Instant now, int limit) {
        return find("expiresAt < ?1 order by expiresAt", now).page(0, limit).list();
    }
}
