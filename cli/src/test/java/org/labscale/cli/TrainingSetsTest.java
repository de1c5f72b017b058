package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

class TrainingSetsTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldFreezeItemsWithVersionsAndChannelRoles() {
        UUID set = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID i2 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        api.on("POST", "/api/v1/training-sets/" + set + "/versions", 201,
                new TrainingSetVersionDto(UUID.randomUUID(), set, 2, "ab".repeat(32), "two", List.of(), null, Fixtures.T));

        Cli.Result r = cli.run("training-sets", "freeze", set.toString(), "--notes", "two",
                "--item", Fixtures.IMAGE + ":" + a1 + ":0=nuclear,1=phase", "--item", i2 + ":" + a2 + "@3");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("2  " + "ab".repeat(32) + "\n", r.out());
        JsonNode items = api.only("POST", "/api/v1/training-sets/" + set + "/versions").json().get("items");
        assertEquals(Fixtures.IMAGE.toString(), items.get(0).get("imageId").asText());
        assertEquals(a1.toString(), items.get(0).get("annotationId").asText());
        assertTrue(items.get(0).get("annotationVersion").isNull());
        assertEquals("{\"0\":\"nuclear\",\"1\":\"phase\"}", items.get(0).get("channelRoles").toString());
        assertEquals(3, items.get(1).get("annotationVersion").asInt());
        assertTrue(items.get(1).get("channelRoles").isNull());
    }

    @Test
    void shouldRefuseMalformedItemsBeforeSendingAnything() {
        String set = UUID.randomUUID().toString();
        for (String item : List.of("just-one-part", Fixtures.IMAGE + ":nope", Fixtures.IMAGE + ":" + UUID.randomUUID()
                + "@x", Fixtures.IMAGE + ":" + UUID.randomUUID() + ":nuclear")) {
            Cli.Result r = cli.run("training-sets", "freeze", set, "--item", item);
            assertEquals(ExitCodes.USAGE, r.exit(), item + ": " + r);
        }
        assertTrue(api.requests.isEmpty());
    }
}
