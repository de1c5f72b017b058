package org.labscale.api.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.job.service.JobReaper;
import org.labscale.api.job.service.LostOutputSweeper;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.MutableClock;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/** A fenced-out worker that uploads after the winning attempt completed leaves nothing behind once swept. */
@QuarkusTest
class LostOutputSweeperTest {

    @Inject
    JobReaper reaper;

    @Inject
    LostOutputSweeper sweeper;

    @Inject
    ObjectStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @SuppressWarnings("unchecked")
    void shouldDeleteWhatALostAttemptUploadedAfterTheJobEnded() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Sweep Lab");
        Worker stale = Workers.forLab(alice, lab, "stale").register("CPU", 0);
        Worker fresh = Workers.forLab(alice, lab, "fresh").register("CPU", 0);
        String id = Workers.selfTest(alice, lab, Map.of());
        String staleUrl = ((Map<String, String>) stale.leaseOne().get("outputs")).get("result");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(reaper.reap() >= 1);
        clock.advance(Duration.ofSeconds(10));
        Map<String, Object> second = fresh.leaseOne();
        Object winner = second.get("leaseId");
        put(((Map<String, String>) second.get("outputs")).get("result"), "{\"winner\":true}");
        assertEquals(204, fresh.post(id, "complete", Map.of("leaseId", winner, "result", Map.of(),
                "outputs", List.of("result"))).statusCode());
        String prefix = "labs/" + lab + "/jobs/" + id + "/";
        String kept = prefix + winner + "/result.json";
        assertEquals(List.of(kept), store.list(prefix));

        // The presumed-dead worker wakes up and uploads to its URL, which still works.
        put(staleUrl, "{\"stale\":true}");
        assertEquals(2, store.list(prefix).size(), "the late upload is an orphan until swept");
        assertTrue(sweeper.sweep() >= 1);
        assertEquals(List.of(kept), store.list(prefix), "only the winning attempt's output is left");
        assertEquals(1, alice.as().get("/api/v1/jobs/{id}", id).then().statusCode(200).extract()
                .<List<String>>path("outputs").size());

        // Past the URLs' lifetime (6 h) and the window (1 h) the job is no longer looked at.
        String late = prefix + UUID.randomUUID() + "/result.json";
        store.putBytes(late, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        clock.advance(Duration.ofHours(7).plusSeconds(1));
        sweeper.sweep();
        assertEquals(2, store.list(prefix).size());
        store.delete(late);
    }

    /** The sweep's query walks the partial index of migration V4, not the whole job table. */
    @Test
    void shouldFindEndedJobsWithLostAttemptsThroughTheirIndex() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("SET LOCAL enable_seqscan = off"); // a tiny test table would be scanned anyway otherwise
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN " + LostOutputSweeper.ENDED_WITH_LOST_ATTEMPTS
                        .replaceFirst("\\?", "now() - interval '7 hours'").replaceFirst("\\?", "1000"))) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("job_lost_attempts_idx"), plan.toString());
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void put(String url, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
