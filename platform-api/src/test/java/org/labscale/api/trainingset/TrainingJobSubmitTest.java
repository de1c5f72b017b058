package org.labscale.api.trainingset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;

/** Submitting TRAINING jobs: defaults, the payload's own problems, and checks against the lab's training data. */
@QuarkusTest
class TrainingJobSubmitTest {

    private static final String JOBS = "/api/v1/labs/{lab}/jobs";

    record Lab(User alice, UUID lab, String set, String image, String annotation) {
    }

    /** A lab with one training set whose version 1 is one nuclear-channel image annotated with two cells. */
    private static Lab lab() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Training Lab");
        UUID project = Api.newProject(alice, lab, "Nuclei");
        String image = Uploads.accepted(alice, project, "n.png",
                TestFiles.png(TestFiles.gray(6, 5, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT))).toString();
        String annotation = TrainingSetTest.annotate(alice, image, TrainingSetTest.CELLS);
        String set = TrainingSetTest.newSet(alice, lab, "nuclei");
        alice.as().body(Map.of("items", List.of(TrainingSetTest.item(image, annotation, Map.of("0", "nuclear")))))
                .post("/api/v1/training-sets/{id}/versions", set).then().statusCode(201);
        return new Lab(alice, lab, set, image, annotation);
    }

    private static Map<String, Object> ref(String set, int version) {
        return Map.of("trainingSetId", set, "version", version);
    }

    @Test
    void shouldFillThePapersDefaultsWhenAGpuWorkerServesTheLab() {
        Lab l = lab();
        Workers.forLab(l.alice(), l.lab(), "gpu").register("CUDA", 24_000);
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)))))
                .post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.preset", equalTo("nuclear-net"))
                .body("payload.modelName", equalTo("nuclear-net"))
                .body("payload.channels", equalTo(List.of("nuclear")))
                .body("payload.classes", equalTo(List.of("background", "boundary", "interior")))
                .body("payload.normalization.window", equalTo(61))
                .body("payload.optimizer.type", equalTo("RMSPROP"))
                .body("payload.ensembleSize", equalTo(5))
                .body("payload.validationFraction", equalTo(0.1f))
                .body("payload.augmentation.rotations", equalTo(true));
    }

    @Test
    void shouldAcceptACustomNet() {
        Lab l = lab();
        Map<String, Object> net = Map.of("name", "tiny", "receptiveField", 9, "layers", List.of(
                Map.of("type", "conv", "filters", 8, "kernel", 2, "batchNorm", true), Map.of("type", "maxpool"),
                Map.of("type", "dense", "units", 16, "batchNorm", false)));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "net", net, "modelName", "my nuclei"))).post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.net.layers[1].type", equalTo("maxpool"))
                .body("payload.normalization.window", equalTo(9))
                .body("payload.modelName", equalTo("my nuclei"));
    }

    @Test
    void shouldRefuseAnInvalidPayloadWithEveryReason() {
        Lab l = lab();
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "preset", "nuclear-net-fast", "epochs", 0, "optimizer", Map.of("type", "SGD", "learningRate", -1))))
                .post(JOBS, l.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("message", containsString("epochs must be between 1 and 1000, not 0."))
                .body("message", containsString("optimizer.learningRate must be greater than 0"))
                .body("details.problems", hasItem("epochs must be between 1 and 1000, not 0."));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "preset", "retina-net"))).post(JOBS, l.lab()).then().statusCode(400)
                .body("message", containsString("Unknown preset \"retina-net\""));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of())).post(JOBS, l.lab()).then()
                .statusCode(400).body("message", containsString("trainingSets must name 1 to 20"));
        l.alice().as().get(JOBS, l.lab()).then().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseChannelsTheImagesDoNotHave() {
        Lab l = lab();
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "preset", "cytoplasm-net-fast"))).post(JOBS, l.lab()).then().statusCode(400)
                .body("code", equalTo("job.invalid-payload"))
                .body("message", containsString("but the net needs [phase, nuclear] (missing [phase])"));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "preset", "nuclear-net-fast", "channels", List.of("nuclear", "phase")))).post(JOBS, l.lab()).then()
                .statusCode(400).body("message", containsString("The preset nuclear-net-fast takes 1 channel(s)"));
    }

    @Test
    void shouldRefuseAClassWithoutAnnotatedPixels() {
        Lab l = lab();
        Map<String, Object> net = Map.of("name", "tiny", "receptiveField", 9, "layers", List.of(
                Map.of("type", "conv", "filters", 8, "kernel", 2, "batchNorm", true), Map.of("type", "maxpool"),
                Map.of("type", "dense", "units", 16, "batchNorm", false)));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "net", net, "classes", List.of("background", "boundary", "interior:HeLa", "interior:MCF10A"))))
                .post(JOBS, l.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("message", equalTo("No annotated pixel is of class \"interior:MCF10A\" (class-map value 3) in"
                        + " the training sets, so the net cannot learn it."));
    }

    @Test
    void shouldRefuseCellTypesNotNamedAsInteriorClasses() {
        Lab l = lab();
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)),
                "preset", "semantic-net-fast", "channels", List.of("phase", "nuclear"),
                "classes", List.of("background", "boundary", "HeLa", "interior:U2OS")))).post(JOBS, l.lab()).then()
                .statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("message", containsString("classes[2] must be an interior class: \"interior\" when there is"
                        + " one, else \"interior:<cell type>\" each (e.g. \"interior:HeLa\"), not \"HeLa\"."));
    }

    @Test
    void shouldCheckThePixelSizeToTrainAt() {
        Lab l = lab();
        Map<String, Object> sets = Map.of("trainingSets", List.of(ref(l.set(), 1)));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", with(sets, "pixelSizeUm", 0))).post(JOBS, l.lab())
                .then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.problems", hasItem("pixelSizeUm must be greater than 0 and at most 1000 (micrometres"
                        + " per pixel), not 0.0."));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", with(sets, "pixelSizeUm", 0.1))).post(JOBS, l.lab())
                .then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.pixelSizeUm"))
                .body("details.imageId", equalTo(l.image()))
                .body("message", containsString("but image " + l.image() + " (n.png) has no pixel size in the"
                        + " training-set version; give them one (PATCH the image's pixelSizeUm) and freeze a new"
                        + " version"));
        l.alice().as().body(Map.of("pixelSizeUm", 0.5)).patch("/api/v1/images/{id}", l.image()).then()
                .statusCode(200);
        // version 1 froze the image without a pixel size: the edit does not change it
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", with(sets, "pixelSizeUm", 0.1))).post(JOBS, l.lab())
                .then().statusCode(400).body("details.field", equalTo("payload.pixelSizeUm"));
        l.alice().as().get("/api/v1/training-sets/{id}/versions/1", l.set()).then()
                .body("items[0].pixelSizeUm", equalTo(null));
        freeze(l);
        sets = Map.of("trainingSets", List.of(ref(l.set(), 2)));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", with(sets, "pixelSizeUm", 0.005)))
                .post(JOBS, l.lab()).then().statusCode(400).body("details.field", equalTo("payload.pixelSizeUm"))
                .body("details.scaleFactor", equalTo(100.0f))
                .body("message", containsString("Image " + l.image() + " (n.png, 0.5 um per pixel) cannot be brought"
                        + " to the training's 0.005 um per pixel: the resampling factor 100.0 is outside 1/64 to 64"));
        l.alice().as().get(JOBS, l.lab()).then().body("total", equalTo(0));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", with(sets, "pixelSizeUm", 0.25)))
                .post(JOBS, l.lab()).then().statusCode(201).body("payload.pixelSizeUm", equalTo(0.25f));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", sets)).post(JOBS, l.lab()).then().statusCode(201)
                .body("payload.pixelSizeUm", equalTo(null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLeaseThePixelSizesTheVersionFrozeNotTheImagesOfToday() {
        Lab l = lab();
        Workers.Worker worker = Workers.forLab(l.alice(), l.lab(), "cpu").register("CPU", 0);
        l.alice().as().body(Map.of("pixelSizeUm", 0.5)).patch("/api/v1/images/{id}", l.image()).then()
                .statusCode(200);
        freeze(l);
        l.alice().as().get("/api/v1/training-sets/{id}/versions/2", l.set()).then()
                .body("items[0].pixelSizeUm", equalTo(0.5f));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 2)),
                "pixelSizeUm", 0.25))).post(JOBS, l.lab()).then().statusCode(201);
        // edited after freezing (and after submitting): version 2 still trains on 0.5
        l.alice().as().header("If-Match", "\"1\"").body(Map.of("pixelSizeUm", 2.0))
                .patch("/api/v1/images/{id}", l.image()).then().statusCode(200).body("pixelSizeUm", equalTo(2.0f));
        l.alice().as().get("/api/v1/training-sets/{id}/versions/2", l.set()).then()
                .body("items[0].pixelSizeUm", equalTo(0.5f));
        Map<String, Object> context = (Map<String, Object>) worker.leaseOne().get("context");
        Map<String, Object> sizes = (Map<String, Object>) context.get("imagePixelSizes");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(l.image()), sizes.keySet());
        org.junit.jupiter.api.Assertions.assertEquals(0.5, ((Number) sizes.get(l.image())).doubleValue());
        List<Map<String, Object>> versions = (List<Map<String, Object>>) context.get("trainingSets");
        org.junit.jupiter.api.Assertions.assertEquals(0.5, ((Number) ((List<Map<String, Object>>) versions.get(0)
                .get("items")).get(0).get("pixelSizeUm")).doubleValue());
    }

    /** Freezes the next version of the lab's set: its one image and annotation, as they are now. */
    private static void freeze(Lab l) {
        l.alice().as().body(Map.of("items", List.of(TrainingSetTest.item(l.image(), l.annotation(),
                Map.of("0", "nuclear"))))).post("/api/v1/training-sets/{id}/versions", l.set()).then()
                .statusCode(201);
    }

    private static Map<String, Object> with(Map<String, Object> payload, String key, Object value) {
        Map<String, Object> out = new java.util.HashMap<>(payload);
        out.put(key, value);
        return out;
    }

    @Test
    void shouldNotFindAnotherLabsTrainingSet() {
        Lab l = lab();
        User bob = Api.newUser("Bob");
        UUID bobs = Api.newLab(bob, "Bob Lab");
        bob.as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 1)))))
                .post(JOBS, bobs).then().statusCode(404).body("details.resource", equalTo("training set version"));
        l.alice().as().body(Map.of("kind", "TRAINING", "payload", Map.of("trainingSets", List.of(ref(l.set(), 2)))))
                .post(JOBS, l.lab()).then().statusCode(404);
    }
}
