package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.ui.Fixtures;
import org.labscale.ui.StubApi;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.ModelsClient;
import org.labscale.ui.api.SegmentationClient;

/** The time-lapse pages' API calls, against a canned-answer stub: outputs read with the session's token, submit. */
class TrackingServiceTest {

    private static final UUID LAB = UUID.fromString("0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70");
    private static final UUID JOB = UUID.fromString("1b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f71");
    private static final String OUTPUTS = "/api/v1/labs/" + LAB + "/jobs/" + JOB + "/output-files/";

    private final StubApi stub = new StubApi();

    @AfterEach
    void stop() {
        stub.close();
    }

    private TrackingService signedIn() {
        LabscaleApiClient api = new LabscaleApiClient(stub.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        LabscaleService session = new LabscaleService(api, new InMemorySessionStore(), Clock.systemUTC());
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2099-01-01T00:00:00Z"));
        session.signIn("ada@lab.org", "pw");
        SegmentationClient client = new SegmentationClient(api);
        return new TrackingService(new SegmentationService(session, client, new ModelsClient(api)), client);
    }

    @Test
    void shouldReadTheJobsTracksAndReportWithTheSessionsToken() {
        TrackingService tracking = signedIn();
        stub.onRaw("GET " + OUTPUTS + "tracks.csv", 200, "text/csv", SeriesTracksTest.CSV);
        stub.on("GET " + OUTPUTS + "report.json", 200, "{\"imageId\":\"" + LAB + "\",\"overall\":{\"frames\":2}}");

        assertEquals(List.of(2, 3), tracking.tracks(LAB, JOB).daughters(1));
        assertEquals("Bearer t0k3n", stub.last().authorization());
        SeriesReport report = SeriesReport.of(tracking.report(LAB, JOB));
        assertEquals(2, report.frames());
        assertEquals(LAB, report.imageOf(1));
    }

    @Test
    void shouldSayWhichOutputIsMissing() {
        ApiErrorException e = assertThrows(ApiErrorException.class, () -> signedIn().report(LAB, JOB));
        assertEquals(404, e.status());
        assertEquals("The job has no report.json (the API answered HTTP 404).", e.getMessage());
    }

    @Test
    void shouldSubmitATrackingJobAndPassTheApisRefusalOn() {
        TrackingService tracking = signedIn();
        stub.on("POST /api/v1/labs/" + LAB + "/jobs", 400, "{\"code\":\"job.invalid-payload\",\"message\":"
                + "\"imageIds must list 2 to 2000 frames, not 1; tracking needs a time series.\","
                + "\"details\":{\"field\":\"payload.imageIds\"}}");
        ApiErrorException e = assertThrows(ApiErrorException.class, () -> tracking.submit(LAB,
                Map.of("imageIds", List.of(JOB), "modelId", LAB)));
        assertEquals("imageIds must list 2 to 2000 frames, not 1; tracking needs a time series.", e.getMessage());
        assertEquals("payload.imageIds", e.details().get("field"));
        String body = stub.last().body();
        assertTrue(body.contains("\"kind\":\"TRACKING\"") && body.contains("\"imageIds\":[\"" + JOB + "\"]"), body);
    }
}
