package org.labscale.api.job.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;
import org.labscale.api.common.Hashing;
import org.labscale.api.config.LabscaleConfig;

/**
 * Keeps the shared worker whose token is {@code labscale.jobs.bootstrap-worker-token} (the local platform's own
 * worker: the launcher generates the token and gives it to both sides), so that a fresh installation runs jobs
 * without an administrator creating a worker first. It is one row with a fixed id, written by one upsert at every
 * start: created the first time, its token hash replaced when the token changed, untouched otherwise. A revocation by
 * the administrator stands as long as the token stays the same; a new token is a new credential and is not revoked.
 */
@ApplicationScoped
public class WorkerBootstrap {

    /** The bootstrap worker's id, the same on every installation. */
    public static final UUID WORKER_ID = UUID.nameUUIDFromBytes("labscale:bootstrap-worker".getBytes(StandardCharsets.UTF_8));
    static final String NAME = "bootstrap worker";

    private static final Logger LOG = Logger.getLogger(WorkerBootstrap.class);

    /** Racing starts of several API replicas meet in the primary key; {@code xmax = 0} tells an insert. */
    private static final String UPSERT = """
            INSERT INTO worker (id, lab_id, name, token_hash, token_prefix, kinds, slots, created_at)
            VALUES (?, NULL, ?, ?, ?, '{}', 1, now())
            ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, token_prefix = EXCLUDED.token_prefix,
                revoked_at = CASE WHEN worker.token_hash = EXCLUDED.token_hash THEN worker.revoked_at END
            RETURNING (xmax = 0) AS inserted, revoked_at IS NOT NULL AS revoked
            """;

    @Inject
    LabscaleConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WorkerTokenCache tokens;

    void onStart(@Observes StartupEvent event) {
        config.jobs().bootstrapWorkerToken().filter(t -> !t.isBlank()).ifPresent(this::ensure);
    }

    /** Creates the bootstrap worker with this token, or gives it this token; the same token twice changes nothing. */
    public void ensure(String token) {
        String secret = token.trim();
        if (!WorkerService.isWorkerToken(secret) || secret.length() < 24 || secret.length() > 100) {
            throw new IllegalStateException("labscale.jobs.bootstrap-worker-token (LABSCALE_BOOTSTRAP_WORKER_TOKEN) "
                    + "must start with '" + WorkerService.TOKEN_PREFIX + "' and be 24 to 100 characters long.");
        }
        String hash = Hashing.sha256Hex(secret);
        try (Connection c = dataSource.getConnection()) {
            if (otherWorkerHas(c, hash)) {
                LOG.warnf("The bootstrap worker token is already the token of another worker; it is left as it is.");
                return;
            }
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                s.setObject(1, WORKER_ID);
                s.setString(2, NAME);
                s.setString(3, hash);
                s.setString(4, secret.substring(0, 12));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        LOG.infof("Created the shared %s %s from labscale.jobs.bootstrap-worker-token", NAME, WORKER_ID);
                    } else if (rs.getBoolean(2)) {
                        LOG.warnf("The shared %s %s was revoked by an administrator and stays revoked; give it a new "
                                + "token to use it again", NAME, WORKER_ID);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the bootstrap worker: " + e.getMessage(), e);
        }
        tokens.invalidate(WORKER_ID); // the upsert committed (auto-commit): its old token stops working here at once
    }

    private static boolean otherWorkerHas(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM worker WHERE token_hash = ? AND id <> ?")) {
            s.setString(1, hash);
            s.setObject(2, WORKER_ID);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
