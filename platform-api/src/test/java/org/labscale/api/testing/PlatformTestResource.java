package org.labscale.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.labscale.launcher.postgres.PostgresServer;
import org.labscale.launcher.s3.S3ProxyServer;

/**
 * The real parts the API needs, for every {@code @QuarkusTest} of this module: an embedded PostgreSQL 17 and an
 * S3Proxy server, each a separate process on a free port with throw-away data. Started once per test JVM.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer postgres;
    private static S3ProxyServer s3;
    private static Path adminPasswordFile;

    /** Where the API writes the first administrator's generated password. */
    public static synchronized Path adminPasswordFile() {
        if (adminPasswordFile == null) {
            try {
                Path dir = Files.createTempDirectory("labscale-api-test");
                adminPasswordFile = dir.resolve("admin-password.txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return adminPasswordFile;
    }

    /** The S3 server, for tests that inspect the bucket directly. */
    public static S3ProxyServer s3() {
        return s3;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            postgres = PostgresServer.startEphemeral();
            s3 = S3ProxyServer.startEphemeral();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "labscale.s3.endpoint", s3.endpoint(),
                "labscale.s3.access-key", s3.accessKey(),
                "labscale.s3.secret-key", s3.secretKey(),
                "labscale.s3.bucket", "labscale-test",
                "labscale.admin.password-file", adminPasswordFile().toString());
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: every test class shares one database and bucket. The servers stop with the JVM.
    }
}
