package org.labscale.api.account.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.labscale.api.account.persistence.ApiTokenEntity;
import org.labscale.api.account.persistence.ApiTokenEntity.Kind;
import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.api.PageDto;

/**
 * Issues, resolves and revokes bearer tokens. A token is {@code lsk_} followed by 32 random bytes; only its SHA-256
 * is stored (a slow hash is not needed for 256 random bits), so a database leak reveals no usable token.
 */
@ApplicationScoped
public class TokenService {

    static final String TOKEN_PREFIX = "lsk_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    /** What a valid token stands for. */
    public record ResolvedToken(UUID tokenId, UUID userId, String email, boolean platformAdmin, TokenScope scope) {
    }

    /** A new token and its secret, which is shown once. */
    public record IssuedToken(ApiTokenEntity entity, String secret) {
    }

    @Transactional
    public IssuedToken issue(UUID userId, Kind kind, String name, TokenScope scope, Duration ttl) {
        String secret = TOKEN_PREFIX + Hashing.randomSecret(32);
        ApiTokenEntity token = new ApiTokenEntity();
        token.id = UUID.randomUUID();
        token.userId = userId;
        token.kind = kind;
        token.name = name;
        token.scope = scope;
        token.tokenHash = Hashing.sha256Hex(secret);
        token.prefix = secret.substring(0, 12);
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(ttl);
        token.persist();
        return new IssuedToken(token, secret);
    }

    /** A personal token of the caller's, validated from the request. */
    @Transactional
    public TokenDto createPersonal(UUID userId, CreateTokenRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {name, scope, expiresInDays}.");
        }
        String name = Texts.required(request.name(), "name", 200);
        TokenScope scope = request.scope() == null ? TokenScope.READ : request.scope();
        int days = request.expiresInDays() == null ? 90 : request.expiresInDays();
        int max = config.auth().maxTokenDays();
        if (days < 1 || days > max) {
            throw ApiException.invalidField("expiresInDays", "expiresInDays must be between 1 and " + max + ", not " + days + ".");
        }
        IssuedToken issued = issue(userId, Kind.PERSONAL, name, scope, Duration.ofDays(days));
        return issued.entity().toDto(issued.secret());
    }

    @Transactional
    public Optional<ResolvedToken> resolve(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return ApiTokenEntity.findByHash(Hashing.sha256Hex(secret)).filter(t -> t.usableAt(now)).flatMap(t -> {
            UserEntity user = UserEntity.findById(t.userId);
            if (user == null || user.disabled) {
                return Optional.empty();
            }
            // Bounded write rate: one update per token per minute, not one per request.
            if (t.lastUsedAt == null || t.lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now)) {
                t.lastUsedAt = now;
            }
            return Optional.of(new ResolvedToken(t.id, user.id, user.email, user.platformAdmin, t.scope));
        });
    }

    @Transactional
    public PageDto<TokenDto> listPersonal(UUID userId, Paging paging) {
        return paging.apply(ApiTokenEntity.<ApiTokenEntity>find("userId = ?1 and kind = ?2 order by createdAt desc", userId, Kind.PERSONAL),
                t -> t.toDto(null));
    }

    /** Revokes one of the user's tokens; someone else's token reads as missing. */
    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        ApiTokenEntity token = ApiTokenEntity.findById(tokenId);
        if (token == null || !token.userId.equals(userId)) {
            throw ApiException.notFound("token", tokenId);
        }
        if (token.revokedAt == null) {
            token.revokedAt = clock.instant();
        }
    }

    /** Revokes every token of a user (password change, account disabled). */
    @Transactional
    public void revokeAll(UUID userId, UUID except) {
        ApiTokenEntity.update("revokedAt = ?1 where userId = ?2 and revokedAt is null and id <> ?3", clock.instant(), userId,
                except == null ? new UUID(0, 0) : except);
    }
}
