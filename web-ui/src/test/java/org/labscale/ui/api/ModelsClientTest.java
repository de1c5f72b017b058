package org.labscale.ui.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.trainingset.TrainingItemRequest;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;
import org.labscale.ui.StubApi;

/** The training-set, training and model calls against canned answers shaped like the API's. */
class ModelsClientTest {

    private static final UUID LAB = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID SET = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-0000000000c3");

    private final StubApi stub = new StubApi();
    private final ModelsClient client = new ModelsClient(new LabscaleApiClient(stub.url(), Duration.ofSeconds(2),
            Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldReadARunningJobsCurve() {
        stub.on("GET /api/v1/jobs/" + JOB + "/curve", 200, "[{\"member\":0,\"epoch\":1,\"trainLoss\":0.9,"
                + "\"validationLoss\":1.0,\"perClassAccuracy\":[0.5,0.4,0.7]},{\"member\":1,\"epoch\":1,"
                + "\"trainLoss\":0.8,\"validationLoss\":0.95,\"perClassAccuracy\":[0.6,0.5,0.8]}]");

        List<EpochMetrics> curve = client.curve("t0k3n", JOB);

        assertEquals(2, curve.size());
        assertEquals(1, curve.get(1).member());
        assertEquals(List.of(0.6, 0.5, 0.8), curve.get(1).perClassAccuracy());
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    @Test
    void shouldListTheLabsModelVersionsWithModelAndVisibilityInOneCall() {
        String model = "00000000-0000-0000-0000-0000000000d4";
        stub.on("GET /api/v1/labs/" + LAB + "/model-versions", 200, "{\"items\":[{\"model\":{\"id\":\"" + model
                + "\",\"labId\":\"" + LAB + "\",\"name\":\"HeLa nuclei\",\"latestVersion\":2},\"version\":{"
                + "\"id\":\"00000000-0000-0000-0000-0000000000e5\",\"modelId\":\"" + model + "\",\"version\":2,"
                + "\"members\":[{\"index\":0,\"sha256\":\"ab\",\"sizeBytes\":10}]},\"visibility\":\"SHARED\"}],"
                + "\"page\":1,\"size\":50,\"total\":51}");

        var page = client.labModelVersions("t0k3n", LAB, 1, 50);

        assertEquals(51, page.total());
        assertEquals("HeLa nuclei", page.items().get(0).model().name());
        assertEquals(2, page.items().get(0).version().version());
        assertEquals(1, page.items().get(0).version().members().size());
        assertEquals(Visibility.SHARED, page.items().get(0).visibility());
        assertEquals("/api/v1/labs/" + LAB + "/model-versions?page=1&size=50", stub.last().pathAndQuery());
        assertEquals(1, stub.seen().size(), "one call for the page");
    }

    @Test
    void shouldFreezeAVersionAndReportTheApisSentenceWithItsField() {
        stub.on("POST /api/v1/training-sets/" + SET + "/versions", 400, "{\"code\":\"request.invalid-field\","
                + "\"message\":\"items[0].annotationId names no annotation of image x.\","
                + "\"details\":{\"field\":\"items[0].annotationId\"}}");
        TrainingSetVersionRequest request = new TrainingSetVersionRequest("n", List.of(new TrainingItemRequest(
                UUID.randomUUID(), UUID.randomUUID(), 2, Map.of("0", "nuclear"))));

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.freeze("t0k3n", SET, request));

        assertEquals("items[0].annotationId names no annotation of image x.", e.getMessage());
        assertEquals("items[0].annotationId", e.details().get("field"));
        String body = stub.last().body();
        assertTrue(body.contains("\"channelRoles\":{\"0\":\"nuclear\"}") && body.contains("\"annotationVersion\":2"),
                body);
    }

    @Test
    void shouldSubmitATrainingJobAndReadItsEstimate() {
        stub.on("POST /api/v1/labs/" + LAB + "/jobs", 201, "{\"id\":\"" + JOB + "\",\"labId\":\"" + LAB + "\","
                + "\"kind\":\"TRAINING\",\"state\":\"QUEUED\",\"estimate\":{\"seconds\":60,\"minSeconds\":30,"
                + "\"maxSeconds\":120,\"patches\":1200,\"patchesPerSecond\":200,\"device\":\"CPU\","
                + "\"rateSource\":\"table\",\"cpuOnly\":true,\"warnings\":[\"Only CPU workers serve this lab.\"]}}");

        var job = client.submit("t0k3n", LAB, new SubmitJobRequest(JobKind.TRAINING, Map.of("preset",
                "nuclear-net-fast"), null, null, null, null));

        assertEquals(60, job.estimate().seconds());
        assertEquals(List.of("Only CPU workers serve this lab."), job.estimate().warnings());
        assertTrue(stub.last().body().contains("\"kind\":\"TRAINING\""), stub.last().body());
    }

    @Test
    void shouldDeleteATrainingSetOnlyAtTheVersionSeen() {
        stub.on("DELETE /api/v1/training-sets/" + SET, 204, "");
        client.deleteTrainingSet("t0k3n", SET, 3);
        assertEquals("DELETE", stub.last().method());
    }
}
