package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import org.jboss.logging.Logger;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.job.JobKind;

/**
 * The masks a TRACKING job's parts ({@link TrackingSplit}) stored live only until the job ends: when it succeeded,
 * its own CTC masks hold them; when it failed or was cancelled, nothing half-done is kept (a retry segments again).
 * Called after the statement that ended a job committed; a part that completes after its parent ended (it was running
 * when the parent was cancelled) is cleaned up too. Best effort: failures are logged.
 */
@ApplicationScoped
public class TrackingParts {

    private static final Logger LOG = Logger.getLogger(TrackingParts.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectStore store;

    /** After a job of {@code kind} ended in {@code state} (or completed): deletes what its family no longer needs. */
    void ended(UUID jobId, JobKind kind) {
        if (kind == JobKind.TRACKING) {
            deleteOutputs(jobId);
        } else if (kind == JobKind.TRACKING_FRAMES) {
            UUID parent = endedParent(jobId);
            if (parent != null) {
                deleteOutputs(parent);
            }
        }
    }

    /** Deletes the stored objects and output records of every part of the TRACKING job. */
    void deleteOutputs(UUID parentId) {
        try (Connection c = dataSource.getConnection()) {
            List<UUID> parts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, lab_id FROM job WHERE parent_id = ?")) {
                s.setObject(1, parentId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID part = rs.getObject(1, UUID.class);
                        store.deletePrefix(StorageKeys.jobPrefix(rs.getObject(2, UUID.class), part));
                        parts.add(part);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_output WHERE job_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("uuid", parts.toArray()));
                s.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Job %s: could not delete the masks of its parts", parentId);
        }
    }

    /** The part's parent when that has ended; else null. */
    private UUID endedParent(UUID partId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT p.id FROM job k JOIN job p ON p.id = k.parent_id WHERE k.id = ? "
                        + "AND p.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')")) {
            s.setObject(1, partId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        } catch (SQLException e) {
            LOG.warnf(e, "Job %s: could not look up its tracking job", partId);
            return null;
        }
    }
}
