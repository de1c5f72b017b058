package org.labscale.launcher;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.labscale.launcher.net.Ports;
import org.labscale.launcher.platform.PlatformConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code labscale status}: which services answer on the configured ports. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows which Labscale services answer on their ports (apps: /q/health/ready). "
                + "Exit code 0 if all are up, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    PlatformOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlatformConfig c = options.toConfig();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        boolean allUp = true;
        for (PlatformConfig.PortSpec p : c.ports()) {
            String state;
            // PostgreSQL, S3 and the API's metrics listen on loopback; the apps on --bind, with a readiness check
            boolean app = !List.of("PostgreSQL", "S3", "API metrics").contains(p.service());
            if (app) {
                state = readiness(http, c.localHost(), p.port());
            } else {
                state = Ports.isListening(p.port()) ? "up" : "down";
            }
            allUp &= state.equals("up");
            out.printf("  %-13s port %-5d %s%n", p.service(), p.port(), state);
        }
        out.printf("Data and logs: %s%n", c.dataDir());
        return allUp ? 0 : 1;
    }

    private static String readiness(HttpClient http, String host, int port) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://" + host + ":" + port + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? "up" : "not ready (" + r.statusCode() + ")";
        } catch (ConnectException e) {
            return "down";
        } catch (Exception e) {
            return "listening, no health answer";
        }
    }
}
