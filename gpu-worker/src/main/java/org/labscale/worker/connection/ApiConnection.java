package org.labscale.worker.connection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;
import org.labscale.worker.config.WorkerConfig;

/**
 * The worker's link to the platform API: checks on a schedule that the API answers and remembers the outcome, so
 * that readiness and the logs say whether this node is connected. Logs only changes, not every check.
 */
@ApplicationScoped
public class ApiConnection {

    private static final Logger LOG = Logger.getLogger(ApiConnection.class);

    /** The latest check: when, whether it worked, what the API said or what failed. */
    public record Status(Instant checkedAt, boolean connected, String detail) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(null, false, "not checked yet"));

    @Inject
    WorkerConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public Status status() {
        return status.get();
    }

    public String apiUrl() {
        return config.api().url();
    }

    /** Runs {@link #check()} at start and then every {@code labscale.worker.ping-interval}. */
    @Scheduled(every = "${labscale.worker.ping-interval:PT10S}")
    void scheduledCheck() {
        check();
    }

    /** Checks the API now and returns the outcome. */
    public Status check() {
        Status next;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/info"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode info = json.readTree(response.body());
                next = new Status(clock.instant(), true,
                        info.path("name").asText() + " " + info.path("version").asText());
            } else {
                next = new Status(clock.instant(), false, "HTTP " + response.statusCode() + " from " + apiUrl());
            }
        } catch (IOException e) {
            next = new Status(clock.instant(), false, "cannot reach " + apiUrl() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next = new Status(clock.instant(), false, "interrupted");
        }
        Status previous = status.getAndSet(next);
        if (next.connected() && !previous.connected()) {
            LOG.infof("Connected to the platform API at %s (%s)", apiUrl(), next.detail());
        } else if (!next.connected() && (previous.connected() || previous.checkedAt() == null)) {
            LOG.warnf("Not connected to the platform API: %s; retrying every %s", next.detail(),
                    config.worker().pingInterval());
        }
        return next;
    }
}
