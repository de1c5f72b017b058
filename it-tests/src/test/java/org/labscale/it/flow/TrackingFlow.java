package org.labscale.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.it.support.Jobs;
import org.labscale.it.support.Lab;
import org.labscale.it.support.Lab.Person;
import org.labscale.tracking.ctc.CtcMeasures;
import org.labscale.tracking.ctc.CtcSequence;
import org.labscale.tracking.ctc.CtcTrack;

/**
 * The steps the real-data tracking it-tests share: train a nuclear model through the API on annotated frames, upload
 * a series one file per frame, run a TRACKING job, unpack its CTC result and score it against a CTC reference.
 */
final class TrackingFlow {

    private TrackingFlow() {
    }

    /** A model version 1 and the post-processing its card recommends (empty when it made none). */
    record Trained(String modelId, Map<String, Object> recommendedPostProcessing) {
    }

    /** A finished TRACKING job: its outputs by zip entry, the job and its progress, and its wall time. */
    record Tracked(Map<String, byte[]> outputs, Jobs.Ended ended, double minutes) {
    }

    /** TRA, DET, SEG and the divisions of the result and of the reference. */
    record Scores(CtcMeasures.TrackingScores tracking, double seg, int divisions, int referenceDivisions) {
        @Override
        public String toString() {
            return String.format("TRA %.4f DET %.4f SEG %.4f (AOGM %.1f of %.1f, %s), divisions %d of %d",
                    tracking.tra(), tracking.det(), seg, tracking.aogm(), tracking.aogmEmpty(), tracking.operations(),
                    divisions, referenceDivisions);
        }
    }

    /**
     * Uploads each image with its instance mask and trains one model (nuclear-net-fast) on them.
     *
     * @param pairs  image file and its instance mask
     * @param budget the TRAINING payload's budget keys (patchesPerEpoch, epochs, ensembleSize, seed)
     */
    static Trained train(Person scientist, UUID lab, UUID project, String name, List<Path[]> pairs,
                         Map<String, Object> budget) throws IOException, InterruptedException {
        List<Map.Entry<String, String>> items = new ArrayList<>();
        for (Path[] pair : pairs) {
            String image = Lab.uploadImage(scientist, project, "train-" + pair[0].getFileName(),
                    Files.readAllBytes(pair[0]), "image/tiff", Map.of());
            String annotation = scientist.raw().multiPart("file", pair[1].toFile(), "image/tiff")
                    .multiPart("kind", "INSTANCE_MASK").multiPart("name", "nuclei")
                    .post("/api/v1/images/{i}/annotations", image).then().statusCode(201).extract().path("id");
            items.add(Map.entry(image, annotation));
        }
        String set = Lab.trainingSet(scientist, lab, name, items);
        Map<String, Object> payload = new LinkedHashMap<>(budget);
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set, "version", 1)));
        payload.put("modelName", name);
        payload.put("preset", "nuclear-net-fast");
        String job = Jobs.submit(scientist, lab, "TRAINING", payload, "train-" + UUID.randomUUID());
        Jobs.Ended trained = Jobs.await(scientist, job, Duration.ofMinutes(12));
        assertEquals("SUCCEEDED", trained.state(), trained.job().prettify());
        String model = trained.job().getString("result.modelId");
        JsonPath card = scientist.as().get("/api/v1/labs/{lab}/models/{m}/versions/1", lab, model).then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> recommended = card.getMap("card.recommendedPostProcessing");
        return new Trained(model, recommended == null ? Map.of() : recommended);
    }

    /** Uploads {@code images/tTTT.tif} for frames 0..count-1, one file per frame; answers the image ids in order. */
    static List<String> uploadFrames(Person scientist, UUID project, Path images, int count) throws IOException {
        List<String> frames = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            String name = String.format("t%03d.tif", t);
            frames.add(Lab.uploadImage(scientist, project, name, Files.readAllBytes(images.resolve(name)),
                    "image/tiff", Map.of()));
        }
        return frames;
    }

    /**
     * Uploads the CTC ground truth of frames 0..count-1 as annotations of the frame images ({@code tra}: the TRA
     * markers of every frame, {@code seg}: the SEG masks where the sequence has them) and answers the payload's
     * {@code groundTruth}: their names and the reference's track file cut to those frames.
     */
    static Map<String, Object> uploadGroundTruth(Person scientist, Path sequence, List<String> frames)
            throws IOException {
        for (int t = 0; t < frames.size(); t++) {
            annotate(scientist, frames.get(t), CtcSequence.maskFile(sequence.resolve("TRA"), "man_track", t), "tra");
            Path seg = CtcSequence.maskFile(sequence.resolve("SEG"), "man_seg", t);
            if (seg != null) {
                annotate(scientist, frames.get(t), seg, "seg");
            }
        }
        StringBuilder tracks = new StringBuilder();
        for (CtcTrack track : CtcSequence.readReference(sequence).firstFrames(frames.size()).tracks().values()) {
            tracks.append(track.label()).append(' ').append(track.begin()).append(' ').append(track.end())
                    .append(' ').append(track.parent()).append('\n');
        }
        return Map.of("markers", "tra", "segmentation", "seg", "tracks", tracks.toString());
    }

    private static void annotate(Person scientist, String image, Path mask, String name) {
        scientist.raw().multiPart("file", mask.toFile(), "image/tiff").multiPart("kind", "INSTANCE_MASK")
                .multiPart("name", name).post("/api/v1/images/{i}/annotations", image).then().statusCode(201);
    }

    /** Runs a TRACKING job to success and downloads its outputs. */
    static Tracked track(Person scientist, UUID lab, Map<String, Object> payload)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        String job = Jobs.submit(scientist, lab, "TRACKING", payload, "track-" + UUID.randomUUID());
        Jobs.Ended tracked = Jobs.await(scientist, job, Duration.ofMinutes(25));
        double minutes = (System.nanoTime() - start) / 60e9;
        assertEquals("SUCCEEDED", tracked.state(), tracked.job().prettify());
        Map<String, byte[]> zip = TrainAndSegmentIT.unzip(scientist.raw()
                .get("/api/v1/labs/{lab}/jobs/{j}/outputs.zip", lab, job).then().statusCode(200).extract()
                .asByteArray());
        return new Tracked(zip, tracked, minutes);
    }

    /** Writes the outputs' {@code ctc/} entries into {@code dir}; answers how many there were. */
    static long writeCtc(Map<String, byte[]> outputs, Path dir) throws IOException {
        Files.createDirectories(dir);
        long count = 0;
        for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
            if (e.getKey().startsWith("ctc/")) {
                Files.write(dir.resolve(e.getKey().substring(4)), e.getValue());
                count++;
            }
        }
        return count;
    }

    /**
     * Copies a CTC result folder to {@code -Dlabscale.tracking.keep=DIR}/{@code name} when that property is set, so
     * that a slow run's masks can be studied offline (e.g. by the {@code tracking} module's division bench).
     */
    static void keep(Path result, String name) throws IOException {
        String keep = System.getProperty("labscale.tracking.keep");
        if (keep == null || keep.isBlank()) {
            return;
        }
        Path target = Files.createDirectories(Path.of(keep, name));
        try (var files = Files.list(result)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Scores the CTC result in {@code result} against the sequence's reference, cut to the result's frames. */
    static Scores score(Path sequence, Path result) throws IOException {
        CtcSequence ours = CtcSequence.readResult(result);
        CtcSequence reference = CtcSequence.readReference(sequence).firstFrames(ours.frames().size());
        Map<Integer, LabelImage> seg = new LinkedHashMap<>();
        CtcSequence.readSegmentationReference(sequence).forEach((t, mask) -> {
            if (t < ours.frames().size()) {
                seg.put(t, mask);
            }
        });
        return new Scores(CtcMeasures.tracking(reference, ours), CtcMeasures.seg(seg, ours.frames()),
                divisions(ours), divisions(reference));
    }

    /** Tracks with at least two daughters. */
    static int divisions(CtcSequence sequence) {
        Map<Integer, Integer> children = new LinkedHashMap<>();
        for (CtcTrack t : sequence.tracks().values()) {
            if (t.parent() > 0) {
                children.merge(t.parent(), 1, Integer::sum);
            }
        }
        return (int) children.values().stream().filter(c -> c >= 2).count();
    }
}
