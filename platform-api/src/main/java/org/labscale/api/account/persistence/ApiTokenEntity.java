package org.labscale.api.account.persistence;

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

import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;

/** A bearer token; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_token")
public class ApiTokenEntity extends PanacheEntityBase {

    /** A personal API token made by its owner, or a session token made by signing in. */
    public enum Kind { PERSONAL, SESSION }

    @Id
    public UUID id;
    @Column(name = "user_id")
    public UUID userId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String name;
    @Column(name = "token_hash")
    public String tokenHash;
    public String prefix;
    @Enumerated(EnumType.STRING)
    public TokenScope scope;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<ApiTokenEntity> findByHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    public TokenDto toDto(String secret) {
        return new TokenDto(id, name, scope, prefix, createdAt, expiresAt, lastUsedAt, revokedAt, secret);
    }
}
