package org.labscale.launcher.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.launcher.process.LogTail;
import org.labscale.launcher.process.ParentDeathSignal;

/**
 * An embedded PostgreSQL 17 server run as a child process from zonky's binaries.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder()
 *         .dataDir(Path.of(".labscale/postgres")).port(5480).password(secret).database("labscale")
 *         .start()) {
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * }
 * // tests: a throw-away server in a temporary folder on a free port, deleted on stop
 * try (PostgresServer pg = PostgresServer.startEphemeral()) { ... }
 * }</pre>
 *
 * <p>The first start runs initdb (superuser {@code postgres}, UTF8, locale C); later starts reuse the cluster
 * in the data folder. The password is set by initdb only: changing it later needs {@code ALTER ROLE}. The
 * server listens on 127.0.0.1 only, without Unix sockets. The database is created if missing. Stopping is a
 * fast shutdown (SIGINT). As root, see {@link RunAs}. If this JVM dies without stopping it (even by
 * {@code kill -9}) the server gets SIGINT from the kernel (see {@link ChildProcess}).
 */
public final class PostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());

    /** The superuser initdb creates. */
    public static final String DEFAULT_USERNAME = "postgres";

    private final Builder config;
    private final Path dataDir;
    private final RunAs runAs;
    private final ChildProcess process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private PostgresServer(Builder config, Path dataDir, RunAs runAs, ChildProcess process) {
        this.config = config;
        this.dataDir = dataDir;
        this.runAs = runAs;
        this.process = process;
        if (config.shutdownHook) {
            this.shutdownHook = new Thread(this::stop, "postgres-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts (initialising it on first use) a server on {@code dataDir} and {@code port}.
     *
     * @param password the superuser password, or {@code null} for trust authentication on loopback
     * @param database created if missing
     */
    public static PostgresServer start(Path dataDir, int port, String password, String database) {
        return builder().dataDir(dataDir).port(port).password(password).database(database).start();
    }

    /**
     * A throw-away server for tests: temporary folder, free port, random password, database
     * {@code labscale}, durability settings off; the folder is deleted on stop.
     */
    public static PostgresServer startEphemeral() {
        return builder().ephemeral().start();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
    public String jdbcUrl() {
        return jdbcUrl(config.database);
    }

    /** The JDBC URL of another database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + config.port + "/" + database;
    }

    public String username() {
        return config.username;
    }

    /** The superuser password; with trust authentication any password works and this is empty. */
    public String password() {
        return config.password == null ? "" : config.password;
    }

    public int port() {
        return config.port;
    }

    public String database() {
        return config.database;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return config.logFile;
    }

    public long pid() {
        return process.pid();
    }

    public RunAs runAs() {
        return runAs;
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** The server process, e.g. to watch for an unexpected exit with {@code process().onExit()}. */
    public ChildProcess process() {
        return process;
    }

    /** A new connection to {@link #database()} (caller closes it). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /**
     * Fast shutdown (SIGINT: open transactions roll back, clients are disconnected), waiting up to
     * 30 s before SIGKILL. Deletes the folder of an ephemeral server. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs or has run stop() itself
            }
        }
        if (!process.stop("INT", Duration.ofSeconds(30))) {
            LOG.log(System.Logger.Level.WARNING, "PostgreSQL did not stop in 30 s and was killed; log: {0}",
                    config.logFile);
        }
        if (config.deleteOnStop) {
            try {
                PostgresBinaries.deleteTree(config.deleteRoot);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot delete " + config.deleteRoot, e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + jdbcUrl() + " (data " + dataDir + ", pid " + process.pid() + ")";
    }

    // ------------------------------------------------------------------------------------------------

    /** Settings of a server; {@link #start()} validates them and starts it. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private String username = DEFAULT_USERNAME;
        private String password;
        private String database = "labscale";
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean shutdownHook = true;
        private boolean deleteOnStop;
        private Path deleteRoot;
        private RunAs runAs;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** The cluster folder (PGDATA); created and initialised if missing or empty. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Superuser password set at initdb, or {@code null} (default) for trust authentication. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Superuser name at initdb; default {@code postgres}. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** Database created if missing and used by {@link PostgresServer#jdbcUrl()}; default {@code labscale}. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Server output; default: {@code <dataDir>.log} beside the data folder. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Whether to stop the server from a JVM shutdown hook (default true). Turn it off when something
         * else orders the shutdown (JVM hooks run concurrently, in no order).
         */
        public Builder shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /** A postgresql.conf setting passed as {@code -c name=value} on each start. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Forces how the binaries run (default {@link RunAs#detect()}). */
        public Builder runAs(RunAs runAs) {
            this.runAs = runAs;
            return this;
        }

        /**
         * Temporary folder, free port, random password, no fsync; the folder is deleted on stop.
         */
        public Builder ephemeral() {
            try {
                Path base = Files.createTempDirectory("labscale-pg-");
                this.dataDir = base.resolve("data");
                this.logFile = base.resolve("postgres.log");
                this.deleteRoot = base;
                this.deleteOnStop = true;
                this.port = 0;
                this.password = randomPassword();
                settings.put("fsync", "off");
                settings.put("synchronous_commit", "off");
                settings.put("full_page_writes", "off");
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary folder for PostgreSQL", e);
            }
        }

        /** Starts the server and waits until it accepts connections and the database exists. */
        public PostgresServer start() {
            Objects.requireNonNull(dataDir, "dataDir is required");
            if (username == null || !username.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("username '" + username + "' must be a plain SQL identifier");
            }
            if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("database '" + database
                        + "' must be letters, digits, '_' or '-'");
            }
            if (port == 0) {
                port = Ports.findFreePort();
            }
            Path data = dataDir.toAbsolutePath().normalize();
            if (logFile == null) {
                logFile = data.resolveSibling(data.getFileName() + ".log");
            }
            RunAs mode = runAs != null ? runAs : RunAs.detect();
            try {
                return Starter.start(this, data, mode);
            } catch (RuntimeException e) {
                if (deleteOnStop) {
                    try {
                        PostgresBinaries.deleteTree(deleteRoot);
                    } catch (IOException ignored) {
                        // best effort
                    }
                }
                throw e;
            }
        }
    }

    static String randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ------------------------------------------------------------------------------------------------

    /** The start sequence: binaries, ownership, initdb, server, readiness, database. */
    private static final class Starter {

        private static PostgresServer start(Builder cfg, Path data, RunAs mode) {
            long t0 = System.nanoTime();
            Path home = PostgresBinaries.install();
            if (Ports.isInUse(cfg.port)) {
                throw new IllegalStateException("Cannot start PostgreSQL: port " + cfg.port + " is already in use");
            }
            try {
                refuseIfAlreadyRunning(data);
                Files.createDirectories(data);
                prepareOwnership(data, mode);
                if (!Files.exists(data.resolve("PG_VERSION"))) {
                    initdb(cfg, home, data, mode);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare the PostgreSQL data folder " + data, e);
            }
            List<String> cmd = new ArrayList<>(mode.prefix());
            cmd.addAll(ParentDeathSignal.prefix("INT"));
            cmd.add(home.resolve("bin/postgres").toString());
            cmd.addAll(List.of("-D", data.toString(), "-p", Integer.toString(cfg.port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
            cfg.settings.forEach((k, v) -> cmd.addAll(List.of("-c", k + "=" + v)));
            ChildProcess proc = ChildProcess.start("PostgreSQL", cmd, childEnvironment(), Path.of("/"),
                    cfg.logFile, null);
            try {
                awaitReady(cfg, proc);
                createDatabase(cfg);
            } catch (RuntimeException e) {
                proc.stop("INT", Duration.ofSeconds(10));
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "PostgreSQL 17 ready on port {0} in {1} ms ({2})", cfg.port,
                    (System.nanoTime() - t0) / 1_000_000, mode);
            return new PostgresServer(cfg, data, mode, proc);
        }

        private static Map<String, String> childEnvironment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("LC_ALL", "C");
            env.put("LANG", "C");
            for (String v : List.of("PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGPASSWORD", "PGDATABASE",
                    "PGOPTIONS", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE")) {
                env.put(v, null);
            }
            return env;
        }

        /** A postmaster left from a killed launcher holds the data folder; say so instead of a cryptic log. */
        private static void refuseIfAlreadyRunning(Path data) throws IOException {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            boolean postgresAlive = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().command())
                    .map(c -> c.endsWith("/postgres") || c.equals("postgres"))
                    .orElse(false);
            if (postgresAlive) {
                throw new IllegalStateException("PostgreSQL is already running on " + data + " (pid " + pid
                        + "), perhaps left by a launcher that was killed. Stop it with: kill -INT " + pid);
            }
        }

        /**
         * The server must own its data folder, and as {@code nobody} it must reach it: chown the folder to
         * the mode's uid (recursively, only if its owner differs: e.g. a cluster created in the other root
         * mode) and add o+x to ancestors that lack it.
         */
        private static void prepareOwnership(Path data, RunAs mode) throws IOException {
            if (mode.dataOwnerUid < 0) {
                return;
            }
            int owner = ((Number) Files.getAttribute(data, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue();
            if (owner != mode.dataOwnerUid) {
                try (var walk = Files.walk(data)) {
                    for (Path p : walk.toList()) {
                        Files.setAttribute(p, "unix:uid", mode.dataOwnerUid, LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(p, "unix:gid", mode.dataOwnerUid, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(data));
            perms.removeAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(data, perms);
            if (mode == RunAs.NOBODY) {
                for (Path p = data.getParent(); p != null; p = p.getParent()) {
                    Set<PosixFilePermission> ap = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                    if (ap.add(PosixFilePermission.OTHERS_EXECUTE)) {
                        LOG.log(System.Logger.Level.WARNING,
                                "Adding o+x to {0} so that PostgreSQL, run as nobody, can reach {1}", p, data);
                        Files.setPosixFilePermissions(p, ap);
                    }
                }
            }
        }

        private static void initdb(Builder cfg, Path home, Path data, RunAs mode) throws IOException {
            List<String> cmd = new ArrayList<>(mode.prefix());
            cmd.add(home.resolve("bin/initdb").toString());
            cmd.addAll(List.of("-D", data.toString(), "-U", cfg.username, "-E", "UTF8", "--locale=C"));
            Path pwDir = null;
            try {
                if (cfg.password != null) {
                    pwDir = Files.createTempDirectory("labscale-pg-init-");
                    Path pwFile = pwDir.resolve("pw");
                    Files.writeString(pwFile, cfg.password + "\n", StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("r--------"));
                    if (mode == RunAs.NOBODY) {
                        for (Path p : List.of(pwDir, pwFile)) {
                            Files.setAttribute(p, "unix:uid", 65534);
                        }
                    }
                    cmd.addAll(List.of("--pwfile=" + pwFile, "--auth=scram-sha-256"));
                } else {
                    cmd.add("--auth=trust");
                }
                int exit = ChildProcess.run("initdb", cmd, childEnvironment(), Path.of("/"), cfg.logFile,
                        Duration.ofMinutes(2));
                if (exit != 0) {
                    throw new IllegalStateException("initdb failed (exit " + exit + ", " + mode + ") for " + data
                            + "; see " + cfg.logFile + ":\n" + LogTail.lastLines(cfg.logFile, 20));
                }
            } finally {
                if (pwDir != null) {
                    PostgresBinaries.deleteTree(pwDir);
                }
            }
        }

        private static void awaitReady(Builder cfg, ChildProcess proc) {
            long deadline = System.nanoTime() + cfg.startTimeout.toNanos();
            SQLException last = null;
            Properties props = new Properties();
            props.setProperty("user", cfg.username);
            props.setProperty("password", cfg.password == null ? "" : cfg.password);
            props.setProperty("connectTimeout", "2");
            props.setProperty("loginTimeout", "5");
            String url = "jdbc:postgresql://127.0.0.1:" + cfg.port + "/postgres";
            while (System.nanoTime() < deadline) {
                if (!proc.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited during start-up (exit "
                            + proc.exitCode().orElse(-1) + "); see " + cfg.logFile + ":\n"
                            + LogTail.lastLines(cfg.logFile, 20));
                }
                if (Ports.isListening(cfg.port)) {
                    try (Connection c = DriverManager.getConnection(url, props)) {
                        return;
                    } catch (SQLException e) {
                        last = e;
                        String state = e.getSQLState() == null ? "" : e.getSQLState();
                        if (state.startsWith("28") || state.equals("08004")) {
                            // the server answered and refused us: waiting longer will not help
                            throw new IllegalStateException("PostgreSQL on port " + cfg.port + " refused "
                                    + cfg.username + " (" + e.getMessage() + "); was the cluster in "
                                    + cfg.dataDir + " initialised with another password?", e);
                        }
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
                }
            }
            throw new IllegalStateException("PostgreSQL did not accept connections on port " + cfg.port + " within "
                    + cfg.startTimeout.toSeconds() + " s; see " + cfg.logFile
                    + (last != null ? " (last error: " + last.getMessage() + ")" : ""));
        }

        private static void createDatabase(Builder cfg) {
            String url = "jdbc:postgresql://127.0.0.1:" + cfg.port + "/postgres";
            try (Connection c = DriverManager.getConnection(url, cfg.username,
                    cfg.password == null ? "" : cfg.password)) {
                boolean exists;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, cfg.database);
                    try (ResultSet rs = ps.executeQuery()) {
                        exists = rs.next();
                    }
                }
                if (!exists) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE \"" + cfg.database + "\"");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create database " + cfg.database + " on port " + cfg.port, e);
            }
        }
    }
}
