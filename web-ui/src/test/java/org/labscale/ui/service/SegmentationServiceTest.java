package org.labscale.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.ui.Fixtures;
import org.labscale.ui.StubApi;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.ModelsClient;
import org.labscale.ui.api.SegmentationClient;
import org.labscale.ui.service.SegmentationService.ModelChoice;

/** The segment and track pages' model versions: one API call for the whole list, however many models. */
class SegmentationServiceTest {

    private static final UUID LAB = UUID.fromString("0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70");

    private final StubApi stub = new StubApi();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldOfferTheLabsModelVersionsNewestFirstFromOneCall() {
        LabscaleApiClient api = new LabscaleApiClient(stub.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        LabscaleService session = new LabscaleService(api, new InMemorySessionStore(), Clock.systemUTC());
        stub.on("POST /api/v1/auth/login", 200, Fixtures.login("t0k3n", "2099-01-01T00:00:00Z"));
        session.signIn("ada@lab.org", "pw");
        SegmentationService service = new SegmentationService(session, new SegmentationClient(api),
                new ModelsClient(api));
        stub.on("GET /api/v1/labs/" + LAB + "/model-versions?page=0&size=200", 200, "{\"items\":["
                + version("00000000-0000-0000-0000-0000000000a1", "HeLa nuclei", 3) + ","
                + version("00000000-0000-0000-0000-0000000000b2", "E. coli", 1) + ","
                + version("00000000-0000-0000-0000-0000000000a1", "HeLa nuclei", 2)
                + "],\"page\":0,\"size\":200,\"total\":3}");
        int before = stub.seen().size();

        List<ModelChoice> choices = service.modelVersions(LAB);

        assertEquals(List.of("HeLa nuclei \u00b7 v3", "E. coli \u00b7 v1", "HeLa nuclei \u00b7 v2"),
                choices.stream().map(ModelChoice::label).toList(), "as the API lists them, newest first");
        assertEquals(1, stub.seen().size() - before, "one call for the three versions of two models");
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    private static String version(String model, String name, int n) {
        return "{\"model\":{\"id\":\"" + model + "\",\"labId\":\"" + LAB + "\",\"name\":\"" + name
                + "\",\"latestVersion\":" + n + "},\"version\":{\"id\":\"" + UUID.randomUUID() + "\",\"modelId\":\""
                + model + "\",\"version\":" + n + "},\"visibility\":\"PRIVATE\"}";
    }
}
