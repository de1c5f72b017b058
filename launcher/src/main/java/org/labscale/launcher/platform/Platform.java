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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
 * process. A child that exits while nobody asked it to is a failure: {@link #awaitTermination()} returns
 * which one, and the caller stops the rest.
 */
public final class Platform {

    /** Component id of PostgreSQL for {@link #stopComponent} and {@link #startComponent}; apps go by their id. */
    public static final String POSTGRES = "postgres";
    /** Component id of S3Proxy. */
    public static final String S3PROXY = "s3proxy";

    /** A started process and how to stop it. */
    private record Component(String id, String name, ChildProcess process, Runnable stopper) {
    }

    private final PlatformConfig config;
    private final AppsFactory appsFactory;
    private final PrintWriter out;
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
        this.config = config;
        this.appsFactory = appsFactory;
        this.out = out;
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
            Files.createDirectories(config.logsDir());
            Files.createDirectories(config.s3Dir());
            Files.createDirectories(config.workerCacheDir());
            Secrets secrets = Secrets.loadOrCreate(config.secretsFile());

            PostgresServer pg = startPostgres(secrets);
            startS3(secrets);
            context = new PlatformContext(config, secrets, pg.jdbcUrl(), pg.username());
            for (AppSpec app : appsFactory.apps(context)) {
                startApp(app);
            }
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
        PlatformContext ctx = context().orElseThrow(() -> new IllegalStateException("The platform has not started"));
        synchronized (lock) {
            if (running.stream().anyMatch(r -> r.id().equals(id))) {
                throw new IllegalArgumentException(id + " is running");
            }
        }
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
        // A bucket is a folder for jclouds' filesystem provider: create the platform's bucket up front.
        Files.createDirectories(config.s3Dir().resolve(config.bucket()));
        S3ProxyServer s3;
        try {
            s3 = S3ProxyServer.builder().dataDir(config.s3Dir()).port(config.s3Port())
                    .credentials(secrets.s3AccessKey(), secrets.s3SecretKey())
                    .property("s3proxy.cors-allow-all", "true") // browsers upload with presigned URLs
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
     * Blocks until {@link #stop()} is called or a child exits on its own. Returns the description of the
     * child that died (name, exit code, log), or empty after a requested stop.
     */
    public Optional<String> awaitTermination() throws InterruptedException {
        terminated.await();
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** The first unexpected exit, if any. */
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
        } finally {
            stopDone.countDown();
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
            if (failure == null) {
                failure = c.name() + " exited unexpectedly (exit code " + c.process().exitCode().orElse(-1)
                        + "). Its log: " + c.process().logFile();
            }
        }
        terminated.countDown();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.readinessUrl()))
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
                + " s (" + app.readinessUrl() + (lastStatus > 0 ? " answered " + lastStatus : " did not answer")
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
