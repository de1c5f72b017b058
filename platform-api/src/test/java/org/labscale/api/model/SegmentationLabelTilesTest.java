package org.labscale.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Http;

/** The viewer's tiles of a segmentation job's label mask: 16-bit labels exact, margin, bad tiles, lab isolation. */
@QuarkusTest
class SegmentationLabelTilesTest {

    private static final String TILE = "/api/v1/labs/{lab}/jobs/{job}/label-tiles/{image}/{z}/{x}/{y}.png";

    @Test
    @SuppressWarnings("unchecked")
    void shouldServeTheLabelMaskByTilesToTheLabOnly() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String job = f.alice().as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", model,
                        "imageIds", List.of(f.imageA()))))
                .post("/api/v1/labs/{lab}/jobs", f.lab()).then().statusCode(201).extract().path("id");
        Map<String, Object> lease = f.worker().leaseOne();
        int side = ModelFixture.SIDE;
        int[][] labels = new int[side][side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                labels[y][x] = x < 20 ? 0 : x < 40 ? 300 : 65_000; // labels above 255 keep both bytes
            }
        }
        Map<String, String> outputs = (Map<String, String>) lease.get("outputs");
        Http.put(outputs.get(f.imageA() + "/labels.png"), TestFiles.png(TestFiles.gray(side, side,
                DataBuffer.TYPE_USHORT, (x, y) -> labels[y][x])));
        assertEquals(204, f.worker().post(job, "complete", Map.of("leaseId", lease.get("leaseId"), "outputs",
                List.of(f.imageA() + "/labels.png"))).statusCode());

        int[][] tile = TestFiles.labelTile(f.alice().as().get(TILE, f.lab(), job, f.imageA(), 0, 0, 0).then().statusCode(200)
                .contentType("image/png").extract().asByteArray());
        assertEquals(side + 2, tile.length);
        assertEquals(side + 2, tile[0].length);
        for (int j = 0; j < side + 2; j++) {
            for (int i = 0; i < side + 2; i++) {
                boolean inside = i > 0 && j > 0 && i <= side && j <= side;
                assertEquals(inside ? labels[j - 1][i - 1] : 0, tile[j][i], "at " + i + "," + j);
            }
        }
        f.alice().as().get(TILE, f.lab(), job, f.imageA(), 1, 0, 0).then().statusCode(400);
        f.alice().as().get(TILE, f.lab(), job, f.imageA(), 0, 1, 0).then().statusCode(400);
        f.alice().as().get(TILE, f.lab(), job, f.imageB(), 0, 0, 0).then().statusCode(404);

        User bob = Api.newUser("Bob");
        UUID bobLab = Api.newLab(bob, "Bob Lab");
        bob.as().get(TILE, f.lab(), job, f.imageA(), 0, 0, 0).then().statusCode(404);
        bob.as().get(TILE, bobLab, job, f.imageA(), 0, 0, 0).then().statusCode(404);
    }
}
