package org.labscale.it.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.LocalPlatform;
import org.labscale.it.support.SyntheticNuclei;
import org.labscale.it.support.TestImages;
import org.labscale.shared.job.SelfTestPayload;

/**
 * A lab's pipeline script against the real platform: the packaged {@code labscale-cli} runs as a separate process
 * per command, signs in with a personal token, creates a project, uploads an image (multipart and presigned) and a
 * mask, lists and downloads them byte for byte, and freezes a training set; then submits a SELF_TEST job with an
 * idempotency key and follows it to the end; lists, shows and downloads a model the platform's worker trained, and a
 * segmentation job's outputs (listed, one by name, all as a zip).
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPlatform platform;
    private static Person scientist;
    private static UUID lab;
    private static String slug;

    @TempDir
    Path dir;

    @BeforeAll
    static void platform() {
        platform = LocalPlatform.get();
        scientist = Lab.person(platform, "Pipeline Script");
        lab = Lab.createLab(scientist, "Scripted lab");
        slug = scientist.as().get("/api/v1/labs/{lab}", lab).then().statusCode(200).extract().path("slug");
    }

    private String personalToken() {
        return scientist.as().body(Map.of("name", "cli-it", "scope", "READ_WRITE", "expiresInDays", 1))
                .post("/api/v1/me/tokens").then().statusCode(201).extract().path("token");
    }

    /** A CLI signed in with a fresh personal token, as {@code login} stores it. */
    private CliProcess signedIn() {
        CliProcess cli = new CliProcess(dir.resolve("config/cli.properties"));
        CliProcess.Result login = cli.run("login", "--url", platform.apiUrl(), "--token", personalToken());
        assertEquals(0, login.exit(), login.toString());
        return cli;
    }

    private static JsonNode json(CliProcess.Result r) throws Exception {
        assertEquals(0, r.exit(), r.toString());
        return JSON.readTree(r.out());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldRunALabsDayFromTheCommandLine() throws Exception {
        CliProcess cli = new CliProcess(dir.resolve("config/cli.properties"));
        CliProcess.Result login = cli.run("login", "--url", platform.apiUrl() + "/", "--token-stdin");
        assertEquals(2, login.exit(), "no token on stdin is a usage error: " + login);

        login = cli.run(personalToken() + "\n", 60, "login", "--url", platform.apiUrl() + "/", "--token-stdin");
        assertEquals(0, login.exit(), login.toString());
        assertTrue(login.out().contains(scientist.email()), login.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config)));
        assertEquals(scientist.email(), json(cli.run("whoami", "--json")).get("email").asText());
        assertTrue(json(cli.run("labs", "list", "--json")).findValuesAsText("slug").contains(slug));

        // A project, by lab slug; stdout is the id alone.
        CliProcess.Result created = cli.run("projects", "create", "--lab", slug, "Scripted project", "--tag", "cli,it");
        assertEquals(0, created.exit(), created.toString());
        String project = created.out().strip();
        JsonNode projects = json(cli.run("projects", "list", "--lab", slug, "--tag", "cli", "--json"));
        assertEquals(List.of(project), projects.findValuesAsText("id"));

        // Two images: streamed multipart and presigned PUT. The CLI prints id, SHA-256 and file.
        byte[] png = TestImages.discsPng(64, 48, 3, 6);
        byte[] png2 = TestImages.discsPng(80, 40, 2, 5);
        Path image = Files.write(dir.resolve("cells.png"), png);
        Path image2 = Files.write(dir.resolve("cells-2.png"), png2);
        CliProcess.Result up = cli.run("images", "upload", "--project", project, "--channels", "nuclear",
                "--pixel-size", "0.65", image.toString());
        assertEquals(0, up.exit(), up.toString());
        String[] line = up.out().strip().split("\\s+");
        String imageId = line[0];
        assertEquals(sha256(png), line[1]);
        JsonNode presigned = json(cli.run("images", "upload", "--presigned", "--project", project, "--json",
                image2.toString()));
        assertEquals(sha256(png2), presigned.get(0).get("sha256").asText());

        JsonNode images = json(cli.run("images", "list", "--project", project, "--json"));
        assertEquals(2, images.size(), images.toString());
        JsonNode first = images.get(0);
        assertEquals(imageId, first.get("id").asText());
        assertEquals("cells.png", first.get("name").asText());
        assertEquals(64, first.get("width").asInt());
        assertEquals(0.65, first.get("pixelSizeUm").asDouble());
        assertEquals("[\"nuclear\"]", first.get("channelNames").toString());
        CliProcess.Result table = cli.run("images", "list", "--project", project);
        assertTrue(table.out().contains("cells-2.png") && table.out().contains("64x48"), table.toString());

        Path copy = dir.resolve("downloads/copy.png");
        Files.createDirectories(copy.getParent());
        CliProcess.Result down = cli.run("images", "download", imageId, "-o", copy.toString());
        assertEquals(0, down.exit(), down.toString());
        assertArrayEquals(png, Files.readAllBytes(copy));
        CliProcess.Result intoFolder = cli.run("images", "download", presigned.get(0).get("id").asText(), "-o",
                copy.getParent().toString());
        assertEquals(0, intoFolder.exit(), intoFolder.toString());
        assertArrayEquals(png2, Files.readAllBytes(copy.getParent().resolve("cells-2.png")));

        // A mask, then a frozen training set of (image, mask, channel 0 = nuclear).
        Path mask = Files.write(dir.resolve("cells-mask.png"), TestImages.discsMaskPng(64, 48, 3, 6));
        CliProcess.Result masked = cli.run("masks", "upload", "--image", imageId, "--kind", "binary_mask", "--name",
                "nuclei", mask.toString());
        assertEquals(0, masked.exit(), masked.toString());
        String annotation = masked.out().strip();
        JsonNode masks = json(cli.run("masks", "list", "--image", imageId, "--json"));
        assertEquals("nuclei", masks.get(0).get("name").asText());
        assertEquals(3, masks.get(0).get("latest").get("cellCount").asInt());

        CliProcess.Result set = cli.run("training-sets", "create", "--lab", slug, "Scripted nuclei");
        assertEquals(0, set.exit(), set.toString());
        String setId = set.out().strip();
        CliProcess.Result frozen = cli.run("training-sets", "freeze", setId, "--notes", "from the CLI",
                "--item", imageId + ":" + annotation + ":0=nuclear");
        assertEquals(0, frozen.exit(), frozen.toString());
        String[] version = frozen.out().strip().split("\\s+");
        assertEquals("1", version[0]);
        scientist.as().get("/api/v1/training-sets/{s}/versions/1", setId).then().statusCode(200)
                .body("contentHash", org.hamcrest.Matchers.equalTo(version[1]))
                .body("items[0].imageId", org.hamcrest.Matchers.equalTo(imageId))
                .body("items[0].channelRoles.0", org.hamcrest.Matchers.equalTo("nuclear"));

        // Sign out: the token is forgotten, and the next command says how to sign in.
        assertEquals(0, cli.run("logout").exit());
        CliProcess.Result after = cli.run("labs", "list");
        assertEquals(2, after.exit(), after.toString());
        assertTrue(after.err().contains("labscale-cli login"), after.toString());
    }

    @Test
    void shouldExitWithTheApisMessageAndAStatusScriptsCanBranchOn() throws Exception {
        CliProcess cli = signedIn();

        CliProcess.Result missing = cli.run("images", "list", "--project", UUID.randomUUID().toString());
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("exists, or you cannot see it") && missing.err().contains("[not-found]"),
                missing.toString());

        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        String project = cli.run("projects", "create", "--lab", slug, "Errors").out().strip();
        CliProcess.Result rejected = cli.run("images", "upload", "--project", project, notAnImage.toString());
        assertEquals(1, rejected.exit(), rejected.toString());
        assertTrue(rejected.err().contains("notes.png"), rejected.toString());
        assertEquals(0, json(cli.run("images", "list", "--project", project, "--json")).size());

        assertEquals(2, cli.run("images", "upload", "--project", project).exit(), "no FILE");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        cli.env.put("LABSCALE_URL", "http://127.0.0.1:" + closed);
        CliProcess.Result unreachable = cli.run("labs", "list");
        assertEquals(3, unreachable.exit(), unreachable.toString());
    }

    @Test
    void shouldSubmitASelfTestJobOnceAndFollowItToSuccess() throws Exception {
        assumeTrue(jobApiPresent(), "The platform has no job API yet (POST /api/v1/labs/{labId}/jobs); "
                + "this test runs once the queue feature is on main.");
        CliProcess cli = signedIn();
        try (SelfTestWorker worker = SelfTestWorker.start(platform, scientist, lab)) {
            Path payload = Files.writeString(dir.resolve("self-test.json"),
                    "{\"steps\": 3, \"stepMillis\": 200, \"seed\": \"cli-it\"}");
            String key = "cli-it-" + UUID.randomUUID();
            CliProcess.Result submitted = cli.run("jobs", "submit", "--lab", slug, "--kind", "SELF_TEST",
                    "--payload", payload.toString(), "--idempotency-key", key);
            assertEquals(0, submitted.exit(), submitted.toString());
            String job = submitted.out().strip();
            CliProcess.Result again = cli.run("jobs", "submit", "--lab", slug, "--kind", "SELF_TEST", "--payload",
                    payload.toString(), "--idempotency-key", key);
            assertEquals(0, again.exit(), again.toString());
            assertEquals(job, again.out().strip(), "the same key answers the same job");
            assertTrue(again.err().contains("already used"), again.toString());

            CliProcess.Result followed = cli.run(null, 120, "jobs", "follow", job);
            assertEquals(0, followed.exit(), followed.toString());
            assertTrue(followed.out().contains("SUCCEEDED"), followed.toString());
            assertTrue(followed.out().contains("step 3 of 3"), "progress lines as they arrived: " + followed);

            JsonNode done = json(cli.run("jobs", "get", job, "--json"));
            assertEquals("SUCCEEDED", done.get("state").asText());
            assertEquals(SelfTestPayload.checksum("cli-it", 3), done.get("result").get("checksum").asText());
            JsonNode listed = json(cli.run("jobs", "list", "--lab", slug, "--state", "SUCCEEDED", "--json"));
            assertTrue(listed.findValuesAsText("id").contains(job), listed.toString());

            Path out = dir.resolve("job-out");
            assertEquals(0, cli.run("jobs", "download", job, "-o", out.toString()).exit());
            assertEquals(SelfTestPayload.checksum("cli-it", 3),
                    JSON.readTree(out.resolve("result.json").toFile()).get("checksum").asText());

            // A job that fails on purpose: follow exits 1 and says why.
            Path failing = Files.writeString(dir.resolve("fail.json"),
                    "{\"steps\": 2, \"stepMillis\": 50, \"failAtStep\": 1}");
            CliProcess.Result failed = cli.run(null, 180, "jobs", "submit", "--lab", slug, "--kind", "SELF_TEST",
                    "--payload", failing.toString(), "--max-attempts", "1", "--follow");
            assertEquals(1, failed.exit(), failed.toString());
            assertTrue(failed.out().contains("FAILED"), failed.toString());
            assertNotEquals("", failed.err(), failed.toString());
        }
    }

    @Test
    void shouldListShowAndDownloadATrainedModelAndASegmentationsOutputs() throws Exception {
        platform.ensureJobWorker();
        // A tiny model trained by the platform's own worker, and one image segmented with it (through the API).
        UUID project = Lab.createProject(scientist, lab, "CLI discs");
        List<Map.Entry<String, String>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SyntheticNuclei discs = SyntheticNuclei.generate(80, 80, 8, 500 + i);
            String image = Lab.uploadImage(scientist, project, "d" + i + ".png", discs.png(), "image/png", Map.of());
            items.add(Map.entry(image, Lab.annotateInstances(scientist, image, discs.maskPng(), discs.cells())));
        }
        String set = Lab.trainingSet(scientist, lab, "cli discs", items);
        String training = Jobs.submit(scientist, lab, "TRAINING", Map.of("trainingSets", List.of(Map.of(
                "trainingSetId", set, "version", 1)), "modelName", "cli nuclei", "preset", "bacteria-net-fast",
                "patchesPerEpoch", 600, "epochs", 1, "ensembleSize", 1, "validationFraction", 0.5),
                "cli-train-" + UUID.randomUUID());
        Jobs.Ended trained = Jobs.await(scientist, training, java.time.Duration.ofMinutes(4));
        assertEquals("SUCCEEDED", trained.state(), trained.job().prettify());
        String model = trained.job().getString("result.modelId");
        String image = items.get(0).getKey();
        String segmentation = Jobs.submit(scientist, lab, "SEGMENTATION", Map.of("modelId", model, "imageIds",
                List.of(image)), "cli-segment-" + UUID.randomUUID());
        Jobs.Ended segmented = Jobs.await(scientist, segmentation, java.time.Duration.ofMinutes(3));
        assertEquals("SUCCEEDED", segmented.state(), segmented.job().prettify());

        CliProcess cli = signedIn();
        JsonNode models = json(cli.run("models", "list", "--lab", slug, "--json"));
        assertTrue(models.findValuesAsText("name").contains("cli nuclei"), models.toString());
        CliProcess.Result table = cli.run("models", "list", "--lab", slug);
        assertTrue(table.out().contains("cli nuclei") && table.out().contains("v1"), table.toString());
        JsonNode version = json(cli.run("models", "show", "--lab", slug, "cli nuclei", "--version", "1", "--json"));
        assertEquals(model, version.get("modelId").asText());
        assertEquals(31, version.get("card").get("receptiveField").asInt());
        assertEquals(1, version.get("members").size());
        String memberSha = version.get("members").get(0).get("sha256").asText();

        Path modelDir = dir.resolve("model");
        CliProcess.Result downloaded = cli.run("models", "download", "--lab", slug, model, "-o", modelDir.toString());
        assertEquals(0, downloaded.exit(), downloaded.toString());
        assertEquals(memberSha, sha256(Files.readAllBytes(modelDir.resolve("member-0.onnx"))));
        assertEquals(List.of("nuclear"), JSON.convertValue(JSON.readTree(modelDir.resolve("card.json").toFile())
                .get("channels"), List.class));
        CliProcess.Result unknown = cli.run("models", "show", "--lab", slug, "no such model");
        assertNotEquals(0, unknown.exit(), unknown.toString());

        JsonNode outputs = json(cli.run("jobs", "outputs", segmentation, "--json"));
        java.util.Set<String> names = new java.util.TreeSet<>(outputs.findValuesAsText("name"));
        assertTrue(names.containsAll(List.of(image + "/labels.tif", image + "/cells.csv", "scores.json",
                "report.json")), names.toString());
        Path zip = dir.resolve("outputs.zip");
        CliProcess.Result zipped = cli.run("jobs", "outputs", segmentation, "--zip", zip.toString());
        assertEquals(0, zipped.exit(), zipped.toString());
        java.util.Set<String> entries = new java.util.TreeSet<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertEquals(names, entries);
        Path csv = dir.resolve("cells.csv");
        assertEquals(0, cli.run("jobs", "outputs", segmentation, "--name", image + "/cells.csv", "-o",
                csv.toString()).exit());
        assertTrue(Files.readString(csv).startsWith("label,area,"), Files.readString(csv));
    }

    private static boolean jobApiPresent() {
        Map<String, Object> paths = scientist.as().get("/q/openapi?format=json").then().statusCode(200).extract()
                .jsonPath().getMap("paths");
        return paths.containsKey("/api/v1/labs/{labId}/jobs") && paths.containsKey("/api/v1/jobs/{jobId}/events");
    }
}
