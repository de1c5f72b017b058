package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.jboss.logging.Logger;

/**
 * Tells the users' live job streams ({@link JobEvents}) on every API instance that jobs succeeded, without a NOTIFY
 * in the completing transaction. PostgreSQL serialises the commits of transactions that NOTIFY, WAL flush included,
 * so a NOTIFY in each completion made completions commit one at a time. Instead, once a completion has committed,
 * its job id is queued here; one thread sends the ids gathered meanwhile as one notification on
 * {@link JobNotifier#PROGRESS_CHANNEL} (ids separated by commas), in a transaction of its own that commits
 * asynchronously ({@code synchronous_commit = off} for that transaction only: it writes no data, and a notification
 * lost in a crash costs a stream one fallback look). At hundreds of completions a second that is a few statements a
 * second instead of one serialised fsync per job; a stream still sees the final state within milliseconds.
 * Best effort: when the database is unreachable or the backlog is full, ids are dropped and streams find the final
 * state at their fallback look ({@link JobEvents#FALLBACK}).
 */
@ApplicationScoped
public class JobEndAnnouncer {

    private static final Logger LOG = Logger.getLogger(JobEndAnnouncer.class);
    /** Ids per notification: 200 x 37 characters stays under PostgreSQL's 8,000-byte payload limit. */
    static final int BATCH = 200;
    private static final String SEND = "SELECT set_config('synchronous_commit', 'off', true), pg_notify('"
            + JobNotifier.PROGRESS_CHANNEL + "', ?)";

    @Inject
    AgroalDataSource dataSource;

    private final LinkedBlockingQueue<UUID> pending = new LinkedBlockingQueue<>(10_000);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "labscale-job-end-announcer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Announces, soon, that {@code jobId} changed; call after the change committed. Never blocks. */
    public void announce(UUID jobId) {
        if (!pending.offer(jobId)) {
            LOG.debugf("Job %s: announcement dropped (backlog full); its streams see it at their fallback look", jobId);
        }
    }

    private void run() {
        List<UUID> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.add(pending.take());
                pending.drainTo(batch, BATCH - 1);
                send(batch.stream().map(UUID::toString).collect(Collectors.joining(",")));
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Could not announce %d ended jobs (their streams see them at the fallback look): %s",
                        batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    private void send(String ids) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SEND)) {
            s.setString(1, ids);
            s.execute();
        }
    }
}
