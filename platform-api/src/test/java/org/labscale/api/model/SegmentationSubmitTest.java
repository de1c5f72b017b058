package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.image.TestFiles;
import org.labscale.api.image.Uploads;

/**
 * Submitting SEGMENTATION jobs: defaults filled in (the model version's recommended post-processing when the job gives
 * none), inconsistent settings refused, and the model, its version and the images' channels checked against the job's
 * lab before anything is queued.
 */
@QuarkusTest
class SegmentationSubmitTest {

    private static final String URL = "/api/v1/labs/{lab}/jobs";

    @Test
    void shouldFillSegmentationDefaultsAndRefuseInconsistentSettings() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        String phaseOnly = f.trainReading("Phase only", "phase"); // before any segmentation job takes the queue
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(201).body("payload.imageIds", contains(f.imageA()))
                .body("payload.postProcessing.method", equalTo("THRESHOLD"))
                .body("payload.postProcessing.threshold", equalTo(0.5f))
                .body("payload.outputs", containsInAnyOrder("LABELS_TIFF", "LABELS_PNG", "OVERLAY", "CSV"))
                .body("payload.score", equalTo(true));
        f.alice().as().body(segmentation(Map.of("modelId", model, "projectId", f.project())))
                .post(URL, f.lab()).then().statusCode(201).body("payload.projectId", equalTo(f.project().toString()));
        f.alice().as().body(segmentation(Map.of("imageIds", List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.modelId"));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "projectId", f.project())))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.imageIds"));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of("threshold", 1.5))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.postProcessing"))
                .body("message", containsString("1.5"));
        f.alice().as().body(segmentation(Map.of("modelId", phaseOnly, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of("method", "ACTIVE_CONTOURS"))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.nuclearModelId"))
                .body("message", containsString("reads a 'nuclear' channel"));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of("method", "ACTIVE_CONTOURS"))))
                .post(URL, f.lab()).then().statusCode(201); // seeds from the model's own nuclear channel
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of("method", "SNAKES"))))
                .post(URL, f.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=SEGMENTATION", f.lab()).then().body("total", equalTo(3));
    }

    @Test
    void shouldRefuseAMissingOrForeignModelOrVersionAlikeAndQueueNothing() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        ModelFixture bob = ModelFixture.create();
        String foreign = bob.train("Bob's nuclei", ModelFixture.goodOutputs(2));
        String missing = UUID.randomUUID().toString();
        for (String id : List.of(missing, foreign)) {
            f.alice().as().body(segmentation(Map.of("modelId", id, "imageIds", List.of(f.imageA()))))
                    .post(URL, f.lab()).then().statusCode(404).body("code", equalTo("not-found"))
                    .body("message", equalTo("No model with id " + id + " exists, or you cannot see it."))
                    .body("details.resource", equalTo("model")).body("details.field", equalTo("payload.modelId"));
        }
        f.alice().as().body(segmentation(Map.of("modelId", model, "modelVersion", 2, "imageIds",
                        List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(404).body("details.resource", equalTo("model version"))
                .body("message", equalTo("The model 'HeLa nuclei' has no version 2; its latest is 1."));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "nuclearModelId", foreign, "postProcessing", Map.of("method", "ACTIVE_CONTOURS"))))
                .post(URL, f.lab()).then().statusCode(404).body("details.resource", equalTo("model"))
                .body("details.field", equalTo("payload.nuclearModelId"));
        // Bob, in his own lab, cannot name Alice's model either.
        bob.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(bob.imageA()))))
                .post(URL, bob.lab()).then().statusCode(404).body("details.resource", equalTo("model"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=SEGMENTATION", f.lab()).then().body("total", equalTo(0));
        bob.alice().as().get("/api/v1/labs/{lab}/jobs?kind=SEGMENTATION", bob.lab()).then().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseChannelsTheImagesDoNotHave() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.goodOutputs(2));
        // The model reads one "nuclear" channel; the fixture's images have one channel (0).
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA(), f.imageB()),
                        "channelMap", Map.of("nuclear", 1))))
                .post(URL, f.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.channelMap")).body("details.item", equalTo(0))
                .body("details.imageId", equalTo(f.imageA()))
                .body("message", containsString("nuclear from channel 1"));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "channelMap", Map.of("phase", 0))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.channelMap"))
                .body("message", containsString("\"phase\""));
        f.alice().as().body(segmentation(Map.of("modelId", model, "projectId", f.project(),
                        "channelMap", Map.of("nuclear", 1))))
                .post(URL, f.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("message", containsString("None of the 2 images"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=SEGMENTATION", f.lab()).then().body("total", equalTo(0));

        // A two-channel image: listed alone it fits; in the project it is enough (the others fail per image).
        byte[] twoPages = TestFiles.tiff(null, TestFiles.pages(2, ModelFixture.SIDE, ModelFixture.SIDE,
                DataBuffer.TYPE_BYTE).toArray(new java.awt.image.BufferedImage[0]));
        String two = Uploads.image(f.alice(), f.project(), "two.tif", twoPages, Map.of("pageMode", "CHANNELS"))
                .statusCode(201).body("channels", equalTo(2)).extract().path("id");
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(two),
                        "channelMap", Map.of("nuclear", 1))))
                .post(URL, f.lab()).then().statusCode(201);
        f.alice().as().body(segmentation(Map.of("modelId", model, "projectId", f.project(),
                        "channelMap", Map.of("nuclear", 1))))
                .post(URL, f.lab()).then().statusCode(201);
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(two, f.imageB()),
                        "channelMap", Map.of("nuclear", 1))))
                .post(URL, f.lab()).then().statusCode(400).body("details.item", equalTo(1));
    }

    @Test
    void shouldAcceptARoleOnlyTheNuclearModelReadsAsTheWorkerDoes() {
        ModelFixture f = ModelFixture.create();
        String cytoplasm = f.trainReading("Cytoplasm", "phase");
        String nuclear = f.trainReading("Nuclei", "dapi");
        Map<String, Object> contours = Map.of("method", "ACTIVE_CONTOURS");
        f.alice().as().body(segmentation(Map.of("modelId", cytoplasm, "nuclearModelId", nuclear,
                        "imageIds", List.of(f.imageA()), "channelMap", Map.of("dapi", 0), "postProcessing", contours)))
                .post(URL, f.lab()).then().statusCode(201).body("payload.channelMap.dapi", equalTo(0));
        f.alice().as().body(segmentation(Map.of("modelId", cytoplasm, "nuclearModelId", nuclear,
                        "imageIds", List.of(f.imageA()), "channelMap", Map.of("dna", 0), "postProcessing", contours)))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.channelMap"))
                .body("message", equalTo("channelMap names the channel role \"dna\", but the models together read"
                        + " only [phase, dapi]."));
        f.alice().as().body(segmentation(Map.of("modelId", cytoplasm, "imageIds", List.of(f.imageA()),
                        "channelMap", Map.of("dapi", 0))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.channelMap"))
                .body("message", equalTo("channelMap names the channel role \"dapi\", but the model reads only"
                        + " [phase]."));
    }

    @Test
    void shouldUseTheModelsRecommendedPostProcessingUnlessTheJobGivesItsOwn() {
        ModelFixture f = ModelFixture.create();
        String model = f.train("HeLa nuclei", ModelFixture.outputsRecommending(2,
                "{\"method\":\"WATERSHED\",\"threshold\":0.6,\"regrowth\":3}"));
        String plain = f.train("Plain nuclei", ModelFixture.goodOutputs(2)); // trained before any job is queued
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), plain).then().statusCode(200)
                .body("card.recommendedPostProcessing", equalTo(null));
        f.alice().as().get("/api/v1/labs/{lab}/models/{m}/versions/1", f.lab(), model).then().statusCode(200)
                .body("card.recommendedPostProcessing.method", equalTo("WATERSHED"))
                .body("card.recommendedPostProcessing.regrowth", equalTo(3));

        // No postProcessing: the recommendation, filled in, and the version it belongs to are stored.
        String job = f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("WATERSHED"))
                .body("payload.postProcessing.threshold", equalTo(0.6f))
                .body("payload.postProcessing.regrowth", equalTo(3))
                .body("payload.postProcessing.seedThreshold", equalTo(0.9f))
                .body("payload.postProcessing.minArea", equalTo(30))
                .body("payload.modelVersion", equalTo(1)).extract().path("id");
        f.alice().as().get("/api/v1/jobs/{id}", job).then().body("payload.postProcessing.method", equalTo("WATERSHED"))
                .body("payload.modelVersion", equalTo(1));

        // Explicit settings win, even partial ones or an empty object (the product defaults); the version stays open.
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of("threshold", 0.7))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("THRESHOLD"))
                .body("payload.postProcessing.threshold", equalTo(0.7f))
                .body("payload.postProcessing.regrowth", equalTo(2))
                .body("payload.modelVersion", equalTo(null));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()),
                        "postProcessing", Map.of())))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("THRESHOLD"))
                .body("payload.postProcessing.threshold", equalTo(0.5f));

        // A card without a recommendation (as cards before it existed): the defaults, and the version stays open.
        f.alice().as().body(segmentation(Map.of("modelId", plain, "imageIds", List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("THRESHOLD"))
                .body("payload.postProcessing.regrowth", equalTo(2))
                .body("payload.modelVersion", equalTo(null));
        f.alice().as().body(segmentation(Map.of("modelId", model, "modelVersion", 1, "imageIds",
                        List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("WATERSHED"))
                .body("payload.modelVersion", equalTo(1));
    }

    @Test
    void shouldRunActiveContoursThatAModelReadingANuclearChannelRecommends() {
        ModelFixture f = ModelFixture.create();
        // the fixture's models read one channel in the role "nuclear": a job finds the seeds there
        String model = f.train("Cytoplasm", ModelFixture.outputsRecommending(2,
                "{\"method\":\"ACTIVE_CONTOURS\",\"threshold\":0.6,\"regrowth\":3}"));
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageA()))))
                .post(URL, f.lab()).then().statusCode(201)
                .body("payload.postProcessing.method", equalTo("ACTIVE_CONTOURS"))
                .body("payload.postProcessing.threshold", equalTo(0.6f))
                .body("payload.postProcessing.regrowth", equalTo(3))
                .body("payload.postProcessing.iterations", equalTo(50))
                .body("payload.nuclearModelId", equalTo(null))
                .body("payload.modelVersion", equalTo(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRefuseAnImageThatCannotBeBroughtToTheModelsPixelSizeNamingImageAndFactor() {
        ModelFixture f = ModelFixture.create();
        f.alice().as().body(Map.of("pixelSizeUm", 1.0)).patch("/api/v1/images/{id}", f.imageA()).then()
                .statusCode(200);
        String job = f.submitTraining("Fine nuclei", 2);
        Map<String, byte[]> files = ModelFixture.outputsAtPixelSize(2, 0.01);
        Map<String, Object> lease = f.leaseAndUpload(job, files);
        // the training set's version was frozen before A had a pixel size: the lease gives none
        Map<String, Object> sizes = (Map<String, Object>) ((Map<String, Object>) lease.get("context"))
                .get("imagePixelSizes");
        org.junit.jupiter.api.Assertions.assertEquals(Map.of(), sizes);
        org.junit.jupiter.api.Assertions.assertEquals(204, f.worker().post(job, "complete", Map.of("leaseId",
                lease.get("leaseId"), "outputs", List.copyOf(files.keySet()))).statusCode());
        String model = f.alice().as().get("/api/v1/jobs/{id}", job).then().extract().path("result.modelId");
        f.alice().as().get("/api/v1/labs/{lab}/models/{id}/versions/1", f.lab(), model).then().statusCode(200)
                .body("card.pixelSizeUm", equalTo(0.01f));

        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageB(), f.imageA()))))
                .post(URL, f.lab()).then().statusCode(400).body("code", equalTo("job.invalid-payload"))
                .body("details.field", equalTo("payload.imageIds"))
                .body("details.imageId", equalTo(f.imageA()))
                .body("details.scaleFactor", equalTo(100.0f))
                .body("message", containsString("Image " + f.imageA() + " (a.png, 1.0 um per pixel) cannot be"
                        + " brought to the model's 0.01 um per pixel: the resampling factor 100.0 is outside 1/64"
                        + " to 64"));
        // as the nuclear model of ACTIVE_CONTOURS, the model's pixel size is checked alike
        String plain = f.train("Plain nuclei", ModelFixture.goodOutputs(2));
        f.alice().as().body(segmentation(Map.of("modelId", plain, "nuclearModelId", model, "imageIds",
                        List.of(f.imageA()), "postProcessing", Map.of("method", "ACTIVE_CONTOURS"))))
                .post(URL, f.lab()).then().statusCode(400).body("details.field", equalTo("payload.imageIds"))
                .body("details.imageId", equalTo(f.imageA()))
                .body("message", containsString("cannot be brought to the nuclear model's 0.01 um per pixel"));
        f.alice().as().get("/api/v1/labs/{lab}/jobs?kind=SEGMENTATION", f.lab()).then().body("total", equalTo(0));
        // an image without a pixel size is segmented as it is
        f.alice().as().body(segmentation(Map.of("modelId", model, "imageIds", List.of(f.imageB()))))
                .post(URL, f.lab()).then().statusCode(201);
    }

    private static Map<String, Object> segmentation(Map<String, Object> payload) {
        return Map.of("kind", "SEGMENTATION", "payload", payload);
    }
}
