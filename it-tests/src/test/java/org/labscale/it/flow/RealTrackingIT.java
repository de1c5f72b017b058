package org.labscale.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.it.support.LocalPlatform;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcSequence;

/**
 * Issue 19 end to end on real data: a tiny nuclear model is trained through the API on {@code nuclei/gowt1-gfp}'s
 * frame 52 (outside the scored frames), the first 40 frames of Fluo-N2DH-GOWT1 sequence 02 are uploaded one file per
 * frame (as a microscope writes them) and tracked by a TRACKING job listing them; the CTC result, the CSVs and the
 * figures are downloaded, and the result is scored with the {@code tracking} module's CTC measures against the
 * sequence's ground truth (TRA above a measured floor; TRA, DET and SEG printed). Skipped, with a message, without
 * {@code ../shared/data}. Slow (training, and segmenting 40 frames of 1024 x 1024 on the CPU worker).
 */
@Tag("slow")
class RealTrackingIT {

    /** Measured TRA with this budget (0.950; 0.918 with the default minArea of 30), less a margin; docs/accuracy.md. */
    static final double TRA_FLOOR = 0.90;
    /** GOWT1 nuclei cover hundreds of pixels; smaller objects are debris the tiny model calls cells. */
    static final int MIN_AREA = 200;
    private static final int FRAMES = 40;

    private static Path sequence;
    private static Path gowt1;

    @TempDir
    Path out;

    @BeforeAll
    static void data() {
        Path data = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"));
        sequence = data.resolve("tracking/gowt1-02");
        gowt1 = data.resolve("nuclei/gowt1-gfp");
        assumeTrue(Files.isRegularFile(sequence.resolve("TRA/man_track.txt"))
                        && Files.isRegularFile(gowt1.resolve("images/t52.tif")),
                "GOWT1 tracking data not found under " + data.toAbsolutePath() + "; set -Dlabscale.data.dir to run"
                        + " this test.");
    }

    @Test
    void shouldTrackTheGowt1SeriesWithItsOwnModelAndScoreAboveTheFloor() throws Exception {
        LocalPlatform platform = LocalPlatform.get();
        platform.ensureJobWorker();
        Person scientist = Lab.person(platform, "Tracker");
        UUID lab = Lab.createLab(scientist, "GOWT1 lab");
        UUID project = Lab.createProject(scientist, lab, "GOWT1 sequence 02");

        String trainImage = Lab.uploadImage(scientist, project, "t52.tif",
                Files.readAllBytes(gowt1.resolve("images/t52.tif")), "image/tiff", Map.of());
        String annotation = scientist.raw().multiPart("file", gowt1.resolve("masks/t52.tif").toFile(), "image/tiff")
                .multiPart("kind", "INSTANCE_MASK").multiPart("name", "nuclei")
                .post("/api/v1/images/{i}/annotations", trainImage).then().statusCode(201).extract().path("id");
        String set = Lab.trainingSet(scientist, lab, "GOWT1 frame 52", List.of(Map.entry(trainImage, annotation)));
        String training = Jobs.submit(scientist, lab, "TRAINING", Map.of("trainingSets", List.of(Map.of(
                        "trainingSetId", set, "version", 1)), "modelName", "GOWT1 nuclei", "preset",
                "nuclear-net-fast", "patchesPerEpoch", 4000, "epochs", 2, "ensembleSize", 1, "seed", 19),
                "gowt1-train-" + UUID.randomUUID());
        Jobs.Ended trained = Jobs.await(scientist, training, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", trained.state(), trained.job().prettify());
        String model = trained.job().getString("result.modelId");
        JsonPath card = scientist.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, model).then()
                .statusCode(200).extract().jsonPath();

        List<String> frames = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            String name = String.format("t%03d.tif", t);
            frames.add(Lab.uploadImage(scientist, project, name, Files.readAllBytes(sequence.resolve("images")
                    .resolve(name)), "image/tiff", Map.of()));
        }
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("imageIds", frames, "modelId", model,
                "frameIntervalMinutes", 5));
        Map<String, Object> recommended = card.getMap("card.recommendedPostProcessing");
        Map<String, Object> post = new LinkedHashMap<>(recommended == null ? Map.of() : recommended);
        post.put("minArea", MIN_AREA);
        payload.put("postProcessing", post);
        long start = System.nanoTime();
        String job = Jobs.submit(scientist, lab, "TRACKING", payload, "gowt1-track-" + UUID.randomUUID());
        Jobs.Ended tracked = Jobs.await(scientist, job, Duration.ofMinutes(25));
        double minutes = (System.nanoTime() - start) / 60e9;
        assertEquals("SUCCEEDED", tracked.state(), tracked.job().prettify());
        assertTrue(tracked.progress().stream().anyMatch(m -> m.startsWith("segmenting frame ")), tracked.progress()
                .toString());

        Map<String, byte[]> zip = TrainAndSegmentIT.unzip(scientist.raw()
                .get("/api/v1/labs/{lab}/jobs/{j}/outputs.zip", lab, job).then().statusCode(200).extract()
                .asByteArray());
        Path result = Files.createDirectories(out.resolve("ctc"));
        for (Map.Entry<String, byte[]> e : zip.entrySet()) {
            if (e.getKey().startsWith("ctc/")) {
                Files.write(result.resolve(e.getKey().substring(4)), e.getValue());
            }
        }
        assertEquals(FRAMES + 1, zip.keySet().stream().filter(k -> k.startsWith("ctc/")).count(), zip.keySet()
                .toString());
        for (String csv : List.of("tracks.csv", "growth.csv", "merges.csv")) {
            assertTrue(text(zip, csv).lines().count() > FRAMES, csv + " has a row per cell per frame (or frame)");
        }
        for (String figure : List.of("growth-rate-histogram", "growth-rate-map", "lineage-tree")) {
            assertNotNull(ImageIO.read(new ByteArrayInputStream(zip.get("figures/" + figure + ".png"))), figure);
            assertTrue(text(zip, "figures/" + figure + ".svg").startsWith("<svg"), figure);
            assertTrue(text(zip, "figures/" + figure + ".csv").lines().count() > 1, figure);
        }

        CtcSequence reference = CtcSequence.readReference(sequence);
        CtcSequence ours = CtcSequence.readResult(result);
        CtcMeasures.TrackingScores scores = CtcMeasures.tracking(reference, ours);
        Map<Integer, LabelImage> seg = new TreeMap<>();
        for (int t = 0; t < FRAMES; t++) {
            Path file = CtcSequence.maskFile(sequence.resolve("SEG"), "man_seg", t);
            if (file != null) {
                seg.put(t, new org.labscale.imaging.labels.LabelImageReader().read(file));
            }
        }
        double segScore = CtcMeasures.seg(seg, ours.frames());
        System.out.printf("GOWT1 02, frames 0-%d, model trained on gowt1-gfp t52 (nuclear-net-fast, 2 x 4000"
                        + " patches, 1 member), post-processing %s: TRA %.4f DET %.4f SEG %.4f (AOGM %.1f of %.1f,"
                        + " %s); %s; job %.1f min%n", FRAMES - 1, post, scores.tra(), scores.det(), segScore, scores.aogm(),
                scores.aogmEmpty(), scores.operations(), tracked.job().getMap("result"), minutes);
        assertTrue(scores.tra() >= TRA_FLOOR, "TRA " + scores.tra() + " below the floor " + TRA_FLOOR);
    }

    private static String text(Map<String, byte[]> zip, String name) {
        byte[] bytes = zip.get(name);
        assertNotNull(bytes, name + " missing from " + zip.keySet());
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
