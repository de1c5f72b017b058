package org.labscale.api.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ChannelFiles;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * An image uploaded as one file per channel (issue 20: phase contrast and a nuclear marker as two files): the files
 * become the channels of one image, exactly and in order; files that cannot be one image's channels are refused
 * with the reason, and nothing is stored.
 */
@QuarkusTest
class ChannelFilesTest {

    @Inject
    ObjectStore store;

    private static final BufferedImage PHASE = TestFiles.gray(40, 30, DataBuffer.TYPE_USHORT,
            (x, y) -> 1000 + x * 40 + y);
    private static final BufferedImage NUCLEAR = TestFiles.gray(40, 30, DataBuffer.TYPE_USHORT,
            (x, y) -> x > 10 && x < 20 && y > 5 && y < 15 ? 30000 : 200);

    private static RequestSpecification upload(User user, List<String> names, List<byte[]> files) {
        RequestSpecification request = given().auth().oauth2(user.token());
        for (int i = 0; i < files.size(); i++) {
            request.multiPart("file", names.get(i), files.get(i), "application/octet-stream");
        }
        return request;
    }

    @Test
    void shouldMakeOneImageWhoseChannelsAreTheFilesInOrder() throws Exception {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Phase Lab"), "HeLa");
        String id = upload(alice, List.of("hela_phase.tif", "hela_dapi.png"),
                List.of(TestFiles.tiff("LZW", PHASE), TestFiles.png(NUCLEAR)))
                .multiPart("channelNames", "phase").multiPart("channelNames", "nuclear")
                .post("/api/v1/projects/{id}/images", project).then().statusCode(201)
                .body("name", equalTo("hela_phase.tif")).body("channels", equalTo(2)).body("frames", equalTo(1))
                .body("channelNames", equalTo(List.of("phase", "nuclear"))).body("bitsPerSample", equalTo(16))
                .extract().path("id");
        byte[] original = alice.as().get("/api/v1/images/{id}/original", id).then().statusCode(200).extract()
                .asByteArray();
        List<BufferedImage> pages = pages(original);
        assertEquals(2, pages.size());
        for (int[] p : new int[][] {{0, 0}, {39, 29}, {15, 10}, {3, 20}}) {
            assertEquals(PHASE.getRaster().getSample(p[0], p[1], 0), pages.get(0).getRaster().getSample(p[0], p[1], 0));
            assertEquals(NUCLEAR.getRaster().getSample(p[0], p[1], 0), pages.get(1).getRaster().getSample(p[0], p[1], 0));
        }
    }

    @Test
    void shouldRefuseFilesThatCannotBeOneImagesChannelsAndStoreNothing() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Phase Lab");
        UUID project = Api.newProject(alice, lab, "HeLa");
        byte[] phase = TestFiles.tiff(null, PHASE);
        byte[] small = TestFiles.tiff(null, TestFiles.gray(40, 20, DataBuffer.TYPE_USHORT, TestFiles.GRADIENT));
        byte[] eightBit = TestFiles.png(TestFiles.gray(40, 30, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        byte[] twoPages = TestFiles.tiff(null, PHASE, NUCLEAR);

        upload(alice, List.of("phase.tif", "dapi.tif"), List.of(phase, small)).post("/api/v1/projects/{id}/images",
                project).then().statusCode(422).body("code", equalTo("image.inconsistent-pages"))
                .body("message", containsString("'dapi.tif' is 40 x 20 UINT16"));
        upload(alice, List.of("phase.tif", "dapi.png"), List.of(phase, eightBit)).post("/api/v1/projects/{id}/images",
                project).then().statusCode(422).body("code", equalTo("image.inconsistent-pages"));
        upload(alice, List.of("phase.tif", "both.tif"), List.of(phase, twoPages)).post("/api/v1/projects/{id}/images",
                project).then().statusCode(422).body("code", equalTo("image.channel-not-single-plane"))
                .body("message", containsString("'both.tif' holds 2 channel(s)"));
        upload(alice, List.of("phase.tif", "dapi.tif"), List.of(phase, phase)).multiPart("channelNames", "phase")
                .post("/api/v1/projects/{id}/images", project).then().statusCode(400)
                .body("details.field", equalTo("channelNames"));
        upload(alice, List.of("phase.tif", "dapi.tif"), List.of(phase, phase)).multiPart("pageMode", "FRAMES")
                .post("/api/v1/projects/{id}/images", project).then().statusCode(400)
                .body("details.field", equalTo("pageMode"));
        List<byte[]> tooMany = java.util.Collections.nCopies(ChannelFiles.MAX_FILES + 1, phase);
        upload(alice, java.util.Collections.nCopies(tooMany.size(), "c.tif"), tooMany)
                .post("/api/v1/projects/{id}/images", project).then().statusCode(400)
                .body("code", equalTo("request.malformed-multipart"));

        alice.as().get("/api/v1/projects/{p}/images", project).then().statusCode(200).body("total", equalTo(0));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> ImageEntity.count("labId", lab)));
        org.hamcrest.MatcherAssert.assertThat(store.list("labs/" + lab + "/"), empty());
    }

    /** Every page of a TIFF, read by the JDK's reader (independent of the platform's decoder). */
    private static List<BufferedImage> pages(byte[] tiff) throws Exception {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff))) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            java.util.ArrayList<BufferedImage> out = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(reader.read(i));
            }
            return out;
        } finally {
            reader.dispose();
        }
    }
}
