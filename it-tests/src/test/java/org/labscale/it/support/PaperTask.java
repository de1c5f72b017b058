package org.labscale.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.it.support.Lab.Person;

/**
 * The paper's tasks (issue 20) as a lab runs them, through the API: upload the images of {@code ../shared/data} with
 * their channel names, attach the hand-made references, freeze a training set with channel roles, train, segment
 * and read each image's scores back from the job. Whole images go up as they are; {@link Tile} crops an image and
 * its reference (for data sets of one image) and uploads the crop as per-channel 16-bit PNG files.
 */
public final class PaperTask {

    private PaperTask() {
    }

    /** The data folder: {@code -Dlabscale.data.dir}, default {@code ../../shared/data} from {@code it-tests}. */
    public static Path data() {
        return PaperData.root();
    }

    /** An uploaded image with its reference annotation. */
    public record Item(String name, String imageId, String annotationId) {
    }

    /**
     * Uploads a (multi-page) image file with {@code channelNames} (comma-separated, e.g. "phase,nuclear") and its
     * reference {@code mask} of {@code kind} (INSTANCE_MASK, BINARY_MASK, CLASS_MAP).
     */
    public static Item upload(Person who, UUID project, Path image, String channelNames, Path mask, String kind)
            throws IOException {
        String name = image.getFileName().toString();
        String id = Lab.uploadImage(who, project, name, Files.readAllBytes(image), type(name),
                Map.of("channelNames", channelNames));
        return new Item(name, id, annotate(who, id, mask.getFileName().toString(), Files.readAllBytes(mask), kind));
    }

    /** A rectangle of an image: {@code x, y} its top-left corner. */
    public record Tile(String name, int x, int y, int width, int height) {
    }

    /**
     * Uploads {@code tile} of a multi-page image as one per-channel 16-bit PNG file per page (the platform stacks
     * them), with the same crop of its instance reference, relabelled 1..N.
     */
    public static Item uploadTile(Person who, UUID project, Path image, String channelNames, Path mask, Tile tile)
            throws Exception {
        int channels = channelNames.split(",").length;
        RequestSpecification request = who.raw();
        try (ImageFile file = ImageFile.open(image, PageMode.CHANNELS)) {
            for (int c = 0; c < channels; c++) {
                request.multiPart("file", tile.name() + "-c" + c + ".png", png16(file.readPlane(c, 0), tile),
                        "image/png");
            }
        }
        String id = request.multiPart("channelNames", channelNames).post("/api/v1/projects/{p}/images", project)
                .then().statusCode(201).extract().path("id");
        LabelImage labels = crop(new LabelImageReader().read(mask), tile);
        return new Item(tile.name(), id, annotate(who, id, tile.name() + "-mask.png",
                LabelImageEncoder.labelsPng16(labels), "INSTANCE_MASK"));
    }

    /** Freezes version 1 of a new training set of {@code items}, each with {@code channelRoles} (index to role). */
    public static String trainingSet(Person who, UUID lab, String name, List<Item> items,
                                     Map<String, String> channelRoles) {
        return Lab.trainingSet(who, lab, name, items.stream()
                .map(i -> Map.entry(i.imageId(), i.annotationId())).toList(), channelRoles);
    }

    /** A TRAINING job as it ended, with the seconds from submit to its end seen by the client. */
    public record Trained(String modelId, JsonPath job, double wallSeconds) {
        /** Optimisation steps' rate: every member's patches over the worker's patch-loop seconds. */
        public double patchesPerSecond(long patches) {
            double loop = job.getDouble("result.patchLoopSeconds");
            return loop > 0 ? patches / loop : Double.NaN;
        }
    }

    /** Trains on version 1 of {@code trainingSet} with {@code payload}'s settings (preset, budget, seed...). */
    public static Trained train(Person who, UUID lab, String trainingSet, Map<String, Object> payload,
                                Duration timeout) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(payload);
        body.put("trainingSets", List.of(Map.of("trainingSetId", trainingSet, "version", 1)));
        long t0 = System.nanoTime();
        Jobs.Ended ended = Jobs.await(who, Jobs.submit(who, lab, "TRAINING", body, "train-" + UUID.randomUUID()),
                timeout);
        double wall = (System.nanoTime() - t0) / 1e9;
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        return new Trained(ended.job().getString("result.modelId"), ended.job(), wall);
    }

    /**
     * One segmented image as the job reported it: its scores (meanJaccard, f1, countRatio...) and seconds, and the
     * job (for its outputs).
     */
    public record Segmented(String name, Map<String, Object> scores, double seconds, String jobId) {
        public double score(String key) {
            return ((Number) scores.get(key)).doubleValue();
        }
    }

    /**
     * Segments {@code items} with {@code model} and {@code postProcessing} (null: none given, so the model's recommended
     * settings run; {@code extra}: more payload fields, e.g. nuclearModelId), scored against their references; answers
     * each image's result, failing unless all succeeded.
     */
    public static List<Segmented> segment(Person who, UUID lab, String model, List<Item> items,
                                          Map<String, Object> postProcessing, Map<String, Object> extra,
                                          Duration timeout) throws InterruptedException {
        Map<String, Object> payload = new LinkedHashMap<>(extra);
        payload.put("modelId", model);
        payload.put("imageIds", items.stream().map(Item::imageId).toList());
        if (postProcessing != null) {
            payload.put("postProcessing", postProcessing);
        }
        String job = Jobs.submit(who, lab, "SEGMENTATION", payload, "segment-" + UUID.randomUUID());
        Jobs.Ended ended = Jobs.await(who, job, timeout);
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        List<Segmented> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> image = ended.job().getMap("result.images[" + i + "]");
            assertEquals("SUCCEEDED", image.get("status"), image.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> scores = (Map<String, Object>) image.get("scores");
            String id = (String) image.get("imageId");
            String name = items.stream().filter(it -> it.imageId().equals(id)).findFirst().orElseThrow().name();
            out.add(new Segmented(name, scores, ((Number) image.get("seconds")).doubleValue(), job));
        }
        return out;
    }

    private static String annotate(Person who, String imageId, String name, byte[] mask, String kind) {
        return who.raw().multiPart("file", name, mask, type(name)).multiPart("kind", kind)
                .multiPart("name", "cells").post("/api/v1/images/{i}/annotations", imageId).then().statusCode(201)
                .extract().path("id");
    }

    private static String type(String name) {
        return name.endsWith(".png") ? "image/png" : "image/tiff";
    }

    /** The crop of {@code labels}, relabelled 1..N in order of first appearance. */
    private static LabelImage crop(LabelImage labels, Tile t) {
        Map<Integer, Integer> renumber = new LinkedHashMap<>();
        renumber.put(0, 0);
        int[] out = new int[t.width() * t.height()];
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width(); x++) {
                int label = labels.get(t.x() + x, t.y() + y);
                out[y * t.width() + x] = renumber.computeIfAbsent(label, l -> renumber.size());
            }
        }
        return LabelImage.of(t.width(), t.height(), out);
    }

    /** The crop of a 16-bit plane as a 16-bit grey PNG (samples as they are). */
    private static byte[] png16(FloatPlane plane, Tile t) throws IOException {
        BufferedImage image = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width(); x++) {
                int v = Math.round(plane.get(t.x() + x, t.y() + y));
                image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(65_535, v)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
