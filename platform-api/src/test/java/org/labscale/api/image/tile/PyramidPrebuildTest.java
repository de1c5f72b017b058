package org.labscale.api.image.tile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * Issue 17: a large image's tiles are built after upload, before anyone views it (the test profile's threshold is
 * 200 x 200 pixels), and a small image's are left to its first view.
 */
@QuarkusTest
class PyramidPrebuildTest {

    @Inject
    PyramidCache cache;

    private static UUID upload(User user, UUID project, int side) {
        byte[] png = TestFiles.png(TestFiles.gray(side, side, DataBuffer.TYPE_USHORT, (x, y) -> x * 31 + y * 7));
        return UUID.fromString(Uploads.image(user, project, side + ".png", png, Map.of()).statusCode(201).extract()
                .path("id"));
    }

    @Test
    void shouldBuildALargeImagesTilesAfterUploadAndLeaveASmallOnesToItsFirstView() throws InterruptedException {
        User owner = Api.newUser("Rosalind");
        UUID project = Api.newProject(owner, Api.newLab(owner, "Prebuild Lab"), "Tiles");
        UUID large = upload(owner, project, 300);
        UUID small = upload(owner, project, 150);
        assertFalse(cache.built(small), "a small image waits for its first view");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!cache.built(large) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(cache.built(large), "the large image's pyramid was built without a tile request");
        assertFalse(cache.built(small));
        owner.as().get("/api/v1/images/{id}/tiles/0/0/0.png", large).then().statusCode(200);
        owner.as().get("/api/v1/images/{id}/tiles/0/0/0.png", small).then().statusCode(200);
        assertTrue(cache.built(small), "built on its first view");
    }
}
