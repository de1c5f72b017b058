package org.labscale.launcher.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;

class PlatformTest {

    @TempDir
    Path tmp;

    static PlatformConfig config(Path home, Path data) {
        return new PlatformConfig(home, data, Ports.findFreePort(), Ports.findFreePort(), Ports.findFreePort(),
                Ports.findFreePort(), Ports.findFreePort(), "labscale", "admin@labscale.local",
                Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    void shouldGenerateSecretsOnceAndReuseThem() throws Exception {
        Path data = tmp.resolve("data");
        Platform first = new Platform(config(tmp, data), ctx -> List.of(), new PrintWriter(new StringWriter()));
        first.start();
        Properties s1 = load(data.resolve("secrets.properties"));
        first.stop();

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("secrets.properties"))));
        assertEquals(32, s1.getProperty("postgres.password").length());
        assertEquals(20, s1.getProperty("s3.access-key").length());
        assertEquals(40, s1.getProperty("s3.secret-key").length());
        // another data folder gets other, random secrets: no fixed defaults
        Secrets other = Secrets.loadOrCreate(tmp.resolve("other/secrets.properties"));
        assertNotEquals(s1.getProperty("postgres.password"), other.postgresPassword());
        assertNotEquals(s1.getProperty("s3.secret-key"), other.s3SecretKey());
        assertNotEquals(s1.getProperty("worker.token"), other.workerToken());

        PlatformConfig again = config(tmp, data);
        Platform second = new Platform(again, ctx -> List.of(), new PrintWriter(new StringWriter()));
        second.start();
        try {
            assertEquals(s1, load(data.resolve("secrets.properties")), "secrets reused");
            // the cluster created on first start still accepts the stored password
            try (Connection c = DriverManager.getConnection(second.context().orElseThrow().jdbcUrl(), "postgres",
                    s1.getProperty("postgres.password"))) {
                assertTrue(c.isValid(2));
            }
        } finally {
            second.stop();
        }
        assertTrue(Files.isDirectory(data.resolve("postgres")));
        assertTrue(Files.isDirectory(data.resolve("s3/labscale")), "bucket folder");
        assertTrue(Files.isRegularFile(data.resolve("logs/postgres.log")));
        assertTrue(Files.isRegularFile(data.resolve("logs/s3proxy.log")));
    }

    @Test
    void shouldStartAppsInOrderWithTheirEnvironmentAndLeaveNoProcessAfterStop() throws Exception {
        Set<Long> before = descendants();
        Path data = tmp.resolve("data");
        PlatformConfig cfg = config(tmp, data);
        FakeApps apps = new FakeApps()
                .with("platform-api", "FAKE_ENV_DUMP", tmp.resolve("api.env").toString())
                .with("gpu-worker", "FAKE_ENV_DUMP", tmp.resolve("worker.env").toString())
                .with("web-ui", "FAKE_ENV_DUMP", tmp.resolve("ui.env").toString());
        StringWriter log = new StringWriter();
        Platform platform = new Platform(cfg, apps, new PrintWriter(log, true));
        try {
            platform.start();
            List<Long> pids = platform.runningPids();
            assertEquals(5, pids.size(), log.toString());
            assertTrue(descendants().containsAll(pids));
        } finally {
            platform.stop();
        }
        Set<Long> left = descendants();
        left.removeAll(before);
        assertEquals(Set.of(), left, "no child process left after stop");
        for (PlatformConfig.PortSpec p : cfg.ports()) {
            assertFalse(Ports.isInUse(p.port()), p + " released");
        }
        String out = log.toString();
        assertTrue(out.indexOf("Starting PostgreSQL") < out.indexOf("Starting S3Proxy"), out);
        assertTrue(out.indexOf("Starting S3Proxy") < out.indexOf("Starting platform API"), out);
        assertTrue(out.indexOf("Starting GPU worker") < out.indexOf("Starting web UI"), out);
        assertTrue(out.indexOf("Stopping web UI") < out.indexOf("Stopping GPU worker"), out);
        assertTrue(out.indexOf("Stopping platform API") < out.indexOf("Stopping S3Proxy"), out);
        assertTrue(out.indexOf("Stopping S3Proxy") < out.indexOf("Stopping PostgreSQL"), out);

        Properties api = load(tmp.resolve("api.env"));
        Secrets secrets = Secrets.loadOrCreate(data.resolve("secrets.properties"));
        assertEquals(Integer.toString(cfg.apiPort()), api.getProperty("QUARKUS_HTTP_PORT"));
        assertEquals("jdbc:postgresql://127.0.0.1:" + cfg.pgPort() + "/labscale",
                api.getProperty("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("postgres", api.getProperty("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals(secrets.postgresPassword(), api.getProperty("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("http://127.0.0.1:" + cfg.s3Port(), api.getProperty("LABSCALE_S3_ENDPOINT"));
        assertEquals(secrets.s3AccessKey(), api.getProperty("LABSCALE_S3_ACCESS_KEY"));
        assertEquals(secrets.s3SecretKey(), api.getProperty("LABSCALE_S3_SECRET_KEY"));
        assertEquals("labscale", api.getProperty("LABSCALE_S3_BUCKET"));
        assertEquals("us-east-1", api.getProperty("LABSCALE_S3_REGION"));
        assertEquals("admin@labscale.local", api.getProperty("LABSCALE_ADMIN_EMAIL"));
        assertEquals(data.resolve("admin-password.txt").toString(), api.getProperty("LABSCALE_ADMIN_PASSWORD_FILE"));
        assertEquals("127.0.0.1", api.getProperty("QUARKUS_HTTP_HOST"), "loopback unless --bind says otherwise");
        assertEquals(Integer.toString(cfg.metricsPort()), api.getProperty("QUARKUS_MANAGEMENT_PORT"));
        assertEquals("127.0.0.1", api.getProperty("QUARKUS_MANAGEMENT_HOST"), "metrics for this machine only");

        Properties worker = load(tmp.resolve("worker.env"));
        assertEquals(Integer.toString(cfg.workerPort()), worker.getProperty("QUARKUS_HTTP_PORT"));
        assertEquals("http://127.0.0.1:" + cfg.apiPort(), worker.getProperty("LABSCALE_API_URL"));
        assertEquals(data.resolve("worker-cache").toString(), worker.getProperty("LABSCALE_WORKER_CACHE_DIR"));
        assertEquals("127.0.0.1", worker.getProperty("QUARKUS_HTTP_HOST"));
        // 10 s to stop: the worker hands its jobs back after 1 s, leaving time for the release
        assertEquals("PT1S", worker.getProperty("LABSCALE_WORKER_SHUTDOWN_GRACE"));
        assertEquals("PT10S", worker.getProperty("QUARKUS_SHUTDOWN_TIMEOUT"));
        assertTrue(secrets.workerToken().startsWith("lsw_") && secrets.workerToken().length() == 47,
                secrets.workerToken().substring(0, 4));
        assertEquals(secrets.workerToken(), worker.getProperty("LABSCALE_WORKER_TOKEN"));
        assertEquals(secrets.workerToken(), api.getProperty("LABSCALE_BOOTSTRAP_WORKER_TOKEN"),
                "the API knows the local worker's token");
        Properties ui = load(tmp.resolve("ui.env"));
        assertEquals(Integer.toString(cfg.uiPort()), ui.getProperty("QUARKUS_HTTP_PORT"));
        assertEquals("http://127.0.0.1:" + cfg.apiPort(), ui.getProperty("LABSCALE_API_URL"));
        assertEquals("127.0.0.1", ui.getProperty("QUARKUS_HTTP_HOST"));
        assertFalse(ui.containsKey("QUARKUS_DATASOURCE_PASSWORD"), "secrets only where needed");
        assertFalse(ui.containsKey("LABSCALE_WORKER_TOKEN"), "secrets only where needed");
    }

    @Test
    void shouldStopAndStartOneComponentWithoutCountingItAsAFailureAndKeepTheStopOrder() throws Exception {
        Path data = tmp.resolve("data");
        PlatformConfig cfg = config(tmp, data);
        StringWriter log = new StringWriter();
        Platform platform = new Platform(cfg, new FakeApps(), new PrintWriter(log, true));
        try {
            platform.start();
            try (Connection c = DriverManager.getConnection(platform.context().orElseThrow().jdbcUrl(), "postgres",
                    platform.context().orElseThrow().secrets().postgresPassword())) {
                c.createStatement().execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
            }
            platform.stopComponent(Platform.POSTGRES);
            platform.stopComponent("platform-api");
            assertFalse(Ports.isInUse(cfg.apiPort()), "the API's port is free");
            Thread.sleep(300);
            assertTrue(platform.failure().isEmpty(), "a requested stop is no failure: " + platform.failure());
            assertEquals(3, platform.runningPids().size());
            platform.startComponent(Platform.POSTGRES);
            platform.startComponent("platform-api");
            assertEquals(5, platform.runningPids().size());
            try (Connection c = DriverManager.getConnection(platform.context().orElseThrow().jdbcUrl(), "postgres",
                    platform.context().orElseThrow().secrets().postgresPassword());
                 var rs = c.createStatement().executeQuery("SELECT x FROM kept")) {
                assertTrue(rs.next(), "the data survived the restart");
                assertEquals(7, rs.getInt(1));
            }
        } finally {
            platform.stop();
        }
        String out = log.toString();
        int last = out.lastIndexOf("Starting platform API");
        assertTrue(out.indexOf("Stopping web UI", last) < out.indexOf("Stopping platform API", last), out);
        assertTrue(out.indexOf("Stopping S3Proxy", last) < out.indexOf("Stopping PostgreSQL", last), out);
    }

    private static Properties load(Path file) throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
