package org.labscale.api.trainingset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;

/**
 * Issue 21: what a TRAINING job will cost (the submit answer's and the job's {@code estimate}), the CPU defaults of a
 * lab without a GPU worker, the held-out images said and chosen, and channel roles that map themselves.
 */
@QuarkusTest
class TrainingEstimateTest {

    private static final String JOBS = "/api/v1/labs/{lab}/jobs";

    record Lab(User alice, UUID lab, String set, List<String> images) {
    }

    /**
     * A lab with a training set whose version 1 holds {@code images} one-channel images (2 cells each); with
     * {@code roles} null the items keep the images' own channel names (none given at upload: {@code channel-0}).
     */
    private static Lab lab(int images, Map<String, String> roles) {
        return lab(images, roles, TrainingSetTest.CELLS);
    }

    /**
     * A lab with one 400 x 400 image of 1,600 cells (8 x 8 px, 10 px apart: per cell 28 boundary and 36 interior
     * pixels), enough pixels for the paper's 100,000 patches per epoch.
     */
    private static Lab bigLab() {
        int[][] cells = new int[400][400];
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                cells[y][x] = x % 10 < 8 && y % 10 < 8 ? 1 + x / 10 + 40 * (y / 10) : 0;
            }
        }
        return lab(1, Map.of("0", "nuclear"), cells);
    }

    /** {@code images} images the size of {@code cells}, each annotated with that instance mask. */
    private static Lab lab(int images, Map<String, String> roles, int[][] cells) {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Estimate Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        String set = TrainingSetTest.newSet(alice, lab, "nuclei");
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            int shift = i * 11;
            String image = Uploads.accepted(alice, project, "n" + i + ".png", TestFiles.png(TestFiles.gray(
                    cells[0].length, cells.length, DataBuffer.TYPE_BYTE, (x, y) -> (x * 7 + y * 3 + shift) % 200)))
                    .toString();
            ids.add(image);
            items.add(TrainingSetTest.item(image, TrainingSetTest.annotate(alice, image, cells), roles));
        }
        alice.as().body(Map.of("items", items)).post("/api/v1/training-sets/{id}/versions", set).then()
                .statusCode(201);
        return new Lab(alice, lab, set, ids);
    }

    private static Map<String, Object> training(Lab l, Map<String, Object> extra) {
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("trainingSets",
                List.of(Map.of("trainingSetId", l.set(), "version", 1))));
        payload.putAll(extra);
        return Map.of("kind", "TRAINING", "payload", payload);
    }

    @Test
    void shouldChooseCpuDefaultsAndSayTheJobRunsOnlyOnCpuWhenNoGpuWorkerServesTheLab() {
        Lab l = bigLab();
        Workers.forLab(l.alice(), l.lab(), "cpu-box").register("CPU", 0);
        JsonPath job = l.alice().as().body(training(l, Map.of())).post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.preset", equalTo("nuclear-net-fast"))
                .body("payload.patchesPerEpoch", equalTo(10_000))
                .body("payload.epochs", equalTo(4))
                .body("payload.ensembleSize", equalTo(3))
                .body("estimate.device", equalTo("CPU"))
                .body("estimate.cpuOnly", equalTo(true))
                .body("estimate.rateSource", equalTo("table"))
                .body("estimate.patches", equalTo(120_000))
                .body("estimate.warnings", not(hasItem(containsString("An epoch trains"))))
                .body("estimate.warnings[0]", containsString("Only CPU workers can take this job"))
                .body("estimate.heldOut.validationImages", equalTo(0))
                .body("estimate.heldOut.trainingImages", equalTo(1))
                .body("estimate.warnings", hasItem(containsString("One image: validation holds out 10% of its"
                        + " pixels")))
                .extract().jsonPath();
        long seconds = job.getLong("estimate.seconds");
        // 120,000 patches at the table's 400 patches/s on the CPU, plus start, members and validation: ~6 minutes.
        assertTrue(seconds > 300 && seconds < 450, "estimate " + seconds + " s");
        assertEquals(Math.round(seconds / 2.0), job.getLong("estimate.minSeconds"));
        assertEquals(seconds * 2, job.getLong("estimate.maxSeconds"));
        l.alice().as().get("/api/v1/jobs/{id}", job.getString("id")).then().statusCode(200)
                .body("estimate.seconds", equalTo((int) seconds)).body("estimate.device", equalTo("CPU"));
    }

    @Test
    void shouldKeepThePapersDefaultsAndEstimateOnTheGpuWhenAGpuWorkerServesTheLab() {
        Lab l = bigLab();
        Workers.forLab(l.alice(), l.lab(), "gpu-box").register("CUDA", 24_000);
        l.alice().as().body(training(l, Map.of())).post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.preset", equalTo("nuclear-net"))
                .body("payload.ensembleSize", equalTo(5))
                .body("estimate.device", equalTo("CUDA"))
                .body("estimate.cpuOnly", equalTo(false))
                .body("estimate.patches", equalTo(5_000_000));
    }

    @Test
    void shouldEstimateWithTheFixedPartAndTheRateAWorkerMeasured() {
        Lab l = bigLab();
        Workers.Worker w = Workers.forLab(l.alice(), l.lab(), "measured");
        w.as().body(registration(Map.of("nuclear-net-fast/patch", 1000.0), Map.of("nuclear-net-fast/patch", 30.0)))
                .post("/api/v1/worker/register").then().statusCode(200)
                .body("capabilities.patchesPerSecond.'nuclear-net-fast/patch'", equalTo(1000.0f))
                .body("capabilities.trainingFixedSeconds.'nuclear-net-fast/patch'", equalTo(30.0f));
        l.alice().as().body(training(l, Map.of())).post(JOBS, l.lab()).then().statusCode(201)
                .body("estimate.rateSource", equalTo("measured"))
                .body("estimate.patchesPerSecond", equalTo(1000.0f))
                .body("estimate.fixedSeconds", equalTo(30.0f))
                .body("estimate.seconds", equalTo(150)); // 30 s + 120,000 patches at 1,000/s
        w.as().body(registration(Map.of("nuclear-net-fast/patch", 600.0), Map.of())).post("/api/v1/worker/register")
                .then().statusCode(200);
        l.alice().as().body(training(l, Map.of())).post(JOBS, l.lab()).then().statusCode(201)
                .body("estimate.fixedSeconds", equalTo(0.0f))
                .body("estimate.seconds", equalTo(200)); // an older worker's rate covered whole jobs
        w.as().body(registration(Map.of("nuclear-net-fast/patch", -1.0), Map.of())).post("/api/v1/worker/register")
                .then().statusCode(400).body("details.field", equalTo("capabilities.patchesPerSecond"));
        w.as().body(registration(Map.of("nuclear-net-fast/patch", 800.0), Map.of("nuclear-net-fast/patch", -2.0)))
                .post("/api/v1/worker/register").then().statusCode(400)
                .body("details.field", equalTo("capabilities.trainingFixedSeconds"))
                .body("message", containsString("must be a number of 0 or more"));
    }

    @Test
    void shouldEstimateFromTheTablesFixedPartAndRateBeforeAWorkerMeasured() {
        Lab l = bigLab();
        Workers.forLab(l.alice(), l.lab(), "cpu-box").register("CPU", 0);
        JsonPath estimate = l.alice().as().body(training(l, Map.of("preset", "nuclear-net-fast",
                "patchesPerEpoch", 2000, "epochs", 2, "ensembleSize", 2))).post(JOBS, l.lab()).then()
                .statusCode(201).body("estimate.rateSource", equalTo("table")).extract().jsonPath();
        double rate = estimate.getDouble("estimate.patchesPerSecond");
        double fixed = estimate.getDouble("estimate.fixedSeconds");
        assertTrue(fixed > 0, "a fixed part: " + fixed);
        assertEquals(Math.round(fixed + 8000 / rate), estimate.getLong("estimate.seconds"));
    }

    @Test
    void shouldCountTheEpochsTheImagesCanFillAndSaySo() {
        // Three 6 x 5 images, each 19 background, 10 boundary and 1 interior pixel; the first held out.
        Lab l = lab(3, Map.of("0", "nuclear"));
        Workers.forLab(l.alice(), l.lab(), "cpu-box").register("CPU", 0);
        Map<String, Object> budget = Map.of("preset", "nuclear-net-fast", "patchesPerEpoch", 2000, "epochs", 2,
                "ensembleSize", 2, "validationImageIds", List.of(l.images().get(0)));
        JsonPath balanced = l.alice().as().body(training(l, budget)).post(JOBS, l.lab()).then().statusCode(201)
                .body("estimate.patches", equalTo(24)) // 3 classes x 2 interior pixels, 2 epochs, 2 members
                .body("estimate.warnings", hasItem(containsString("An epoch trains about 6 patches, not"
                        + " patchesPerEpoch 2000: the training images hold 2 pixels of the rarest class"
                        + " \"interior\"")))
                .extract().jsonPath();
        assertEquals(Math.round(balanced.getDouble("estimate.fixedSeconds")
                + 24 / balanced.getDouble("estimate.patchesPerSecond")), balanced.getLong("estimate.seconds"));
        Map<String, Object> unbalanced = new java.util.HashMap<>(budget);
        unbalanced.put("balanceClasses", false);
        l.alice().as().body(training(l, unbalanced)).post(JOBS, l.lab()).then().statusCode(201)
                .body("estimate.patches", equalTo(240)) // every training pixel: 2 x 30
                .body("estimate.warnings", hasItem(containsString("hold 60 annotated pixels")));
    }

    @Test
    void shouldCountThePixelsOfImagesEnlargedToThePixelSizeTrainedAt() {
        // The three 6 x 5 images of the test above, frozen at 0.2 um per pixel; trained at 0.1 they are enlarged 2x.
        Lab l = lab(3, Map.of("0", "nuclear"));
        for (String image : l.images()) {
            l.alice().as().body(Map.of("pixelSizeUm", 0.2)).patch("/api/v1/images/{id}", image).then()
                    .statusCode(200);
        }
        List<Map<String, Object>> items = l.alice().as().get("/api/v1/training-sets/{id}/versions/1", l.set())
                .then().extract().path("items");
        l.alice().as().body(Map.of("items", items.stream().map(i -> TrainingSetTest.item((String) i.get("imageId"),
                (String) i.get("annotationId"), Map.of("0", "nuclear"))).toList()))
                .post("/api/v1/training-sets/{id}/versions", l.set()).then().statusCode(201);
        Workers.forLab(l.alice(), l.lab(), "cpu-box").register("CPU", 0);
        Map<String, Object> budget = new java.util.HashMap<>(Map.of("trainingSets", List.of(Map.of("trainingSetId",
                l.set(), "version", 2)), "preset", "nuclear-net-fast", "patchesPerEpoch", 2000, "epochs", 2,
                "ensembleSize", 2, "validationImageIds", List.of(l.images().get(0))));
        JsonPath asUploaded = l.alice().as().body(Map.of("kind", "TRAINING", "payload", budget)).post(JOBS, l.lab())
                .then().statusCode(201).body("estimate.patches", equalTo(24))
                .body("estimate.warnings", not(hasItem(containsString("resamples")))).extract().jsonPath();
        budget.put("pixelSizeUm", 0.1);
        JsonPath enlarged = l.alice().as().body(Map.of("kind", "TRAINING", "payload", budget)).post(JOBS, l.lab())
                .then().statusCode(201)
                .body("estimate.patches", equalTo(96)) // 3 classes x 8 interior pixels (2 x 4), 2 epochs, 2 members
                .body("estimate.warnings", hasItem("The training resamples its images to one pixel size, so it works"
                        + " on 4.0x the annotated pixels of the images as uploaded; the estimate counts them."))
                .body("estimate.warnings", hasItem(containsString("An epoch trains about 24 patches")))
                .extract().jsonPath();
        // the post-processing chosen on the held-out image segments 4x its pixels
        assertEquals(asUploaded.getDouble("estimate.fixedSeconds") + 3 * 5, enlarged.getDouble("estimate.fixedSeconds"),
                0.11);
    }

    private static Map<String, Object> registration(Map<String, Double> rates, Map<String, Double> fixed) {
        return Map.of("capabilities", Map.of("device", "CPU", "gpuMemoryMb", 0, "kinds", List.of("TRAINING"),
                "slots", 1, "patchesPerSecond", rates, "trainingFixedSeconds", fixed));
    }

    @Test
    void shouldSayWhichImagesAreHeldOutAndLetTheUserChooseThem() {
        Lab l = lab(3, Map.of("0", "nuclear"));
        JsonPath drawn = l.alice().as().body(training(l, Map.of("preset", "nuclear-net-fast"))).post(JOBS, l.lab())
                .then().statusCode(201)
                .body("estimate.heldOut.validationImages", equalTo(1))
                .body("estimate.heldOut.trainingImages", equalTo(2))
                .body("estimate.heldOut.chosen", equalTo(false))
                .body("estimate.heldOut.heldOutCells", equalTo(2))
                .body("estimate.warnings", hasItem(containsString("Held out for validation: 1 of 3 image(s)")))
                .body("estimate.warnings", hasItem(containsString("hold 2 annotated cells, fewer than the 20")))
                .extract().jsonPath();
        assertTrue(l.images().contains(drawn.getString("estimate.heldOut.validationImageIds[0]")));

        l.alice().as().body(training(l, Map.of("preset", "nuclear-net-fast", "validationImageIds",
                        List.of(l.images().get(2), l.images().get(0))))).post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.validationImageIds", equalTo(List.of(l.images().get(2), l.images().get(0))))
                .body("estimate.heldOut.validationImageIds", hasItems(l.images().get(0), l.images().get(2)))
                .body("estimate.heldOut.trainingImages", equalTo(1))
                .body("estimate.heldOut.chosen", equalTo(true));
        l.alice().as().body(training(l, Map.of("validationImageIds", List.of(UUID.randomUUID().toString()))))
                .post(JOBS, l.lab()).then().statusCode(400)
                .body("details.field", equalTo("payload.validationImageIds"))
                .body("message", containsString("is not an image of the training sets"));
        l.alice().as().body(training(l, Map.of("validationImageIds", l.images()))).post(JOBS, l.lab()).then()
                .statusCode(400).body("message", containsString("holds out every image"));
    }

    @Test
    void shouldTrainAOneChannelNetOnAnUnnamedSingleChannelWithoutAsking() {
        Lab l = lab(1, null); // uploaded without channel names: the item's role is channel-0
        l.alice().as().get("/api/v1/training-sets/{id}/versions/1", l.set()).then()
                .body("items[0].channelRoles.'0'", equalTo("channel-0"));
        l.alice().as().body(training(l, Map.of("preset", "nuclear-net-fast"))).post(JOBS, l.lab()).then()
                .statusCode(201).body("payload.channels", equalTo(List.of("nuclear")));
    }

    @Test
    void shouldNameTheRemedyWhenANamedChannelDoesNotFit() {
        Lab l = lab(1, Map.of("0", "phase"));
        l.alice().as().body(training(l, Map.of("preset", "nuclear-net-fast"))).post(JOBS, l.lab()).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.channels"))
                .body("message", containsString("missing [nuclear]"))
                .body("message", containsString("labscale-cli training-sets freeze SET --item " + l.images().get(0)
                        + ":ANNOTATION:0=nuclear"))
                .body("message", containsString("items[].channelRoles"));
    }

    @Test
    void shouldHaveNoEstimateForOtherKinds() {
        Lab l = lab(1, Map.of("0", "nuclear"));
        l.alice().as().body(Map.of("kind", "SELF_TEST", "payload", Map.of("steps", 1))).post(JOBS, l.lab()).then()
                .statusCode(201).body("estimate", nullValue());
    }
}
