package org.labscale.api.lab.persistence;

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

import org.labscale.shared.account.Role;
import org.labscale.shared.lab.InvitationDto;

/** An invitation into a lab; only the SHA-256 of its token is stored. */
@Entity
@Table(name = "invitation")
public class InvitationEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    public String email;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "invited_by")
    public UUID invitedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "accepted_by")
    public UUID acceptedBy;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<InvitationEntity> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    public boolean openAt(Instant now) {
        return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }

    public InvitationDto toDto(String token) {
        return new InvitationDto(id, labId, email, role, createdAt, expiresAt, acceptedAt, revokedAt, token);
    }
}
