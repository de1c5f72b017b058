package org.labscale.api.overlay;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** Overlay tiles of an annotation's class map: content, the margin across tile edges, bad tiles, lab isolation. */
@QuarkusTest
class OverlayTileResourceTest {

    private static final int W = 300;
    private static final int H = 260;
    private static final String TILE = "/api/v1/annotations/{id}/versions/1/class-map/tiles/{z}/{x}/{y}.png";

    /** Two cells on a 300 x 260 image; the first crosses the tile edge at x = 256. */
    private static int[][] instances() {
        int[][] rows = new int[H][W];
        for (int y = 10; y < 30; y++) {
            for (int x = 240; x < 270; x++) {
                rows[y][x] = 1;
            }
        }
        for (int y = 250; y < 260; y++) {
            for (int x = 20; x < 40; x++) {
                rows[y][x] = 2;
            }
        }
        return rows;
    }

    private record Setup(User user, String annotation, int[][] classes) {
    }

    private Setup setup() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Overlay Lab");
        UUID project = Api.newProject(alice, lab, "Cells");
        UUID image = Uploads.accepted(alice, project, "cells.png",
                TestFiles.png(TestFiles.gray(W, H, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT)));
        String id = Uploads.annotation(alice, image, TestFiles.mask16(instances()), Map.of("kind", "INSTANCE_MASK"))
                .statusCode(201).extract().path("id");
        int[][] classes = TestFiles.read(alice.as().get("/api/v1/annotations/{id}/versions/1/class-map", id)
                .then().statusCode(200).extract().asByteArray());
        return new Setup(alice, id, classes);
    }

    @Test
    void shouldServeEveryTileWithItsNeighboursMarginAtEveryLevel() {
        Setup s = setup();
        int boundaryAtEdge = 0;
        for (int z = 0; z <= 1; z++) {
            int f = 1 << z, lw = (W + f - 1) / f, lh = (H + f - 1) / f;
            for (int ty = 0; ty * 256 < lh; ty++) {
                for (int tx = 0; tx * 256 < lw; tx++) {
                    int[][] tile = TestFiles.labelTile(s.user().as().get(TILE, s.annotation(), z, tx, ty).then()
                            .statusCode(200).contentType("image/png").header("Cache-Control", containsString("private"))
                            .extract().asByteArray());
                    assertEquals(Math.min(256, lh - ty * 256) + 2, tile.length, "rows with margin");
                    assertEquals(Math.min(256, lw - tx * 256) + 2, tile[0].length, "columns with margin");
                    for (int j = 0; j < tile.length; j++) {
                        for (int i = 0; i < tile[0].length; i++) {
                            int lx = tx * 256 + i - 1, ly = ty * 256 + j - 1;
                            int expected = lx < 0 || ly < 0 || lx >= lw || ly >= lh ? 0 : s.classes()[ly * f][lx * f];
                            assertEquals(expected, tile[j][i], "level " + z + " tile " + tx + "," + ty + " at " + i
                                    + "," + j);
                            if (z == 0 && tx == 1 && i == 0 && expected == 2) {
                                boundaryAtEdge++;
                            }
                        }
                    }
                }
            }
        }
        // the left margin of tile (1, 0) holds the cell's interior at x = 255: not an outline, as in the whole map
        assertEquals(18, boundaryAtEdge);
    }

    @Test
    void shouldRejectTilesTheOverlayDoesNotHave() {
        Setup s = setup();
        s.user().as().get(TILE, s.annotation(), 2, 0, 0).then().statusCode(400).body(containsString("level 2"));
        s.user().as().get(TILE, s.annotation(), 0, 2, 0).then().statusCode(400).body(containsString("column 2"));
        s.user().as().get(TILE, s.annotation(), 1, 0, 1).then().statusCode(400).body(containsString("row 1"));
        s.user().as().get(TILE, s.annotation(), -1, 0, 0).then().statusCode(400);
    }

    @Test
    void shouldAnswerAnotherLabLikeAMissingAnnotation() {
        Setup s = setup();
        User eve = Api.newUser("Eve");
        Api.newLab(eve, "Eve's Lab");
        eve.as().get(TILE, s.annotation(), 0, 0, 0).then().statusCode(404);
        eve.as().get(TILE, UUID.randomUUID(), 0, 0, 0).then().statusCode(404);
        s.user().as().get("/api/v1/annotations/{id}/versions/9/class-map/tiles/0/0/0.png", s.annotation()).then()
                .statusCode(404);
    }
}
