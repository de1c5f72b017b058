package org.labscale.launcher.platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.postgres.PostgresServer;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.launcher.process.LogTail;
import org.labscale.launcher.s3.S3ProxyServer;

/**
 * The local platform: PostgreSQL, S3Proxy, then each app, started in order as separate processes and
 * supervised; stopped in reverse order.
 *
 * <p>Threads: {@link #start()} runs on the caller's thread; {@link #stop()} may come from a shutdown hook
 * (Ctrl-C) at any moment, also during {@link #start()}, which then stops starting new processes, and
 * {@code stop()} waits for it to finish before returning, so that the JVM does not halt with a half-started
 * process.
 *
 * <p>Supervision: a child that exits while nobody asked it to is started again after a growing delay
 * ({@link RestartPolicy}), each time with a line on the console. The apps come back for as long as the platform runs;
 * PostgreSQL and S3Proxy get a bounded number of tries in a row, after which the platform has failed:
 * {@link #awaitTermination()} returns why, and the caller stops the rest. Restarts run on one daemon thread.
 */
public final class Platform {

    /** Component id of PostgreSQL for {@link #stopComponent} and {@link #startComponent}; apps go by their id. */
    public static final String POSTGRES = "postgres";
    /** Component id of S3Proxy. */
    public static final String S3PROXY = "s3proxy";

    /** A started process and how to stop it. */
    private record Component(String id, String name, ChildProcess process, Runnable stopper, long startedNanos) {

        Component(String id, String name, ChildProcess process, Runnable stopper) {
            this(id, name, process, stopper, System.nanoTime());
        }
    }

    private final PlatformConfig config;
    private final AppsFactory appsFactory;
    private final PrintWriter out;
    private final RestartPolicy restartPolicy;
    private final ScheduledThreadPoolExecutor supervisor;
    /** Crashes in a row of each component id (see {@link RestartPolicy}); guarded by {@link #lock}. */
    private final Map<String, Integer> crashesInARow = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Object lock = new Object();
    private final List<Component> running = new ArrayList<>();
    /** Start position of each component id, so that one started again is stopped in its original order. */
    private final Map<String, Integer> positions = new HashMap<>();
    private boolean stopping;
    private String failure;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private volatile Thread startThread;
    private final CountDownLatch startDone = new CountDownLatch(1);

    private volatile PlatformContext context;

    public Platform(PlatformConfig config, AppsFactory appsFactory, PrintWriter out) {
        this(config, appsFactory, out, RestartPolicy.DEFAULT);
    }

    public Platform(PlatformConfig config, AppsFactory appsFactory, PrintWriter out, RestartPolicy restartPolicy) {
        this.config = config;
        this.appsFactory = appsFactory;
        this.out = out;
        this.restartPolicy = restartPolicy;
        this.supervisor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "labscale-supervisor");
            t.setDaemon(true);
            return t;
        });
        supervisor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public PlatformConfig config() {
        return config;
    }

    /** Set once PostgreSQL and S3Proxy run. */
    public Optional<PlatformContext> context() {
        return Optional.ofNullable(context);
    }

    /**
     * What prevents starting, checked before anything starts: ports used twice or already in use, and the
     * apps factory's own checks (apps not built). Empty if all is well.
     */
    public List<String> preflight() {
        List<String> problems = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (PlatformConfig.PortSpec p : config.ports()) {
            if (!seen.add(p.port())) {
                problems.add("Port " + p.port() + " is given to two services (" + p.service() + " and another). "
                        + "Choose another with " + p.option() + " or " + p.env() + ".");
            } else if (Ports.isInUse(p.port())) {
                problems.add("Port " + p.port() + " (" + p.service() + ") is already in use. Choose another with "
                        + p.option() + " or " + p.env() + ".");
            }
        }
        problems.addAll(appsFactory.preflight(config));
        return problems;
    }

    /**
     * Starts everything and waits until each app is ready. On failure throws a {@link PlatformException} whose
     * message names the failing process and its log; what was started keeps running until {@link #stop()}.
     */
    public void start() {
        startThread = Thread.currentThread();
        try {
            preparePrivateData();
            Secrets secrets = Secrets.loadOrCreate(config.secretsFile());

            PostgresServer pg = startPostgres(secrets);
            startS3(secrets);
            context = new PlatformContext(config, secrets, pg.jdbcUrl(), pg.username());
            for (AppSpec app : appsFactory.apps(context)) {
                startApp(app);
            }
            PrivateFiles.privateFile(config.adminPasswordFile()); // written by the API on its first start
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + config.dataDir(), e);
        } finally {
            startDone.countDown();
        }
    }

    /**
     * Stops one running component ({@link #POSTGRES}, {@link #S3PROXY} or an app's id) the way {@link #stop()} would,
     * without counting its exit as a failure; its data stays. For tests of outages and restarts.
     */
    public void stopComponent(String id) {
        Component c;
        synchronized (lock) {
            c = running.stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(id + " is not running"));
            running.remove(c);
        }
        out.printf("Stopping %s ...%n", c.name());
        c.stopper().run();
    }

    /** Starts a component stopped with {@link #stopComponent} again, with the same port, data and secrets. */
    public void startComponent(String id) {
        synchronized (lock) {
            if (running.stream().anyMatch(r -> r.id().equals(id))) {
                throw new IllegalArgumentException(id + " is running");
            }
        }
        startById(id);
    }

    /**
     * The data folder and what the platform keeps in it, private to this user (fixing what an earlier start left
     * readable): logs, S3 objects, secrets, the administrator's password. PostgreSQL keeps its own folder private.
     */
    private void preparePrivateData() throws IOException {
        PrivateFiles.privateDir(config.dataDir());
        PrivateFiles.privateDir(config.logsDir());
        PrivateFiles.privateTree(config.logsDir());
        // S3Proxy's filesystem backend serves a bucket whose folder others may read as public-read (anonymous list).
        PrivateFiles.privateDir(config.s3Dir());
        PrivateFiles.privateTree(config.s3Dir());
        PrivateFiles.privateDir(config.workerCacheDir());
        PrivateFiles.privateFile(config.secretsFile());
        PrivateFiles.privateFile(config.adminPasswordFile());
    }

    private void startById(String id) {
        PlatformContext ctx = context().orElseThrow(() -> new IllegalStateException("The platform has not started"));
        try {
            switch (id) {
                case POSTGRES -> startPostgres(ctx.secrets());
                case S3PROXY -> startS3(ctx.secrets());
                default -> startApp(appsFactory.apps(ctx).stream().filter(a -> a.id().equals(id)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("No component " + id)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PostgresServer startPostgres(Secrets secrets) {
        checkNotStopping();
        long t0 = System.nanoTime();
        out.printf("Starting PostgreSQL 17 on port %d ...%n", config.pgPort());
        PostgresServer pg;
        try {
            pg = PostgresServer.builder().dataDir(config.postgresDir()).port(config.pgPort())
                    .password(secrets.postgresPassword()).database("labscale")
                    .logFile(config.logFile("postgres")).shutdownHook(false).start();
        } catch (RuntimeException e) {
            throw new PlatformException("PostgreSQL did not start: " + e.getMessage()
                    + "\nIts log: " + config.logFile("postgres"), e);
        }
        register(new Component(POSTGRES, "PostgreSQL", pg.process(), pg::stop));
        out.printf("  PostgreSQL ready (%.1f s)%n", seconds(t0));
        return pg;
    }

    private void startS3(Secrets secrets) throws IOException {
        checkNotStopping();
        long t0 = System.nanoTime();
        out.printf("Starting S3Proxy on port %d ...%n", config.s3Port());
        // A bucket is a folder for jclouds' filesystem provider: create the platform's bucket up front, private (a
        // folder others may read is a public-read bucket to S3Proxy).
        PrivateFiles.privateDir(config.s3Dir().resolve(config.bucket()));
        S3ProxyServer s3;
        try {
            s3 = S3ProxyServer.builder().dataDir(config.s3Dir()).port(config.s3Port())
                    .credentials(secrets.s3AccessKey(), secrets.s3SecretKey())
                    .corsOrigins(config.uiOrigins()) // only the web UI's pages may use presigned URLs from a browser
                    .logFile(config.logFile("s3proxy")).shutdownHook(false).start();
        } catch (RuntimeException e) {
            throw new PlatformException("S3Proxy did not start: " + e.getMessage()
                    + "\nIts log: " + config.logFile("s3proxy"), e);
        }
        register(new Component(S3PROXY, "S3Proxy", s3.process(), s3::stop));
        out.printf("  S3Proxy ready (%.1f s)%n", seconds(t0));
    }

    private void startApp(AppSpec app) {
        checkNotStopping();
        long t0 = System.nanoTime();
        out.printf("Starting %s on port %d ...%n", app.name(), app.port());
        Path log = config.logFile(app.id());
        ChildProcess p = ChildProcess.start(app.name(), app.command(), app.environment(), config.home(), log, "TERM");
        register(new Component(app.id(), app.name(), p, () -> p.stop("TERM", config.stopGrace())));
        awaitReady(app, p, log);
        out.printf("  %s ready (%.1f s)%n", app.name(), seconds(t0));
    }

    /**
     * Blocks until {@link #stop()} is called or the platform fails (PostgreSQL or S3Proxy did not come back). Returns
     * why it failed, or empty after a requested stop.
     */
    public Optional<String> awaitTermination() throws InterruptedException {
        terminated.await();
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** Why the platform failed (a component that could not be restarted), if it did. */
    public Optional<String> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /**
     * Stops everything in reverse start order: apps with SIGTERM then SIGKILL after the grace period, S3Proxy,
     * PostgreSQL with a fast shutdown. Idempotent; concurrent callers wait for the first.
     */
    public void stop() {
        List<Component> toStop;
        synchronized (lock) {
            if (stopping) {
                toStop = null;
            } else {
                stopping = true;
                toStop = new ArrayList<>(running);
            }
        }
        if (toStop == null) {
            awaitQuietly(stopDone, 120);
            return;
        }
        terminated.countDown();
        supervisor.shutdown(); // pending restarts are dropped; one in progress sees `stopping` and undoes itself
        try {
            Collections.reverse(toStop);
            for (Component c : toStop) {
                if (c.process().isAlive()) {
                    out.printf("Stopping %s ...%n", c.name());
                }
                try {
                    c.stopper().run();
                } catch (RuntimeException e) {
                    out.printf("  could not stop %s cleanly: %s%n", c.name(), e.getMessage());
                    c.process().kill();
                }
            }
            // A start() in progress on another thread sees `stopping` and stops what it was starting.
            Thread starter = startThread;
            if (starter != null && starter != Thread.currentThread()) {
                awaitQuietly(startDone, 90);
            }
            try {
                supervisor.awaitTermination(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            stopDone.countDown();
        }
    }

    /** The pid of a running component ({@link #POSTGRES}, {@link #S3PROXY} or an app's id), if it runs. */
    public Optional<Long> pidOf(String id) {
        synchronized (lock) {
            return running.stream().filter(c -> c.id().equals(id) && c.process().isAlive())
                    .map(c -> c.process().pid()).findFirst();
        }
    }

    /** Pids of the processes started and still running (for tests and status). */
    public List<Long> runningPids() {
        synchronized (lock) {
            return running.stream().filter(c -> c.process().isAlive()).map(c -> c.process().pid()).toList();
        }
    }

    // ------------------------------------------------------------------------------------------------

    private void register(Component c) {
        boolean cancelled;
        synchronized (lock) {
            cancelled = stopping;
            if (!cancelled) {
                int position = positions.computeIfAbsent(c.id(), id -> positions.size());
                int index = (int) running.stream().filter(r -> positions.get(r.id()) < position).count();
                running.add(index, c);
            }
        }
        if (cancelled) {
            c.stopper().run();
            throw new PlatformException("Start cancelled: the platform is stopping");
        }
        c.process().onExit().thenRun(() -> childExited(c));
    }

    private void childExited(Component c) {
        synchronized (lock) {
            if (stopping || !running.contains(c)) {
                return; // asked to stop, or stopped alone with stopComponent
            }
            running.remove(c);
            if (startDone.getCount() > 0) {
                // during start() a crash fails the start (it names the process and its log); no restart
                if (failure == null) {
                    failure = c.name() + " exited unexpectedly (exit code " + c.process().exitCode().orElse(-1)
                            + "). Its log: " + c.process().logFile();
                }
                terminated.countDown();
                return;
            }
            boolean stable = System.nanoTime() - c.startedNanos() >= restartPolicy.stableAfter().toNanos();
            if (stable) {
                crashesInARow.remove(c.id());
            }
        }
        crashed(c.id(), c.name(), "exited unexpectedly (exit code " + c.process().exitCode().orElse(-1) + ")",
                c.process().logFile());
    }

    /**
     * Counts a crash of component {@code id} (an exit, or a restart that failed) and schedules its restart, or fails
     * the platform when PostgreSQL or S3Proxy have had their tries.
     */
    private void crashed(String id, String name, String what, Path log) {
        int n;
        boolean giveUp;
        synchronized (lock) {
            if (stopping || failure != null) {
                return;
            }
            n = crashesInARow.merge(id, 1, Integer::sum);
            giveUp = isInfrastructure(id) && n > restartPolicy.infraRestarts();
            if (giveUp) {
                failure = name + " " + what + " and did not come back after " + restartPolicy.infraRestarts()
                        + " restarts. Its log: " + log;
            }
        }
        if (giveUp) {
            terminated.countDown();
            return;
        }
        Duration delay = restartPolicy.delay(n);
        out.printf("%s %s; restarting it in %s (restart %d%s). Its log: %s%n", name, what, human(delay), n,
                isInfrastructure(id) ? " of " + restartPolicy.infraRestarts() : "", log);
        out.flush();
        try {
            supervisor.schedule(() -> restart(id, name, log), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stop() has begun: nothing to restart
        }
    }

    private void restart(String id, String name, Path log) {
        try {
            startById(id);
        } catch (RuntimeException e) {
            Component started;
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                started = running.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
            }
            if (started == null) {
                // never registered (it failed to start), or registered and already exited: childExited counted that
                if (!(e instanceof PlatformException) || !isApp(id)) {
                    crashed(id, name, "did not start again (" + firstLine(e.getMessage()) + ")", log);
                }
            } else if (started.process().isAlive()) {
                out.printf("%s did not become ready after a restart: %s%n", name, firstLine(e.getMessage()));
                started.process().kill(); // its exit counts as the next crash
            }
        }
    }

    private static boolean isInfrastructure(String id) {
        return POSTGRES.equals(id) || S3PROXY.equals(id);
    }

    private static boolean isApp(String id) {
        return !isInfrastructure(id);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void checkNotStopping() {
        synchronized (lock) {
            if (failure != null) {
                throw new PlatformException(failure);
            }
            if (stopping) {
                throw new PlatformException("Start cancelled: the platform is stopping");
            }
        }
    }

    private void awaitReady(AppSpec app, ChildProcess p, Path log) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.readinessUrl(config.localHost())))
                .timeout(Duration.ofSeconds(5)).GET().build();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            checkNotStopping();
            if (!p.isAlive()) {
                throw new PlatformException(app.name() + " exited during start-up (exit code "
                        + p.exitCode().orElse(-1) + "). Its log: " + log + "\n" + LogTail.lastLines(log, 15));
            }
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                lastStatus = r.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + app.name());
            }
            sleep(250);
        }
        throw new PlatformException(app.name() + " did not become ready within " + config.startTimeout().toSeconds()
                + " s (" + app.readinessUrl(config.localHost()) + (lastStatus > 0 ? " answered " + lastStatus : " did not answer")
                + "). Its log: " + log);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted");
        }
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
