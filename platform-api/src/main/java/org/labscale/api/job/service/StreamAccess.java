package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import org.labscale.api.account.security.Caller;

/**
 * Whether whoever opened a live job stream may still read it: the stream outlives the request whose token was
 * checked, so {@link JobEvents} asks again every {@code labscale.jobs.events-access-check} and ends the stream when
 * the token was revoked or expired, the account disabled, or the membership of the job's lab removed.
 */
@ApplicationScoped
public class StreamAccess {

    static final String STILL_ALLOWED = """
            SELECT EXISTS (
                SELECT 1 FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE m.lab_id = ? AND m.user_id = ? AND NOT u.disabled
                  AND (?::uuid IS NULL OR EXISTS (SELECT 1 FROM api_token t WHERE t.id = ?::uuid AND t.user_id = m.user_id
                                                  AND t.revoked_at IS NULL AND t.expires_at > ?)))
            """;

    /** Who opened a stream of a job of {@code labId}, with which token (null: none, e.g. a test's own identity). */
    public record Grant(UUID labId, UUID userId, UUID tokenId) {
    }

    @Inject
    Caller caller;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    /** The current caller's grant for a job of {@code labId}; call in the request that opens the stream. */
    public Grant grant(UUID labId) {
        return new Grant(labId, caller.userId(), caller.tokenId());
    }

    /** Whether the grant still holds: one indexed query. */
    public boolean stillAllowed(Grant grant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(STILL_ALLOWED)) {
            s.setObject(1, grant.labId());
            s.setObject(2, grant.userId());
            s.setObject(3, grant.tokenId());
            s.setObject(4, grant.tokenId());
            s.setObject(5, JobQueue.ts(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check access to a job stream: " + e.getMessage(), e);
        }
    }
}
