package org.labscale.launcher.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.launcher.net.Ports;

class PostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void shouldKeepDataAcrossRestartsOfTheSameDataDir() throws Exception {
        Path data = tmp.resolve("pg");
        int port = Ports.findFreePort();
        String password = PostgresServer.randomPassword();
        long t0 = System.nanoTime();
        try (PostgresServer pg = PostgresServer.start(data, port, password, "labscale")) {
            System.out.printf("first start (initdb) took %d ms as %s%n", (System.nanoTime() - t0) / 1_000_000,
                    pg.runAs());
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/labscale", pg.jdbcUrl());
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE cell (id int primary key, label text)");
                st.execute("INSERT INTO cell VALUES (1, 'nucleus')");
                try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                    rs.next();
                    assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
                }
            }
        }
        assertFalse(Ports.isInUse(port), "port is released after stop");
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "clean shutdown removes postmaster.pid");

        t0 = System.nanoTime();
        try (PostgresServer pg = PostgresServer.start(data, port, password, "labscale")) {
            System.out.printf("restart took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT label FROM cell WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("nucleus", rs.getString(1));
            }
        }
    }

    @Test
    void shouldRejectAWrongPassword() throws Exception {
        try (PostgresServer pg = PostgresServer.startEphemeral()) {
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "wrong").close());
        }
    }

    @Test
    void shouldDeleteTheEphemeralFolderOnStop() throws Exception {
        PostgresServer pg = PostgresServer.startEphemeral();
        Path data = pg.dataDir();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")));
        pg.stop();
        assertFalse(pg.process().isAlive());
        assertFalse(Files.exists(data.getParent()), "temporary folder deleted");
        pg.stop(); // idempotent
    }

    @Test
    void shouldRefuseAPortInUse() throws Exception {
        try (var blocker = new java.net.ServerSocket(0)) {
            var e = assertThrows(IllegalStateException.class,
                    () -> PostgresServer.start(tmp.resolve("x"), blocker.getLocalPort(), null, "labscale"));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    /** The fallback for machines that refuse user namespaces: run as nobody through setpriv. */
    @Test
    void shouldRunAsNobodyWhenForcedAsRoot() throws Exception {
        assumeTrue(RunAs.isRoot(), "only meaningful as root");
        Path data = tmp.resolve("nobody/pg");
        String password = PostgresServer.randomPassword();
        try (PostgresServer pg = PostgresServer.builder().dataDir(data).password(password)
                .runAs(RunAs.NOBODY).start()) {
            try (Connection c = pg.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                assertEquals("postgres", rs.getString(1));
            }
            assertEquals(65534, ((Number) Files.getAttribute(data, "unix:uid")).intValue());
        }
        // the same cluster reused in the user-namespace mode: ownership is handed back to root
        if (RunAs.detect() == RunAs.USER_NAMESPACE) {
            try (PostgresServer pg = PostgresServer.builder().dataDir(data).password(password)
                    .runAs(RunAs.USER_NAMESPACE).start()) {
                assertTrue(pg.isRunning());
                assertEquals(0, ((Number) Files.getAttribute(data, "unix:uid")).intValue());
            }
        }
    }

    @Test
    void shouldSayWhenThePasswordDiffersFromTheCluster() {
        Path data = tmp.resolve("pw");
        PostgresServer.start(data, 0, "first", "labscale").stop();
        var e = assertThrows(IllegalStateException.class, () -> PostgresServer.start(data, 0, "second", "labscale"));
        assertTrue(e.getMessage().contains("another password"), e.getMessage());
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "the refused server was stopped");
    }
}
