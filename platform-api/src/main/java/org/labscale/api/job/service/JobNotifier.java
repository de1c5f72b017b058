package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes waiting lease long polls when work may have appeared. Whoever makes a job leasable (submit, retry, a
 * retryable failure, a release, a reaped lease, a quota change) runs {@code pg_notify('labscale_jobs', ...)} in its
 * transaction, and so does the running-count trigger (migration V5) when a job that ends frees a slot of a lab that was
 * at its quota (migration V4; a job ending in a lab below its quota wakes nobody: no poller waits for it).
 * PostgreSQL delivers it at commit to every API instance, whose listener thread wakes all its waiting pollers, which
 * then run the claim again.
 *
 * <p>The listener holds one dedicated JDBC connection (outside the pool, so it never starves requests) and
 * reconnects with a growing pause when it breaks. Notifications sent while it was away are lost, which is why every
 * waiter also re-checks the queue on its own every {@code labscale.jobs.poll-fallback} and everyone is woken after a
 * reconnect.
 *
 * <p>It also drives the users' live job events: a job's progress (heartbeats) and a job's success
 * ({@link JobEndAnnouncer}) are announced on {@value #PROGRESS_CHANNEL} with job ids as payload (several separated
 * by commas), which does not wake pollers; {@link #watch} subscribers of those jobs are called then, and every
 * subscriber on any {@value #CHANNEL} notification (a state change of some job) and after a reconnect.
 */
@ApplicationScoped
public class JobNotifier {

    public static final String CHANNEL = "labscale_jobs";
    /** Progress of one job (payload: its id); wakes only the watchers of that job. */
    public static final String PROGRESS_CHANNEL = "labscale_job_progress";
    private static final Logger LOG = Logger.getLogger(JobNotifier.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /** Counts wake-ups; a waiter that saw generation g waits until it moves on. */
    private final AtomicLong generation = new AtomicLong();
    /** The waits of {@link #next} not yet over. */
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Connection connection;
    private Thread thread;
    private final Map<UUID, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "labscale-job-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing to do
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the listener is connected (a poller then wakes within milliseconds, not at the next fallback). */
    public boolean connected() {
        return connected;
    }

    /** The current generation, to be passed to {@link #next} after a claim found nothing. */
    public long generation() {
        return generation.get();
    }

    /**
     * Completes at the first wake-up after {@code seen}, or after {@code timeout}; at once if one already happened
     * after {@code seen} (a notification that arrived while the caller was claiming is never missed). Nothing waits
     * on a thread meanwhile: whoever continues on the answer chooses where to run.
     */
    public CompletableFuture<Void> next(long seen, Duration timeout) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        waiting.add(woken); // before the check: a wake-up after the check finds it in the set
        woken.whenComplete((done, error) -> waiting.remove(woken));
        if (generation.get() != seen) {
            woken.complete(null);
        } else {
            woken.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return woken;
    }

    /**
     * Calls {@code onChange} (on the listener thread: it must only hand work off) when the job may have changed;
     * closing the returned handle stops it.
     */
    public AutoCloseable watch(UUID jobId, Runnable onChange) {
        watchers.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> watchers.computeIfPresent(jobId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    private void changed(PGNotification n) {
        if (n.getName().equals(PROGRESS_CHANNEL)) {
            for (String id : n.getParameter().split(",")) {
                try {
                    watchers.getOrDefault(UUID.fromString(id), Set.of()).forEach(Runnable::run);
                } catch (IllegalArgumentException notAJobId) {
                    LOG.debugf("Ignored a progress notification without a job id: %s", id);
                }
            }
        } else {
            watchers.values().forEach(set -> set.forEach(Runnable::run));
        }
    }

    /** Wakes every waiter of this instance. */
    public void wakeAll() {
        generation.incrementAndGet();
        waiting.forEach(woken -> woken.complete(null));
    }

    private void listen() {
        long pauseMillis = 250;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, username, password)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                    s.execute("LISTEN " + PROGRESS_CHANNEL);
                }
                connected = true;
                pauseMillis = 250;
                wakeAll(); // anything sent while we were away
                watchers.values().forEach(set -> set.forEach(Runnable::run));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5_000);
                    if (notifications != null && notifications.length > 0) {
                        boolean work = false;
                        for (PGNotification n : notifications) {
                            work |= n.getName().equals(CHANNEL);
                            changed(n);
                        }
                        if (work) {
                            wakeAll();
                        }
                    } else if (!c.isValid(2)) {
                        throw new SQLException("the listening connection stopped answering");
                    }
                }
            } catch (SQLException e) {
                connected = false;
                if (!running) {
                    return;
                }
                LOG.warnf("Job notifications: lost the database connection (%s); reconnecting in %d ms", e.getMessage(),
                        pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pauseMillis = Math.min(10_000, pauseMillis * 2);
            } finally {
                connected = false;
                connection = null;
            }
        }
    }
}
