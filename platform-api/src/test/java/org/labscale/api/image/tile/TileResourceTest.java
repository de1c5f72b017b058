package org.labscale.api.image.tile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** Tiles, histograms and pixel values of an uploaded two-channel 16-bit TIFF, through the API. */
@QuarkusTest
class TileResourceTest {

    private static User owner;
    private static User viewer;
    private static UUID image;

    /** Made once, on the first test's request (the app is up by then; a @BeforeAll runs before it listens). */
    @BeforeEach
    void twoChannelImage() {
        if (image != null) {
            return;
        }
        owner = Api.newUser("Rosalind");
        UUID lab = Api.newLab(owner, "Tile Lab");
        viewer = Api.newUser("Marie");
        Api.join(owner, lab, viewer, "VIEWER");
        UUID project = Api.newProject(owner, lab, "Tiles");
        byte[] tiff = TestFiles.tiff("LZW",
                TestFiles.gray(600, 300, DataBuffer.TYPE_USHORT, (x, y) -> PyramidBuilderTest.sample(0, x, y)),
                TestFiles.gray(600, 300, DataBuffer.TYPE_USHORT, (x, y) -> PyramidBuilderTest.sample(1, x, y)));
        image = UUID.fromString(Uploads.image(owner, project, "two.tif", tiff,
                Map.of("pageMode", "CHANNELS", "channelNames", "nuclear,membrane")).statusCode(201)
                .extract().path("id"));
    }

    @Test
    void shouldRenderAChannelLinearlyBetweenItsMinAndMax() throws IOException {
        BufferedImage tile = png(given().auth().oauth2(viewer.token())
                .queryParam("channel", 0).queryParam("min", 0).queryParam("max", 1000).queryParam("color", "ffffff")
                .get("/api/v1/images/{id}/tiles/0/0/0.png", image).then().statusCode(200).contentType("image/png")
                .extract().asByteArray());
        assertEquals(256, tile.getWidth());
        assertEquals(256, tile.getHeight());
        int expected = (int) Math.round(PyramidBuilderTest.sample(0, 20, 3) / 1000 * 255);
        assertEquals(expected << 16 | expected << 8 | expected, tile.getRGB(20, 3) & 0xffffff);
        assertEquals(0xffffff, tile.getRGB(99, 36) & 0xffffff, "990 + 36 > max: clamped white");
    }

    @Test
    void shouldAddChannelsInTheirColoursAndCutEdgeTiles() throws IOException {
        BufferedImage tile = png(given().auth().oauth2(owner.token())
                .queryParam("channel", 0, 1).queryParam("min", 0, 1000).queryParam("max", 1000, 2000)
                .queryParam("color", "00ff00", "ff00ff")
                .get("/api/v1/images/{id}/tiles/0/2/1.png", image).then().statusCode(200).extract().asByteArray());
        assertEquals(88, tile.getWidth());
        assertEquals(44, tile.getHeight());
        int x = 512 + 3;
        int y = 256 + 2;
        int green = (int) Math.round(PyramidBuilderTest.sample(0, x, y) / 1000 * 255);
        int magenta = (int) Math.round((PyramidBuilderTest.sample(1, x, y) - 1000) / 1000 * 255);
        assertEquals(magenta << 16 | green << 8 | magenta, tile.getRGB(3, 2) & 0xffffff);
    }

    @Test
    void shouldAnswerHistogramAndPixelValues() {
        JsonPath h = given().auth().oauth2(viewer.token()).queryParam("channel", 1)
                .get("/api/v1/images/{id}/histogram", image).then().statusCode(200).extract().jsonPath();
        assertEquals(1000.0, h.getDouble("min"));
        assertEquals(1000.0 + 990 + 36, h.getDouble("max"));
        assertEquals(256, h.getList("counts").size());
        assertEquals(600L * 300, h.getList("counts", Long.class).stream().mapToLong(Long::longValue).sum());

        given().auth().oauth2(viewer.token()).queryParam("x", 517).queryParam("y", 263)
                .get("/api/v1/images/{id}/values", image).then().statusCode(200)
                .body("values", contains((float) PyramidBuilderTest.sample(0, 517, 263),
                        (float) PyramidBuilderTest.sample(1, 517, 263)));
    }

    @Test
    void shouldLeaveTheOtherImageEndpointsReachable() {
        // a class path of /api/v1/images/{imageId} once hid every other resource's endpoint below it
        given().auth().oauth2(owner.token()).get("/api/v1/images/{id}/annotations", image).then().statusCode(200);
        given().auth().oauth2(owner.token()).get("/api/v1/images/{id}/thumbnail", image).then().statusCode(200);
        given().auth().oauth2(owner.token()).get("/api/v1/images/{id}", image).then().statusCode(200);
    }

    @Test
    void shouldRefuseBadParametersWithASentence() {
        given().auth().oauth2(owner.token()).queryParam("channel", 2)
                .get("/api/v1/images/{id}/tiles/0/0/0.png", image).then().statusCode(400)
                .body("message", equalTo("channel 2 does not exist; the image has 2 channels (0-1)."));
        given().auth().oauth2(owner.token()).queryParam("channel", 0).queryParam("color", "green")
                .get("/api/v1/images/{id}/tiles/0/0/0.png", image).then().statusCode(400)
                .body("message", containsString("color 'green' is not a colour"));
        given().auth().oauth2(owner.token()).queryParam("channel", 0).queryParam("min", 5).queryParam("max", 5)
                .get("/api/v1/images/{id}/tiles/0/0/0.png", image).then().statusCode(400)
                .body("message", containsString("must be greater than its min"));
        given().auth().oauth2(owner.token())
                .get("/api/v1/images/{id}/tiles/3/0/0.png", image).then().statusCode(404)
                .body("code", equalTo("tile.not-found")).body("message", containsString("levels 0-2"));
        given().auth().oauth2(owner.token()).queryParam("x", 600).queryParam("y", 0)
                .get("/api/v1/images/{id}/values", image).then().statusCode(400)
                .body("message", containsString("outside the image, which is 600 x 300 pixels"));
    }

    @Test
    void shouldAnswerAStrangerExactlyLikeAMissingImage() {
        User stranger = Api.newUser("Stranger");
        for (String path : new String[] {"/tiles/0/0/0.png", "/histogram", "/values?x=1&y=1"}) {
            String missing = given().auth().oauth2(stranger.token()).get("/api/v1/images/" + UUID.randomUUID() + path)
                    .then().statusCode(404).extract().jsonPath().getString("code");
            String theirs = given().auth().oauth2(stranger.token()).get("/api/v1/images/" + image + path)
                    .then().statusCode(404).extract().jsonPath().getString("code");
            assertEquals(missing, theirs, path);
        }
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
