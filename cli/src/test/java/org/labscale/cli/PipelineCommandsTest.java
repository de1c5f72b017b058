package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.job.JobState;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

/**
 * Issue 21.1: the pipeline's steps that had no command: a training set from images and masks in one call, and
 * training and segmentation jobs from options (the platform's defaults for whatever is left out).
 */
class PipelineCommandsTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;
    final List<String> uploadedImages = new ArrayList<>();
    final Map<UUID, String> maskOfImage = new java.util.LinkedHashMap<>();

    static final UUID SET = UUID.fromString("55555555-5555-5555-5555-555555555555");
    static final String IMAGES = "/api/v1/projects/" + Fixtures.PROJECT + "/images";

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
        api.on("POST", IMAGES, (req, ex) -> {
            Multipart.Part file = Multipart.parse(req.header("Content-Type"), req.body()).get(0);
            UUID id = UUID.randomUUID();
            uploadedImages.add(file.fileName());
            api.on("POST", "/api/v1/images/" + id + "/annotations", (r2, ex2) -> {
                maskOfImage.put(id, Multipart.parse(r2.header("Content-Type"), r2.body()).get(0).fileName());
                StubApi.send(ex2, 201, annotation(id));
            });
            StubApi.send(ex, 201, new ImageDto(id, Fixtures.PROJECT, file.fileName(), "PNG", 8, 8, 1, 1, 8, "UINT8",
                    "DEFLATE", PageMode.CHANNELS, List.of("nuclear"), null, sha256(file.body()),
                    file.body().length, Fixtures.T, Fixtures.T, 1));
        });
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/training-sets", 201, set(0));
        api.on("POST", "/api/v1/training-sets/" + SET + "/versions", 201,
                new TrainingSetVersionDto(UUID.randomUUID(), SET, 1, "cd".repeat(32), null, List.of(), null,
                        Fixtures.T));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String sha256(byte[] bytes) {
        try {
            return ImagesTest.sha256(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TrainingSetDto set(int latest) {
        return new TrainingSetDto(SET, Fixtures.LAB, "Nuclei", null, null, latest, Fixtures.T, Fixtures.T, 1,
                null);
    }

    static AnnotationDto annotation(UUID image) {
        UUID id = UUID.randomUUID();
        return new AnnotationDto(id, image, "nuclei", AnnotationKind.BINARY_MASK, 1,
                new AnnotationVersionDto(UUID.randomUUID(), id, 1, AnnotationKind.BINARY_MASK, "ab".repeat(32), 10,
                        List.of(), 12, null, null, Fixtures.T), Fixtures.T, Fixtures.T);
    }

    private Path file(String name) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, "bytes of " + name);
    }

    @Test
    void shouldUploadImagesAndMasksAndFreezeATrainingSetInOneCall() throws Exception {
        Path a = file("a.png");
        Path b = file("b.png");
        Path am = file("m/a-labels.png");
        Path bm = file("m/b-labels.png");

        Cli.Result r = cli.run("training-sets", "create", "--lab", "cell-lab", "--project",
                Fixtures.PROJECT.toString(), "--images", a + "," + b, "--masks", am + "," + bm, "--mask-kind",
                "binary_mask", "--channels", "nuclear", "Nuclei");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(SET + "\n", r.out());
        assertEquals(List.of("a.png", "b.png"), uploadedImages);
        assertEquals(List.of("a-labels.png", "b-labels.png"), List.copyOf(maskOfImage.values()));
        List<Multipart.Part> imageParts = Multipart.parse(api.requests("POST", IMAGES).get(0).header("Content-Type"),
                api.requests("POST", IMAGES).get(0).body());
        assertEquals("channelNames=nuclear", imageParts.get(1).name() + "=" + imageParts.get(1).text());
        JsonNode items = api.only("POST", "/api/v1/training-sets/" + SET + "/versions").json().get("items");
        assertEquals(2, items.size());
        List<UUID> images = List.copyOf(maskOfImage.keySet());
        for (int i = 0; i < 2; i++) {
            assertEquals(images.get(i).toString(), items.get(i).get("imageId").asText());
            assertEquals(1, items.get(i).get("annotationVersion").asInt());
        }
        assertTrue(r.err().contains("froze version 1 (" + "cd".repeat(32) + ") with 2 items"), r.toString());
    }

    @Test
    void shouldFindMasksInAFolderByTheNamingRule() throws Exception {
        file("data/x.tif");
        file("data/x_mask.tif");
        file("data/y.tif");
        file("data/y_mask.png");

        Cli.Result r = cli.run("training-sets", "create", "--lab", "cell-lab", "--project",
                Fixtures.PROJECT.toString(), "--images", dir.resolve("data").toString(), "--mask-kind",
                "INSTANCE_MASK", "Nuclei");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("x.tif", "y.tif"), uploadedImages, "masks are not images");
        assertEquals(List.of("x_mask.tif", "y_mask.png"), List.copyOf(maskOfImage.values()));
    }

    @Test
    void shouldRefuseMissingOrMiscountedMasksBeforeSendingAnything() throws Exception {
        Path a = file("a.png");
        Path b = file("b.png");
        Path am = file("a_mask.png");
        String project = Fixtures.PROJECT.toString();

        Cli.Result miscounted = cli.run("training-sets", "create", "--lab", "cell-lab", "--project", project,
                "--images", a + "," + b, "--masks", am.toString(), "--mask-kind", "BINARY_MASK", "Nuclei");
        Cli.Result missing = cli.run("training-sets", "create", "--lab", "cell-lab", "--project", project,
                "--images", a + "," + b, "--mask-kind", "BINARY_MASK", "Nuclei");
        Cli.Result noKind = cli.run("training-sets", "create", "--lab", "cell-lab", "--project", project,
                "--images", a.toString(), "Nuclei");

        assertEquals(ExitCodes.USAGE, miscounted.exit(), miscounted.toString());
        assertTrue(miscounted.err().contains("2 images but 1 masks"), miscounted.toString());
        assertEquals(ExitCodes.USAGE, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("No mask for " + b) && missing.err().contains("b_mask"), missing.toString());
        assertEquals(ExitCodes.USAGE, noKind.exit(), noKind.toString());
        assertTrue(noKind.err().contains("--mask-kind"), noKind.toString());
        assertTrue(api.requests.isEmpty(), "nothing sent: " + api.requests);
    }

    @Test
    void shouldSubmitATrainingJobWithOnlyTheGivenSettings() {
        api.on("GET", "/api/v1/labs/" + Fixtures.LAB + "/training-sets", 200, Fixtures.page(List.of(set(3))));
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, Fixtures.job(JobState.QUEUED, null, null, 1));

        Cli.Result r = cli.run("jobs", "train", "--lab", "cell-lab", "--training-set", "Nuclei", "--training-set",
                SET + "@1", "--model-name", "NIH-3T3 nuclei", "--validation-images", Fixtures.IMAGE.toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.JOB + "\n", r.out());
        JsonNode sent = api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs").json();
        assertEquals("TRAINING", sent.get("kind").asText());
        assertEquals("{\"trainingSets\":[{\"trainingSetId\":\"" + SET + "\",\"version\":3},{\"trainingSetId\":\""
                + SET + "\",\"version\":1}],\"modelName\":\"NIH-3T3 nuclei\",\"validationImageIds\":[\""
                + Fixtures.IMAGE + "\"]}", sent.get("payload").toString(), "no budget: the platform's defaults");
    }

    @Test
    void shouldAskForThePixelSizeToTrainAt() {
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, Fixtures.job(JobState.QUEUED, null, null, 1));

        Cli.Result r = cli.run("jobs", "train", "--lab", "cell-lab", "--training-set", SET + "@1", "--preset",
                "bacteria-net-fast", "--pixel-size", "0.13");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\"trainingSets\":[{\"trainingSetId\":\"" + SET + "\",\"version\":1}],\"preset\":"
                + "\"bacteria-net-fast\",\"pixelSizeUm\":0.13}",
                api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs").json().get("payload").toString());
        Cli.Result bad = cli.run("jobs", "train", "--lab", "cell-lab", "--training-set", SET + "@1", "--pixel-size",
                "small");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--pixel-size"), bad.err());
    }

    @Test
    void shouldSubmitASegmentationOfATrainingSetWithAModelByName() {
        UUID model = UUID.randomUUID();
        api.on("GET", "/api/v1/labs/" + Fixtures.LAB + "/models", 200, Fixtures.page(List.of(new ModelDto(model,
                Fixtures.LAB, "NIH-3T3 nuclei", null, 2, Fixtures.T))));
        api.on("GET", "/api/v1/training-sets/" + SET, 200, set(2));
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs", 201, Fixtures.job(JobState.QUEUED, null, null, 1));

        Cli.Result r = cli.run("jobs", "segment", "--lab", "cell-lab", "--model", "nih-3t3 nuclei",
                "--training-set", SET.toString());
        Cli.Result twoSources = cli.run("jobs", "segment", "--lab", "cell-lab", "--model", "x", "--project",
                Fixtures.PROJECT.toString(), "--images", Fixtures.IMAGE.toString());

        assertEquals(0, r.exit(), r.toString());
        JsonNode sent = api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/jobs").json();
        assertEquals("SEGMENTATION", sent.get("kind").asText());
        assertEquals("{\"modelId\":\"" + model + "\",\"trainingSet\":{\"trainingSetId\":\"" + SET
                + "\",\"version\":2}}", sent.get("payload").toString());
        assertEquals(ExitCodes.USAGE, twoSources.exit(), twoSources.toString());
    }
}
