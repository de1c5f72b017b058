package org.labscale.ui.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.image.ChannelHistogramDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobState;
import org.labscale.ui.StubApi;

/** The client's image, job and pass-through calls against canned answers. */
class LabscaleApiClientImagesTest {

    private static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID IMAGE = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

    private final StubApi stub = new StubApi();
    private final LabscaleApiClient client = new LabscaleApiClient(stub.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void shouldUploadAnImageAsMultipartWithItsFieldsStreamedFromDisk(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upload.tmp"), "II*\u0000pixels");
        stub.on("POST /api/v1/projects/" + PROJECT + "/images", 201, "{\"id\":\"" + IMAGE + "\",\"name\":\"a.tif\","
                + "\"width\":3,\"height\":2,\"channels\":2}");

        var image = client.uploadImage("t0k3n", PROJECT, file, "a \"b\".tif", List.of("phase", "nuclear"), 0.65,
                PageMode.CHANNELS);

        assertEquals(IMAGE, image.id());
        StubApi.Seen seen = stub.last();
        assertTrue(seen.contentType().startsWith("multipart/form-data; boundary="), seen.contentType());
        String body = seen.body();
        assertTrue(body.contains("name=\"channelNames\"\r\n\r\nphase,nuclear\r\n"), body);
        assertTrue(body.contains("name=\"pixelSizeUm\"\r\n\r\n0.65\r\n"), body);
        assertTrue(body.contains("name=\"pageMode\"\r\n\r\nCHANNELS\r\n"), body);
        assertTrue(body.contains("name=\"file\"; filename=\"a 'b'.tif\""), "quotes cannot end the file name: " + body);
        assertTrue(body.contains("\r\n\r\nII*\u0000pixels\r\n--labscale-"), body);
        assertEquals("Bearer t0k3n", seen.authorization());
    }

    @Test
    void shouldReportARefusedUploadWithTheApisSentence(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.tmp"), "cell_id,area");
        stub.on("POST /api/v1/projects/" + PROJECT + "/images", 415,
                "{\"code\":\"image.not-an-image\",\"message\":\"notes.tif is text, not an image.\"}");

        ApiErrorException e = assertThrows(ApiErrorException.class,
                () -> client.uploadImage("t0k3n", PROJECT, file, "notes.tif", List.of(), null, null));

        assertEquals("notes.tif is text, not an image.", e.getMessage());
        assertTrue(!stub.last().body().contains("channelNames"), "no empty fields are sent");
    }

    @Test
    void shouldAskForOneChannelsHistogramAndFilteredJobPages() {
        stub.on("GET /api/v1/images/" + IMAGE + "/histogram", 200, "{\"channel\":1,\"frame\":0,\"min\":3,\"max\":900,"
                + "\"counts\":[5,0,7],\"p001\":3,\"p005\":4,\"p995\":800,\"p999\":880}");
        ChannelHistogramDto h = client.histogram("t0k3n", IMAGE, 1, 0);
        assertEquals("/api/v1/images/" + IMAGE + "/histogram?channel=1&frame=0", stub.last().pathAndQuery());
        assertEquals(List.of(5L, 0L, 7L), h.counts());
        assertEquals(800, h.p995());

        UUID lab = UUID.randomUUID();
        stub.on("GET /api/v1/labs/" + lab + "/jobs", 200, "{\"items\":[],\"page\":2,\"size\":50,\"total\":0}");
        client.jobs("t0k3n", lab, JobState.FAILED, JobKind.TRAINING, 2, 50);
        assertEquals("/api/v1/labs/" + lab + "/jobs?page=2&size=50&state=FAILED&kind=TRAINING", stub.last().pathAndQuery());
        client.jobs("t0k3n", lab, null, null, 0, 50);
        assertEquals("/api/v1/labs/" + lab + "/jobs?page=0&size=50", stub.last().pathAndQuery());
    }

    @Test
    void shouldPassABinaryAnswerThroughWithItsStatusAndType() throws IOException {
        stub.onRaw("GET /api/v1/images/" + IMAGE + "/tiles/0/0/0.png", 200, "image/png", "PNGDATA");

        LabscaleApiClient.Passthrough answer = client.stream("t0k3n", "images/" + IMAGE + "/tiles/0/0/0.png?channel=0");

        assertEquals(200, answer.status());
        assertEquals("image/png", answer.contentType());
        try (InputStream body = answer.body()) {
            assertEquals("PNGDATA", new String(body.readAllBytes()));
        }
        assertEquals("/api/v1/images/" + IMAGE + "/tiles/0/0/0.png?channel=0", stub.last().pathAndQuery());
        assertEquals("Bearer t0k3n", stub.last().authorization());
    }

    @Test
    void shouldPassTheBrowsersIfNoneMatchOnAndTheETagBack() throws IOException {
        String tag = "\"thumbnail-" + IMAGE + "\"";
        stub.onRaw("GET /api/v1/images/" + IMAGE + "/thumbnail", 304, null, null,
                java.util.Map.of("ETag", tag, "Cache-Control", "private, max-age=31536000, immutable"));

        LabscaleApiClient.Passthrough answer = client.stream("t0k3n", "images/" + IMAGE + "/thumbnail", tag);

        assertEquals(304, answer.status());
        assertEquals(tag, answer.etag());
        assertEquals("private, max-age=31536000, immutable", answer.cacheControl());
        try (InputStream body = answer.body()) {
            assertEquals(0, body.readAllBytes().length);
        }
        assertEquals(tag, stub.last().ifNoneMatch());
        client.stream("t0k3n", "images/" + IMAGE + "/thumbnail").body().close();
        assertEquals(null, stub.last().ifNoneMatch(), "none unless the browser sent one");
    }
}
