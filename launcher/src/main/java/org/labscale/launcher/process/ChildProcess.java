package org.labscale.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A supervised child process whose stdout and stderr go to a log file, and which must not outlive this JVM.
 *
 * <p>Two mechanisms keep children from being left behind:
 * <ul>
 *   <li>Normal JVM exit, Ctrl-C and SIGTERM: the owner stops the child (the servers in this module
 *       register shutdown hooks; {@code labscale up} stops everything in order from its own hook).</li>
 *   <li>{@code kill -9} of the JVM, where no hook runs: on Linux the command is prefixed with
 *       {@code setpriv --pdeathsig SIG --}, so the kernel sends {@code SIG} to the child when its
 *       parent dies. The parent-death signal fires when the <em>thread</em> that forked the child ends,
 *       so every child is forked from one long-lived daemon thread ({@link #SPAWNER}), never from the
 *       caller's thread (which may be a short-lived pool thread, e.g. a test-resource starter).
 *       Grand-children are not covered (PostgreSQL's backends exit on their own when the postmaster dies).</li>
 * </ul>
 * Children also run in their own session ({@code setsid}), so a Ctrl-C in the terminal reaches only this JVM,
 * which then stops them in order, instead of every process at once. They run with umask 077 and their log file is
 * created {@code rw-------}: what they write (data, logs, passwords) is private to this user.
 */
public final class ChildProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

    /** One thread that forks every child and lives as long as the JVM; see the class comment. */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "labscale-process-spawner");
        t.setDaemon(true);
        return t;
    });

    /** Runs the command with umask 077 (files the child creates are its user's only); exec keeps the pid. */
    private static final List<String> PRIVATE_UMASK = List.of("sh", "-c", "umask 077 && exec \"$@\"", "sh");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final List<String> command;

    private ChildProcess(String name, Process process, Path logFile, List<String> command) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.command = command;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}.
     *
     * @param name             a human name used in messages ("PostgreSQL", "platform API")
     * @param command          program and arguments
     * @param environment      variables added to (or replacing) this JVM's environment; a {@code null} value removes one
     * @param workDir          working directory, or {@code null} for ours
     * @param logFile          created (with parent folders) if missing, appended to otherwise
     * @param parentDeathSignal signal name (TERM, INT, KILL...) the child gets if this JVM dies without
     *                         stopping it, or {@code null} for none
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path workDir, Path logFile, String parentDeathSignal) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(logFile, "logFile");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command of " + name + " is empty");
        }
        List<String> full = new ArrayList<>(ParentDeathSignal.newSessionPrefix());
        if (parentDeathSignal != null) {
            full.addAll(ParentDeathSignal.prefix(parentDeathSignal));
        }
        full.addAll(PRIVATE_UMASK);
        full.addAll(command);
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(logFile)) {
                Files.createFile(logFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log folder of " + name + " for " + logFile, e);
        }
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        if (environment != null) {
            Map<String, String> env = pb.environment();
            environment.forEach((k, v) -> {
                if (v == null) {
                    env.remove(k);
                } else {
                    env.put(k, v);
                }
            });
        }
        Process p;
        try {
            p = SPAWNER.submit(pb::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", full) + ")",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
        LOG.log(System.Logger.Level.DEBUG, "Started {0} (pid {1}): {2}", name, p.pid(), String.join(" ", full));
        return new ChildProcess(name, p, logFile, List.copyOf(full));
    }

    /** Runs a short command to completion (output to {@code logFile}) and returns its exit code. */
    public static int run(String name, List<String> command, Map<String, String> environment, Path workDir,
                          Path logFile, Duration timeout) {
        ChildProcess child = start(name, command, environment, workDir, logFile, "KILL");
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds()
                        + " s; see " + logFile);
            }
            return child.process.exitValue();
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while it runs. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** Completes when the process has exited, by itself or because it was stopped. */
    public CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends a signal by name (TERM, INT, QUIT, KILL...) with {@code kill(1)}; false if it could not be sent. */
    public boolean signal(String signal) {
        return Signals.send(process.pid(), signal);
    }

    /**
     * Asks the process to stop with {@code signal}, waits up to {@code grace}, then kills it and any
     * descendants left. Returns true if it stopped within the grace period.
     */
    public boolean stop(String signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        if (!signal(signal)) {
            process.destroy();
        }
        boolean graceful;
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            graceful = true;
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) did not stop within {2} ms; killing it",
                    name, pid(), grace.toMillis());
            graceful = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            graceful = false;
        } catch (ExecutionException e) {
            graceful = false;
        }
        if (!graceful) {
            kill();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return graceful;
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public boolean stop(Duration grace) {
        return stop("TERM", grace);
    }

    /** Kills the process and its descendants at once (SIGKILL) and waits for it. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop(Duration)} with 10 seconds. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }
}
