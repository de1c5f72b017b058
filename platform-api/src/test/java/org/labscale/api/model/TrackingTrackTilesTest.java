package org.labscale.api.model;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;
import org.labscale.api.testing.Workers;

/**
 * The viewer's tiles of a TRACKING job's per-frame CTC masks ({@code ctc/maskTTT.tif}, 16-bit TIFFs whose values are
 * track ids): ids exact with the one-pixel margin, 400 for a tile the mask does not have, 404 for a frame the job did
 * not store, for another job's kind of output and for another lab.
 */
@QuarkusTest
class TrackingTrackTilesTest {

    private static final String TILE = "/api/v1/labs/{lab}/jobs/{job}/track-tiles/{mask}/{z}/{x}/{y}.png";

    @Test
    @SuppressWarnings("unchecked")
    void shouldServeEachFramesTrackIdsByTilesToTheLabOnly() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("GOWT1 nuclei", ModelFixture.goodOutputs(2));
        int side = ModelFixture.SIDE;
        String series = Uploads.image(f.alice(), f.project(), "series.tif", TestFiles.tiff(null, TestFiles.pages(2,
                        side, side, DataBuffer.TYPE_BYTE).toArray(new BufferedImage[0])), Map.of("pageMode", "FRAMES"))
                .statusCode(201).body("frames", equalTo(2)).extract().path("id");
        String job = f.alice().as().body(Map.of("kind", "TRACKING", "payload", Map.of("imageId", series,
                        "modelId", model)))
                .post("/api/v1/labs/{lab}/jobs", f.lab()).then().statusCode(201).extract().path("id");
        Workers.Worker worker = Workers.forLab(f.alice(), f.lab(), "tracker-" + UUID.randomUUID());
        worker.as().body(Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0,
                        "kinds", List.of("TRACKING", "TRACKING_FRAMES"), "slots", 1), "host", "test-node"))
                .post("/api/v1/worker/register").then().statusCode(200);
        TrackingPartsTest.segmentParts(worker, 2);
        Map<String, Object> lease = worker.leaseOne();
        assertEquals(job, lease.get("jobId").toString());
        Map<String, String> outputs = (Map<String, String>) lease.get("outputs");
        int[][] ids = new int[side][side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                ids[y][x] = y < 10 ? 0 : x < 32 ? 7 : 40_000; // track ids above 255 keep both bytes
            }
        }
        Http.put(outputs.get("ctc/mask001.tif"), TestFiles.tiff(null, TestFiles.gray(side, side,
                DataBuffer.TYPE_USHORT, (x, y) -> ids[y][x])));
        assertEquals(204, worker.post(job, "complete", Map.of("leaseId", lease.get("leaseId"), "outputs",
                List.of("ctc/mask001.tif"))).statusCode());

        int[][] tile = TestFiles.labelTile(f.alice().as().get(TILE, f.lab(), job, "mask001", 0, 0, 0).then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
        assertEquals(side + 2, tile.length);
        assertEquals(side + 2, tile[0].length);
        for (int j = 0; j < side + 2; j++) {
            for (int i = 0; i < side + 2; i++) {
                boolean inside = i > 0 && j > 0 && i <= side && j <= side;
                assertEquals(inside ? ids[j - 1][i - 1] : 0, tile[j][i], "at " + i + "," + j);
            }
        }
        f.alice().as().get(TILE, f.lab(), job, "mask001", 1, 0, 0).then().statusCode(400);
        f.alice().as().get(TILE, f.lab(), job, "mask001", 0, 0, 1).then().statusCode(400);
        f.alice().as().get(TILE, f.lab(), job, "mask000", 0, 0, 0).then().statusCode(404); // not stored
        f.alice().as().get(TILE, f.lab(), job, "res_track", 0, 0, 0).then().statusCode(404); // not a mask

        User bob = Api.newUser("Bob");
        UUID bobLab = Api.newLab(bob, "Bob Lab");
        bob.as().get(TILE, f.lab(), job, "mask001", 0, 0, 0).then().statusCode(404);
        bob.as().get(TILE, bobLab, job, "mask001", 0, 0, 0).then().statusCode(404);
    }
}
