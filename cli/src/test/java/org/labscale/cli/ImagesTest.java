package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.UploadTicketDto;

class ImagesTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;
    Path png;
    byte[] bytes;
    String sha;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        png = Files.write(dir.resolve("cells 1.png"), bytes);
        sha = sha256(bytes);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void shouldStreamAMultipartUploadWithItsMetadataAndPrintIdAndSha256() {
        api.on("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images", 201,
                Fixtures.image("cells 1.png", sha, bytes.length));

        Cli.Result r = cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(), "--page-mode", "frames",
                "--channels", "phase,nuclear", "--pixel-size", "0.65", png.toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.IMAGE + "  " + sha + "  " + png + "\n", r.out());
        StubApi.Request sent = api.only("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images");
        assertEquals(String.valueOf(sent.body().length), sent.header("Content-Length"),
                "a known length, not chunked: the API can refuse an over-size upload up front");
        List<Multipart.Part> parts = Multipart.parse(sent.header("Content-Type"), sent.body());
        Multipart.Part file = parts.get(0);
        assertEquals("file", file.name());
        assertEquals("cells 1.png", file.fileName());
        assertEquals("image/png", file.contentType());
        assertArrayEquals(bytes, file.body());
        assertEquals(List.of("pageMode=FRAMES", "channelNames=phase", "channelNames=nuclear", "pixelSizeUm=0.65"),
                parts.subList(1, parts.size()).stream().map(p -> p.name() + "=" + p.text()).toList());
    }

    @Test
    void shouldSetAnImagesPixelSizeAfterUploadAndSayTheApisRefusal() {
        ImageDto sized = Fixtures.image("cells 1.png", sha, bytes.length);
        sized = new ImageDto(sized.id(), sized.projectId(), sized.name(), sized.format(), sized.width(),
                sized.height(), sized.channels(), sized.frames(), sized.bitsPerSample(), sized.sampleType(),
                sized.compression(), sized.pageMode(), sized.channelNames(), 0.13, sized.sha256(), sized.sizeBytes(),
                sized.createdAt(), sized.updatedAt(), 2);
        api.on("PATCH", "/api/v1/images/" + Fixtures.IMAGE, 200, sized);

        Cli.Result r = cli.run("images", "update", Fixtures.IMAGE.toString(), "--pixel-size", "0.13");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.IMAGE + "  cells 1.png  0.13 um per pixel\n", r.out());
        assertEquals("{\"pixelSizeUm\":0.13}", api.only("PATCH", "/api/v1/images/" + Fixtures.IMAGE).json()
                .toString(), "only the field given");
        Cli.Result nothing = cli.run("images", "update", Fixtures.IMAGE.toString());
        assertEquals(ExitCodes.USAGE, nothing.exit(), nothing.toString());

        api.on("PATCH", "/api/v1/images/" + Fixtures.IMAGE, 400, StubApi.error("validation.invalid-field",
                "pixelSizeUm must be a positive number of micrometres, not -1.0."));
        Cli.Result refused = cli.run("images", "update", Fixtures.IMAGE.toString(), "--pixel-size", "-1");
        assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("pixelSizeUm must be a positive number"), refused.err());
    }

    @Test
    void shouldForgetAnImagesPixelSize() {
        api.on("DELETE", "/api/v1/images/" + Fixtures.IMAGE + "/pixel-size", 200,
                Fixtures.image("cells 1.png", sha, bytes.length));

        Cli.Result r = cli.run("images", "update", Fixtures.IMAGE.toString(), "--clear-pixel-size");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.IMAGE + "  cells 1.png  no pixel size\n", r.out());
        api.only("DELETE", "/api/v1/images/" + Fixtures.IMAGE + "/pixel-size");
        Cli.Result both = cli.run("images", "update", Fixtures.IMAGE.toString(), "--clear-pixel-size",
                "--pixel-size", "0.5");
        assertEquals(ExitCodes.USAGE, both.exit(), both.toString());
        assertTrue(both.err().contains("not both"), both.err());
    }

    @Test
    void shouldSendChannelFilesAsOneImageInChannelOrder() throws Exception {
        Path dapi = Files.write(dir.resolve("dapi.tif"), new byte[] {7, 7, 7});
        api.on("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images", 201,
                Fixtures.image("cells 1.png", "ab".repeat(32), bytes.length + 3));

        Cli.Result r = cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(), "--channel-files",
                "--channels", "phase,nuclear", png.toString(), dapi.toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.IMAGE + "  " + "ab".repeat(32) + "  " + png + " + " + dapi + "\n", r.out(),
                "one image; the stack's hash is the platform's to compute");
        List<Multipart.Part> parts = Multipart.parse(api.only("POST", "/api/v1/projects/" + Fixtures.PROJECT
                + "/images").header("Content-Type"), api.only("POST", "/api/v1/projects/" + Fixtures.PROJECT
                + "/images").body());
        assertEquals(List.of("file=cells 1.png", "file=dapi.tif", "channelNames=phase", "channelNames=nuclear"),
                parts.stream().map(p -> p.name() + "=" + (p.fileName() != null ? p.fileName() : p.text())).toList());
        assertArrayEquals(new byte[] {7, 7, 7}, parts.get(1).body());

        Cli.Result alone = cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(), "--channel-files",
                png.toString());
        assertEquals(ExitCodes.USAGE, alone.exit(), alone.toString());
        assertTrue(alone.err().contains("two or more FILEs"), alone.toString());
    }

    @Test
    void shouldReportAHashMismatchAsACorruptedTransfer() {
        api.on("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images", 201,
                Fixtures.image("cells 1.png", "00".repeat(32), bytes.length));

        Cli.Result r = cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(), png.toString());

        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertTrue(r.err().contains("changed in transit"), r.toString());
    }

    @Test
    void shouldTryEveryFileAndExitWithTheWorstFailure() throws Exception {
        Path bad = Files.write(dir.resolve("bad.png"), new byte[] {1, 2, 3});
        api.on("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/images", (req, ex) -> {
            boolean isBad = Multipart.parse(req.header("Content-Type"), req.body()).get(0).body().length == 3;
            StubApi.send(ex, isBad ? 422 : 201, isBad ? StubApi.error("image.unsupported-format",
                    "bad.png is neither a TIFF nor a PNG.") : Fixtures.image("cells 1.png", sha, bytes.length));
        });

        Cli.Result r = cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(), "--json", bad.toString(),
                png.toString());

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertTrue(r.err().contains(bad + ": bad.png is neither a TIFF nor a PNG."), r.toString());
        assertTrue(r.out().contains("\"sha256\" : \"" + sha + "\""), "the good file was uploaded: " + r);
    }

    @Test
    void shouldPutPresignedBytesWithoutTheTokenThenComplete() throws Exception {
        UUID upload = UUID.randomUUID();
        api.on("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/uploads", 201,
                new UploadTicketDto(upload, "PUT", api.url() + "/bucket/staging/x?X-Amz-Signature=abc", Fixtures.T));
        api.on("PUT", "/bucket/staging/x", 200, null);
        api.on("POST", "/api/v1/uploads/" + upload + "/complete", 201, Fixtures.image("cells 1.png", sha, bytes.length));

        Cli.Result r = cli.run("images", "upload", "--presigned", "--project", Fixtures.PROJECT.toString(),
                "--channels", "nuclear", png.toString());

        assertEquals(0, r.exit(), r.toString());
        StubApi.Request start = api.only("POST", "/api/v1/projects/" + Fixtures.PROJECT + "/uploads");
        assertEquals("cells 1.png", start.json().get("fileName").asText());
        assertEquals(bytes.length, start.json().get("sizeBytes").asLong());
        StubApi.Request put = api.only("PUT", "/bucket/staging/x");
        assertNull(put.header("Authorization"), "the presigned URL is the credential; the token stays home");
        assertEquals("X-Amz-Signature=abc", put.query());
        assertArrayEquals(bytes, put.body());
        StubApi.Request complete = api.only("POST", "/api/v1/uploads/" + upload + "/complete");
        assertEquals("[\"nuclear\"]", complete.json().get("channelNames").toString());
        assertTrue(r.out().contains(sha));
    }

    @Test
    void shouldDownloadUnderTheServersFileNameAndCheckTheHash() throws Exception {
        api.on("GET", "/api/v1/images/" + Fixtures.IMAGE, 200, Fixtures.image("cells 1.png", sha, bytes.length));
        api.on("GET", "/api/v1/images/" + Fixtures.IMAGE + "/original", (req, ex) -> {
            ex.getResponseHeaders().set("Content-Disposition",
                    "attachment; filename=\"../cells 1.png\"; filename*=UTF-8''..%2Fc%C3%A9lls%201.png");
            StubApi.send(ex, 200, bytes);
        });
        Path out = Files.createDirectory(dir.resolve("out"));

        Cli.Result r = cli.run("images", "download", Fixtures.IMAGE.toString(), "-o", out.toString());

        assertEquals(0, r.exit(), r.toString());
        Path saved = out.resolve("célls 1.png");
        assertEquals(saved + "\n", r.out(), "the UTF-8 name, without the ../ that would leave the folder");
        assertArrayEquals(bytes, Files.readAllBytes(saved));
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "no partial file left behind");
        }
    }

    @Test
    void shouldNotKeepADownloadWhoseHashDiffers() throws Exception {
        api.on("GET", "/api/v1/images/" + Fixtures.IMAGE, 200, Fixtures.image("cells 1.png", sha, bytes.length));
        api.on("GET", "/api/v1/images/" + Fixtures.IMAGE + "/original", 200, new byte[] {9, 9, 9});
        Path target = dir.resolve("copy.png");

        Cli.Result r = cli.run("images", "download", Fixtures.IMAGE.toString(), "-o", target.toString());

        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")));
        }
    }
}
