package org.labscale.launcher.process;

import java.nio.file.Path;
import org.labscale.launcher.postgres.PostgresServer;
import org.labscale.launcher.s3.S3ProxyServer;

/** Starts PostgreSQL and S3Proxy from a worker thread that then ends, prints their pids and waits to be killed. */
public final class OrphanProbeMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PostgresServer[] pg = new PostgresServer[1];
        S3ProxyServer[] s3 = new S3ProxyServer[1];
        // a short-lived thread on purpose: the children must survive it and die only with the JVM
        Thread starter = new Thread(() -> {
            pg[0] = PostgresServer.builder().dataDir(dir.resolve("pg")).password("x").start();
            s3[0] = S3ProxyServer.start(dir.resolve("s3"), 0, "ak", "sk-0123456789");
        });
        starter.start();
        starter.join();
        Thread.sleep(500);
        System.out.println("PIDS " + pg[0].pid() + " " + s3[0].process().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
