package org.labscale.ui.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.ZooEntryDto;
import org.labscale.ui.StubApi;

/** The zoo and sharing calls against canned answers shaped like the API's. */
class ZooClientTest {

    private static final UUID LAB = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID MODEL = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID VERSION = UUID.fromString("00000000-0000-0000-0000-0000000000c3");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000d4");

    private final StubApi stub = new StubApi();
    private final ZooClient client = new ZooClient(new LabscaleApiClient(stub.url(), Duration.ofSeconds(2),
            Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldSearchWithTheFiltersGivenEncodedAndLeaveOutTheBlankOnes() {
        stub.on("GET /api/v1/zoo/models", 200, "{\"items\":[{\"modelId\":\"" + MODEL + "\",\"versionId\":\""
                + VERSION + "\",\"version\":2,\"name\":\"HeLa nuclei\",\"labId\":\"" + LAB + "\",\"labName\":\"A\","
                + "\"visibility\":\"PUBLIC\",\"channels\":[\"nuclear\"],\"meanPerCellJaccard\":0.81,"
                + "\"validationImages\":3,\"deprecated\":false}],\"page\":1,\"size\":50,\"total\":51}");

        PageDto<ZooEntryDto> page = client.search("t0k3n", new ZooClient.Query("HeLa nuclei", " ", "nuclear",
                null, "jaccard", false), 1, 50);

        assertEquals("/api/v1/zoo/models?page=1&size=50&q=HeLa+nuclei&channel=nuclear&sort=jaccard",
                stub.last().pathAndQuery());
        assertEquals(51, page.total());
        ZooEntryDto e = page.items().get(0);
        assertEquals(Visibility.PUBLIC, e.visibility());
        assertEquals(3, e.validationImages());
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    @Test
    void shouldForkByModelIdAndVersionAndShowTheApisSentence() {
        stub.on("POST /api/v1/labs/" + LAB + "/forks/models", 409, "{\"code\":\"model.name-taken\","
                + "\"message\":\"The lab already has a model named HeLa nuclei.\"}");

        ApiErrorException e = assertThrows(ApiErrorException.class, () -> client.fork("t0k3n", LAB,
                new org.labscale.shared.sharing.ForkRequest(MODEL, 2, "HeLa nuclei")));

        assertEquals("The lab already has a model named HeLa nuclei.", e.getMessage());
        String body = stub.last().body();
        assertTrue(body.contains("\"sourceId\":\"" + MODEL + "\"") && body.contains("\"version\":2"), body);
    }

    @Test
    void shouldGrantAndSetTheVisibilityOfOneVersion() {
        String path = "/api/v1/labs/" + LAB + "/models/" + MODEL + "/versions/2";
        stub.on("PUT " + path + "/grants/" + OTHER, 200, "{\"visibility\":\"SHARED\",\"grants\":[{\"labId\":\""
                + OTHER + "\",\"labName\":\"B\"}]}");
        stub.on("PUT " + path + "/visibility", 200, "{\"visibility\":\"PUBLIC\",\"grants\":[]}");

        SharingDto granted = client.grant("t0k3n", LAB, MODEL, 2, OTHER);
        assertEquals(Visibility.SHARED, granted.visibility());
        assertEquals("B", granted.grants().get(0).labName());

        assertEquals(Visibility.PUBLIC, client.visibility("t0k3n", LAB, MODEL, 2, Visibility.PUBLIC).visibility());
        assertEquals("{\"visibility\":\"PUBLIC\"}", stub.last().body());
    }
}
