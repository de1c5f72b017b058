package org.labscale.launcher.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for a packaged Quarkus app: serves {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT}.
 * <ul>
 *   <li>{@code FAKE_ENV_DUMP}: file to write the {@code QUARKUS_*} and {@code LABSCALE_*} variables it got;</li>
 *   <li>{@code FAKE_EXIT_AFTER_MS}: exit with code 3 that long after being ready (a crash);</li>
 *   <li>{@code FAKE_RUNNING_JOB}: on SIGTERM, behave like a worker with a job that does not finish: wait its
 *       {@code LABSCALE_WORKER_SHUTDOWN_GRACE}, then take a second to hand the job back, and say so;</li>
 *   <li>{@code LABSCALE_ADMIN_PASSWORD_FILE}: written if missing, as the real API does on its first start.</li>
 * </ul>
 */
public final class FakeQuarkusApp {

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.get("QUARKUS_HTTP_PORT"));
        String dump = env.get("FAKE_ENV_DUMP");
        if (dump != null) {
            Map<String, String> mine = new TreeMap<>();
            env.forEach((k, v) -> {
                if (k.startsWith("QUARKUS_") || (k.startsWith("LABSCALE_") && !k.endsWith("_PORT"))) {
                    mine.put(k, v);
                }
            });
            StringBuilder sb = new StringBuilder();
            mine.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            Files.writeString(Path.of(dump), sb.toString());
        }
        String pwFile = env.get("LABSCALE_ADMIN_PASSWORD_FILE");
        if (pwFile != null && !Files.exists(Path.of(pwFile))) {
            Files.writeString(Path.of(pwFile), "fake-admin-" + System.nanoTime() + "\n");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", x -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream os = x.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        System.out.println("fake app listening on " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake app stopping");
            if (env.containsKey("FAKE_RUNNING_JOB")) {
                String grace = env.get("LABSCALE_WORKER_SHUTDOWN_GRACE");
                System.out.println("fake worker: shutdown grace " + grace);
                try {
                    Thread.sleep(java.time.Duration.parse(grace).toMillis() + 1000);
                } catch (InterruptedException | RuntimeException e) {
                    System.out.println("fake worker: no usable grace: " + e);
                    return;
                }
                System.out.println("fake worker: job handed back");
            }
        }));
        String exitAfter = env.get("FAKE_EXIT_AFTER_MS");
        if (exitAfter != null) {
            Thread.sleep(Long.parseLong(exitAfter));
            System.out.println("fake app crashing");
            Runtime.getRuntime().halt(3);
        }
        Thread.currentThread().join();
    }
}
