package org.labscale.worker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.worker.handler.training.TrainingHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

class TrainingHandlerTest {

    private static final NetSpec TINY = new NetSpec("tiny-15", 15, List.of(new LayerSpec.Conv(8, 4, true),
            new LayerSpec.MaxPool(), new LayerSpec.Conv(8, 3, true), new LayerSpec.MaxPool(),
            new LayerSpec.Dense(16, true)));
    private static final Set<String> OUTPUTS = Set.of("member-0.onnx", "member-1.onnx", "card.json");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    private final Map<String, Path> inputs = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @Test
    void shouldTrainEveryMemberAndWriteTheModelsAndTheCard() throws Exception {
        UUID set = UUID.randomUUID();
        FakeJobContext ctx = context(set, List.of(item(0, true, "nuclear"), item(1, true, "nuclear")), 2);
        Map<String, Object> result = new TrainingHandler(json, "rev-1").run(ctx);

        assertEquals(2, result.get("members"));
        assertEquals(OUTPUTS, ctx.outputs.keySet());
        ModelCard card = json.readValue(ctx.outputs.get("card.json"), ModelCard.class);
        assertEquals(2, card.ensembleSize());
        assertEquals(List.of("nuclear"), card.channels());
        assertEquals("hash-of-set", card.trainingSets().get(0).contentHash());
        // One of the two images was held out whole: the ensemble segmented it and was scored per cell.
        Map<String, Double> validation = card.validationMetrics();
        assertEquals(1.0, validation.get("validationImages"), validation.toString());
        assertEquals(4.0, validation.get("validationReferenceCells"), "the held-out image's 4 discs");
        assertTrue(validation.get("meanPerCellJaccard") >= 0 && validation.get("meanPerCellJaccard") <= 1);
        assertTrue(validation.get("meanPerCellDice") >= validation.get("meanPerCellJaccard"));
        assertTrue(validation.containsKey("defaultPostProcessingJaccard"), validation.toString());
        // 4 held-out cells are too few to choose post-processing on: no recommendation, the defaults apply.
        assertNull(card.recommendedPostProcessing());
        assertFalse(result.containsKey("recommendedPostProcessing"));
        ModelMetadata member = ModelMetadata.read(ctx.outputs.get("member-1.onnx"));
        assertEquals(15, member.receptiveField());
        assertEquals(ctx.jobId().toString(), member.provenance().get("jobId"));
        assertEquals("rev-1", member.provenance().get("gitRevision"));
        JobProgress last = ctx.progress.get(ctx.progress.size() - 1);
        assertEquals(1.0, last.fraction(), 1e-9);
        assertEquals("member 2 of 2, epoch 1 of 1 validated", last.message());
        assertTrue(last.metrics().containsKey("accuracy.interior"), last.metrics().toString());
        // Progress moved within the epochs, batch by batch, with an ETA once a rate was measured.
        assertTrue(ctx.progress.stream().anyMatch(pr -> pr.metrics().containsKey(JobProgress.ETA_SECONDS)
                && pr.fraction() > 0 && pr.fraction() < 0.5), "progress within the first member's epoch");
        // Whether the members learnt, and what was held out, is in the result and the card.
        assertEquals(card.quality(), result.get("quality"));
        assertEquals(2, card.quality().members().size());
        assertEquals(1, card.quality().validationImageIds().size());
        assertEquals(1, card.quality().trainingImages());
        assertTrue(card.quality().warnings().stream().anyMatch(w -> w.contains("4 cells, fewer than the 20")),
                card.quality().warnings().toString());
    }

    @Test
    void shouldTrainAOneChannelNetOnAnImageUploadedWithoutChannelNames() throws Exception {
        FakeJobContext ctx = context(UUID.randomUUID(), List.of(item(0, true, "channel-0"), item(1, true,
                "channel-0")), 1);
        Map<String, Object> result = new TrainingHandler(json, "x").run(ctx);
        assertEquals(1, result.get("members"));
    }

    @Test
    void shouldFailWithoutRetryWhenAClassHasNoPixels() throws Exception {
        FakeJobContext ctx = context(UUID.randomUUID(), List.of(item(0, false, "nuclear")), 1);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrainingHandler(json, "x").run(ctx));
        assertEquals("training.class-without-pixels", e.code());
        assertTrue(e.getMessage().contains("\"interior\""), e.getMessage());
        assertTrue(!e.retryable());
        assertTrue(ctx.outputs.isEmpty());
    }

    @Test
    void shouldFailWhenAnImageLacksTheNetsChannel() throws Exception {
        FakeJobContext ctx = context(UUID.randomUUID(), List.of(item(0, true, "phase")), 1);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrainingHandler(json, "x").run(ctx));
        assertEquals("training.channels-mismatch", e.code());
        assertTrue(e.getMessage().contains("no channel with the role \"nuclear\""), e.getMessage());
        assertTrue(e.getMessage().contains("labscale-cli training-sets freeze SET --item"), e.getMessage());
    }

    @Test
    void shouldStopWhenCancelled() throws Exception {
        FakeJobContext ctx = context(UUID.randomUUID(), List.of(item(0, true, "nuclear")), 1);
        ctx.cancel();
        assertThrows(JobCancelledException.class, () -> new TrainingHandler(json, "x").run(ctx));
        assertTrue(ctx.outputs.isEmpty());
    }

    @Test
    void shouldCountThePatchesTheEpochsReallyTrainWhenTheImagesHoldFewerThanAsked() throws Exception {
        FakeJobContext ctx = context(UUID.randomUUID(), List.of(item(0, true, "nuclear"), item(1, true, "nuclear")),
                1, 100_000);
        Map<String, Object> result = new TrainingHandler(json, "x").run(ctx);
        long boundary = 0; // the rarest class of the one training image (both have the same class map)
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boundary += classOf(x, y, true) == 1 ? 1 : 0;
            }
        }
        assertEquals(3 * boundary, ((Number) result.get("patchesTrained")).longValue(),
                "one epoch of 3 classes x " + boundary + " boundary pixels, not 100,000");
        FakeJobContext asked = context(UUID.randomUUID(), List.of(item(0, true, "nuclear"), item(1, true,
                "nuclear")), 2, 600);
        assertEquals(1_200L, ((Number) new TrainingHandler(json, "x").run(asked).get("patchesTrained")).longValue(),
                "2 members x 1 epoch x 600 patches");
    }

    @Test
    void shouldTrainAtTheFinestPixelSizeTheItemsFrozeAndRecordIt() throws Exception {
        List<TrainingItemDto> items = List.of(item(0, true, "nuclear", 0.2), item(1, true, "nuclear", 0.1));
        // what the images say today (the context's map) does not count: the versions froze 0.2 and 0.1
        Map<String, Object> sizes = Map.of(items.get(0).imageId().toString(), 0.4, items.get(1).imageId().toString(),
                0.4);
        FakeJobContext ctx = context(UUID.randomUUID(), items, 1, 600, sizes, null);
        Map<String, Object> result = new TrainingHandler(json, "x").run(ctx);
        assertEquals(0.1, result.get("pixelSizeUm"));
        ModelCard card = json.readValue(ctx.outputs.get("card.json"), ModelCard.class);
        assertEquals(0.1, card.pixelSizeUm());
        assertEquals(0.1, ModelMetadata.read(ctx.outputs.get("member-0.onnx")).pixelSizeUm());
        // the first image was enlarged twice: its discs (radius 7) measure about twice as wide as the second's
        double diameter = card.validationMetrics().get("medianCellDiameter");
        assertTrue(diameter > 14, "median over a 2x enlarged training image and a held-out one: " + diameter);
        assertTrue(card.quality().warnings().stream().noneMatch(w -> w.contains("pixel size")),
                card.quality().warnings().toString());
    }

    @Test
    void shouldNotResampleAndWarnWhenOnlySomeImagesHaveAPixelSize() throws Exception {
        List<TrainingItemDto> items = List.of(item(0, true, "nuclear"), item(1, true, "nuclear"));
        FakeJobContext ctx = context(UUID.randomUUID(), items, 1, 600, Map.of(items.get(0).imageId().toString(),
                0.2), null);
        Map<String, Object> result = new TrainingHandler(json, "x").run(ctx);
        assertFalse(result.containsKey("pixelSizeUm"));
        ModelCard card = json.readValue(ctx.outputs.get("card.json"), ModelCard.class);
        assertNull(card.pixelSizeUm());
        assertNull(ModelMetadata.read(ctx.outputs.get("member-0.onnx")).pixelSizeUm());
        assertTrue(card.quality().warnings().stream().anyMatch(w -> w.startsWith("1 of 2 training images have no"
                        + " pixel size")),
                card.quality().warnings().toString());

        FakeJobContext asked = context(UUID.randomUUID(), items, 1, 600, Map.of(items.get(0).imageId().toString(),
                0.2), 0.1);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrainingHandler(json, "x")
                .run(asked));
        assertEquals("training.pixel-size-missing", e.code());
        assertFalse(e.retryable());
        assertTrue(asked.outputs.isEmpty());
    }

    private FakeJobContext context(UUID set, List<TrainingItemDto> items, int members) {
        return context(set, items, members, 600);
    }

    private FakeJobContext context(UUID set, List<TrainingItemDto> items, int members, int patchesPerEpoch) {
        return context(set, items, members, patchesPerEpoch, Map.of(), null);
    }

    /**
     * @param pixelSizes the lease's {@code imagePixelSizes} (read for items without a frozen size)
     * @param pixelSizeUm the payload's, or null
     */
    private FakeJobContext context(UUID set, List<TrainingItemDto> items, int members, int patchesPerEpoch,
                                   Map<String, Object> pixelSizes, Double pixelSizeUm) {
        TrainingSetVersionDto version = new TrainingSetVersionDto(UUID.randomUUID(), set, 1, "hash-of-set", null,
                items, UUID.randomUUID(), Instant.now());
        Map<String, Object> payload = new HashMap<>();
        payload.put("trainingSets", List.of(Map.of("trainingSetId", set.toString(), "version", 1)));
        payload.put("net", json.convertValue(TINY, Map.class));
        payload.put("patchesPerEpoch", patchesPerEpoch);
        payload.put("epochs", 1);
        payload.put("batchSize", 32);
        payload.put("ensembleSize", members);
        payload.put("validationFraction", 0.2);
        if (pixelSizeUm != null) {
            payload.put("pixelSizeUm", pixelSizeUm);
        }
        Map<String, Object> context = Map.of("trainingSets", List.of(json.convertValue(version, Map.class)),
                "imagePixelSizes", pixelSizes);
        return new FakeJobContext(payload, OUTPUTS, inputs, hashes, context);
    }

    /** A 64x64 disc image and its class map as PNG inputs; without interior, the cells are all boundary. */
    private TrainingItemDto item(int seed, boolean interior, String role) throws Exception {
        return item(seed, interior, role, null);
    }

    /** @param pixelSizeUm as the item's version froze it, or null */
    private TrainingItemDto item(int seed, boolean interior, String role, Double pixelSizeUm) throws Exception {
        UUID image = UUID.randomUUID();
        UUID annotationVersion = UUID.randomUUID();
        BufferedImage gray = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage classes = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(seed);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int cls = classOf(x, y, interior);
                int value = 20 + random.nextInt(6);
                if (cls != 0) {
                    value = 120 + random.nextInt(20);
                }
                gray.getRaster().setSample(x, y, 0, value);
                classes.getRaster().setSample(x, y, 0, cls);
            }
        }
        put("image/" + image, gray);
        put("classmap/" + annotationVersion, classes);
        return new TrainingItemDto(image, "sha", UUID.randomUUID(), annotationVersion, 1, AnnotationKind.CLASS_MAP,
                "sha", Map.of("0", role), pixelSizeUm);
    }

    /** The class of a pixel of {@link #item}'s images: four discs of radius 7 (boundary from d^2 >= 30). */
    private static int classOf(int x, int y, boolean interior) {
        int cls = 0;
        for (int[] c : new int[][] {{16, 16}, {44, 20}, {24, 46}, {48, 48}}) {
            int d2 = (x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1]);
            if (d2 <= 49) {
                cls = d2 >= 30 || !interior ? 1 : 2;
            }
        }
        return cls;
    }

    private void put(String name, BufferedImage image) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        Path file = dir.resolve(name.replace('/', '_') + ".png");
        Files.write(file, bytes.toByteArray());
        inputs.put(name, file);
        hashes.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())));
    }
}
