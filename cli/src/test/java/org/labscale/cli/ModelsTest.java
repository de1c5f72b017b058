package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.cli.http.Json;
import org.labscale.shared.job.JobOutputDto;
import org.labscale.shared.job.JobState;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/** {@code models list|show|download} and {@code jobs outputs} against a stub API and stub object store. */
class ModelsTest {

    static final UUID MODEL = UUID.fromString("55555555-5555-5555-5555-555555555555");
    static final UUID VERSION = UUID.fromString("66666666-6666-6666-6666-666666666666");
    static final String MODELS = "/api/v1/labs/" + Fixtures.LAB + "/models";
    static final byte[] MEMBER0 = "onnx member zero".getBytes(StandardCharsets.UTF_8);
    static final byte[] MEMBER1 = "onnx member one".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
        ModelDto model = new ModelDto(MODEL, Fixtures.LAB, "HeLa nuclei", "first try", 2, Fixtures.T);
        api.on("GET", MODELS, 200, Fixtures.page(List.of(model)));
        api.on("GET", MODELS + "/" + MODEL, 200, model);
        api.on("GET", MODELS + "/" + MODEL + "/versions/2", 200, version(sha(MEMBER0), sha(MEMBER1)));
        // The API redirects a member download to a presigned object-store URL (here: the stub itself).
        for (int i = 0; i < 2; i++) {
            api.on("GET", MODELS + "/" + MODEL + "/versions/2/members/" + i, redirect("/s3/member-" + i));
        }
        api.on("GET", "/s3/member-0", 200, MEMBER0);
        api.on("GET", "/s3/member-1", 200, MEMBER1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static ModelVersionDto version(String sha0, String sha1) {
        ModelCard card = new ModelCard("semantic-segmentation", List.of("background", "boundary", "interior"),
                List.of("nuclear"), 61, Map.of("method", "median-local-mean", "window", 61), null, 2, List.of(),
                Map.of("meanPerCellJaccard", 0.87), List.of(), List.of("ada"), "CC-BY-4.0", "nuclei", Map.of(),
                new PostProcessing(PostProcessingMethod.WATERSHED, 0.6, null, null, null, null, null, null, null, null,
                        null, null, 3).withDefaults(), null, 0.13);
        return new ModelVersionDto(VERSION, MODEL, 2, Fixtures.JOB, card, List.of(
                new ModelMemberDto(0, sha0, MEMBER0.length), new ModelMemberDto(1, sha1, MEMBER1.length)), Fixtures.T);
    }

    static StubApi.Handler redirect(String path) {
        return (req, ex) -> {
            ex.getResponseHeaders().set("Location", "http://" + ex.getLocalAddress().getHostString() + ":"
                    + ex.getLocalAddress().getPort() + path);
            ex.sendResponseHeaders(307, -1);
        };
    }

    static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldListAndShowModelsByNameWithTheirCard() {
        Cli.Result list = cli.run("models", "list", "--lab", "cell-lab");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("HeLa nuclei") && list.out().contains("v2"), list.out());

        Cli.Result show = cli.run("models", "show", "--lab", "cell-lab", "hela NUCLEI", "--version", "2");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().contains("background, boundary, interior"), show.out());
        assertTrue(show.out().contains("meanPerCellJaccard=0.8700"), show.out());
        assertTrue(show.out().contains("61 px"), show.out());
        assertTrue(show.out().contains("Pixel size  0.13 um per pixel"), show.out());
        assertTrue(show.out().contains("Post-processing  WATERSHED threshold 0.6 (seeds 0.9) regrowth 3 min area 30"),
                show.out());

        Cli.Result unknown = cli.run("models", "show", "--lab", "cell-lab", "Bacteria");
        assertEquals(ExitCodes.REFUSED, unknown.exit());
        assertTrue(unknown.err().contains("no model named 'Bacteria'") && unknown.err().contains("HeLa nuclei"),
                unknown.err());
    }

    @Test
    void shouldDownloadEveryMemberCheckedAgainstItsHashWithoutSendingTheTokenToTheStore() throws Exception {
        Path out = dir.resolve("model");
        Cli.Result r = cli.run("models", "download", "--lab", "cell-lab", MODEL.toString(), "-o", out.toString());

        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(MEMBER0, Files.readAllBytes(out.resolve("member-0.onnx")));
        assertArrayEquals(MEMBER1, Files.readAllBytes(out.resolve("member-1.onnx")));
        ModelCard card = Json.mapper().readValue(out.resolve("card.json").toFile(), ModelCard.class);
        assertEquals(61, card.receptiveField());
        assertNull(api.only("GET", "/s3/member-0").header("Authorization"), "the presigned URL is the credential");
        assertTrue(api.only("GET", MODELS + "/" + MODEL + "/versions/2/members/0").header("Authorization")
                .startsWith("Bearer "));
    }

    @Test
    void shouldRefuseAMemberWhoseBytesDoNotMatchTheRegisteredHash() throws Exception {
        api.on("GET", MODELS + "/" + MODEL + "/versions/2", 200, version(sha(MEMBER0), sha(MEMBER0)));
        Path out = dir.resolve("model");
        Cli.Result r = cli.run("models", "download", "--lab", "cell-lab", "HeLa nuclei", "-o", out.toString());

        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertTrue(r.err().contains("member 1") && r.err().contains(sha(MEMBER1)), r.err());
        assertFalse(Files.exists(out.resolve("member-1.onnx")), "no file from bytes that failed the check");
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void shouldListAJobsOutputsAndDownloadTheZipOrOne() throws Exception {
        api.on("GET", "/api/v1/jobs/" + Fixtures.JOB, 200, Fixtures.job(JobState.SUCCEEDED, null, null, 4));
        String base = "/api/v1/labs/" + Fixtures.LAB + "/jobs/" + Fixtures.JOB;
        String image = UUID.randomUUID().toString();
        api.on("GET", base + "/outputs", 200, List.of(new JobOutputDto(image + "/labels.png", 2048, Fixtures.T),
                new JobOutputDto("report.json", 2, Fixtures.T)));
        byte[] zip = {'P', 'K', 3, 4, 1, 2, 3};
        api.on("GET", base + "/outputs.zip", 200, zip);
        api.on("GET", base + "/outputs/" + image + "/labels.png", redirect("/s3/labels"));
        api.on("GET", "/s3/labels", 200, MEMBER1);

        Cli.Result list = cli.run("jobs", "outputs", Fixtures.JOB.toString());
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains(image + "/labels.png") && list.out().contains("2.0 KiB"), list.out());

        Path zipFile = dir.resolve("out/all.zip");
        Cli.Result all = cli.run("jobs", "outputs", Fixtures.JOB.toString(), "--zip", zipFile.toString());
        assertEquals(0, all.exit(), all.toString());
        assertArrayEquals(zip, Files.readAllBytes(zipFile));

        Path one = dir.resolve("labels.png");
        Cli.Result single = cli.run("jobs", "outputs", Fixtures.JOB.toString(), "--name", image + "/labels.png",
                "-o", one.toString());
        assertEquals(0, single.exit(), single.toString());
        assertArrayEquals(MEMBER1, Files.readAllBytes(one));

        Cli.Result usage = cli.run("jobs", "outputs", Fixtures.JOB.toString(), "--name", "report.json");
        assertEquals(ExitCodes.USAGE, usage.exit(), usage.toString());
    }
}
