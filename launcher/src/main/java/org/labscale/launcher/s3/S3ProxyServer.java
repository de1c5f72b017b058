package org.labscale.launcher.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.process.ChildProcess;
import org.labscale.launcher.process.LogTail;

/**
 * An S3-compatible server (S3Proxy 4.1 on jclouds' {@code filesystem-nio2} provider) run as a child JVM, so
 * that its Jetty 12 and logback never meet our class path. Buckets are folders under the data folder.
 * Authentication is AWS signature v2 or v4 with one access/secret key pair; the region is {@code us-east-1}.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(Path.of(".labscale/s3"), 8380, accessKey, secretKey)) {
 *     MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
 * }
 * try (S3ProxyServer s3 = S3ProxyServer.startEphemeral()) { ... }   // tests: temp folder, free port, random keys
 * }</pre>
 *
 * <p>It stops with SIGTERM (then SIGKILL after 10 s) on {@link #stop()}, from a JVM shutdown hook, and, if this
 * JVM is killed with {@code kill -9}, through the kernel's parent-death signal (see {@link ChildProcess}).
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3ProxyServer.class.getName());

    /** The region S3Proxy answers for; clients must sign with it. */
    public static final String REGION = "us-east-1";

    private final Builder config;
    private final ChildProcess process;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private S3ProxyServer(Builder config, ChildProcess process) {
        this.config = config;
        this.process = process;
        if (config.shutdownHook) {
            shutdownHook = new Thread(this::stop, "s3proxy-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts S3Proxy on 127.0.0.1:{@code port} storing objects under {@code dataDir}, and waits until it answers. */
    public static S3ProxyServer start(Path dataDir, int port, String accessKey, String secretKey) {
        return builder().dataDir(dataDir).port(port).credentials(accessKey, secretKey).start();
    }

    /** A throw-away server for tests: temporary folder, free port, random keys; the folder is deleted on stop. */
    public static S3ProxyServer startEphemeral() {
        return builder().ephemeral().start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + config.port;
    }

    public int port() {
        return config.port;
    }

    public String accessKey() {
        return config.accessKey;
    }

    public String secretKey() {
        return config.secretKey;
    }

    public String region() {
        return REGION;
    }

    /** The folder holding one sub-folder per bucket. */
    public Path dataDir() {
        return config.dataDir;
    }

    public Path logFile() {
        return config.logFile;
    }

    public ChildProcess process() {
        return process;
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** SIGTERM, then SIGKILL after 10 s; deletes an ephemeral server's folder. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run stop() itself
            }
        }
        process.stop("TERM", Duration.ofSeconds(10));
        if (config.deleteRoot != null) {
            try {
                deleteTree(config.deleteRoot);
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
        return "S3Proxy on " + endpoint() + " (data " + config.dataDir + ", pid " + process.pid() + ")";
    }

    static String randomKey(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Settings of a server; {@link #start()} validates them and starts it. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private String accessKey;
        private String secretKey;
        private Path logFile;
        private Path jar;
        private String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        private List<String> jvmOptions = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean shutdownHook = true;
        private Path deleteRoot;
        private final Properties extra = new Properties();

        private Builder() {
        }

        /** Folder of the buckets; created if missing. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The only valid key pair. Required (random with {@link #ephemeral()}). */
        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        /** S3Proxy's output; default {@code <dataDir>.log} beside the data folder. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The S3Proxy fat jar; default {@link S3ProxyJar#locate()}. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** JVM options of the child (default: 512 MB heap, serial GC, C1 only: quick start on small machines). */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        public Builder javaCommand(String javaCommand) {
            this.javaCommand = javaCommand;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Whether a JVM shutdown hook stops it (default true); see {@code PostgresServer.Builder#shutdownHook}. */
        public Builder shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        /**
         * Lets web pages from these origins (exact {@code scheme://host:port}) use presigned URLs: {@code GET},
         * {@code PUT} and {@code HEAD} with {@code Content-Type} and {@code Content-MD5}, {@code ETag} readable. Without
         * it (the default) a browser gets no CORS header from S3 at all.
         */
        public Builder corsOrigins(List<String> origins) {
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("corsOrigins needs at least one origin");
            }
            for (String o : origins) {
                if (!o.matches("https?://[^/\\s*]+")) {
                    throw new IllegalArgumentException("CORS origin '" + o + "' is not scheme://host[:port]");
                }
            }
            // S3Proxy reads each origin as a regular expression, space-separated
            extra.setProperty("s3proxy.cors-allow-origins",
                    String.join(" ", origins.stream().map(Pattern::quote).toList()));
            extra.setProperty("s3proxy.cors-allow-methods", "GET PUT HEAD");
            extra.setProperty("s3proxy.cors-allow-headers", "Content-Type Content-MD5");
            extra.setProperty("s3proxy.cors-exposed-headers", "ETag");
            return this;
        }

        /** Any other S3Proxy property. */
        public Builder property(String name, String value) {
            extra.setProperty(name, value);
            return this;
        }

        /** Temporary folder (deleted on stop), free port, random keys. */
        public Builder ephemeral() {
            try {
                Path base = Files.createTempDirectory("labscale-s3-");
                dataDir = base.resolve("data");
                logFile = base.resolve("s3proxy.log");
                deleteRoot = base;
                port = 0;
                accessKey = randomKey(10);
                secretKey = randomKey(20);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary folder for S3Proxy", e);
            }
        }

        /** Starts the child JVM and waits until it answers HTTP. */
        public S3ProxyServer start() {
            Objects.requireNonNull(dataDir, "dataDir is required");
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("S3Proxy needs a non-empty access key and secret key");
            }
            if (port == 0) {
                port = Ports.findFreePort();
            }
            if (Ports.isInUse(port)) {
                throw new IllegalStateException("Cannot start S3Proxy: port " + port + " is already in use");
            }
            dataDir = dataDir.toAbsolutePath().normalize();
            if (logFile == null) {
                logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
            }
            Path theJar = jar != null ? jar : S3ProxyJar.locate();
            long t0 = System.nanoTime();
            Path propsDir = null;
            ChildProcess proc = null;
            try {
                Files.createDirectories(dataDir);
                // The keys must not show in `ps`, so they go to a private file, deleted once S3Proxy has read it.
                propsDir = Files.createTempDirectory("labscale-s3proxy-");
                Path propsFile = propsDir.resolve("s3proxy.properties");
                Properties props = new Properties();
                props.putAll(extra);
                props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
                props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
                props.setProperty("s3proxy.identity", accessKey);
                props.setProperty("s3proxy.credential", secretKey);
                props.setProperty("jclouds.provider", "filesystem-nio2");
                props.setProperty("jclouds.filesystem.basedir", dataDir.toString());
                props.setProperty("jclouds.identity", accessKey);
                props.setProperty("jclouds.credential", secretKey);
                Files.createFile(propsFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                try (Writer w = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
                    props.store(w, "written by the Labscale launcher");
                }
                List<String> cmd = new ArrayList<>();
                cmd.add(javaCommand);
                cmd.addAll(jvmOptions);
                cmd.addAll(List.of("-jar", theJar.toString(), "--properties", propsFile.toString()));
                proc = ChildProcess.start("S3Proxy", cmd, Map.of("LOG_LEVEL", "info"), dataDir.getParent(),
                        logFile, "TERM");
                awaitAnswer(proc);
            } catch (IOException e) {
                if (proc != null) {
                    proc.kill();
                }
                throw new UncheckedIOException("Cannot start S3Proxy on " + dataDir, e);
            } catch (RuntimeException e) {
                if (proc != null) {
                    proc.kill();
                }
                throw e;
            } finally {
                if (propsDir != null) {
                    try {
                        deleteTree(propsDir);
                    } catch (IOException ignored) {
                        // a private temp file; best effort
                    }
                }
            }
            LOG.log(System.Logger.Level.INFO, "S3Proxy ready on port {0} in {1} ms", port,
                    (System.nanoTime() - t0) / 1_000_000);
            return new S3ProxyServer(this, proc);
        }

        private void awaitAnswer(ChildProcess proc) {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            while (System.nanoTime() < deadline) {
                if (!proc.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited during start-up (exit "
                            + proc.exitCode().orElse(-1) + "); see " + logFile + ":\n" + LogTail.lastLines(logFile, 20));
                }
                if (Ports.isListening(port)) {
                    try {
                        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
                        c.setConnectTimeout(1000);
                        c.setReadTimeout(2000);
                        int status = c.getResponseCode(); // 403 for an anonymous request: it answers
                        c.disconnect();
                        if (status > 0) {
                            return;
                        }
                    } catch (IOException notYet) {
                        // Jetty is binding; try again
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
                }
            }
            throw new IllegalStateException("S3Proxy did not answer on port " + port + " within "
                    + startTimeout.toSeconds() + " s; see " + logFile);
        }
    }
}
