package org.labscale.worker.handler;

import static org.labscale.worker.handler.StagedFiles.sha256;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.convnet.onnx.OnnxModels;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;
import org.labscale.worker.handler.segmentation.SegmentationHandler;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationHandlerTest {

    private static final NetSpec TINY = new NetSpec("tiny-13", 13, List.of(new LayerSpec.Conv(4, 2, true),
            new LayerSpec.MaxPool(), new LayerSpec.Conv(4, 3, true), new LayerSpec.MaxPool(),
            new LayerSpec.Dense(8, true)));
    private static final List<String> FILES = List.of("labels.tif", "labels.png", "overlay.png", "cells.csv");

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    private final Map<String, Path> inputs = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @Test
    void shouldSegmentEveryImageItCanAndListTheOthersWithTheirReason() throws Exception {
        UUID versionId = UUID.randomUUID();
        ModelVersionDto model = model(versionId, 2, false);
        UUID good = UUID.randomUUID();
        UUID oneChannel = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        ImageDto a = image(good, "two-channels.png", rgb(48, 40), 3);
        ImageDto b = image(oneChannel, "gray.png", gray(48, 40), 1);
        input("mask/" + good, png(mask(48, 40)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("nuclearModel", null);
        context.put("images", json.convertValue(List.of(a, b), List.class));
        context.put("references", Map.of(good.toString(), Map.of("annotationKind", "BINARY_MASK")));
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        for (UUID id : List.of(good, oneChannel, deleted)) {
            FILES.forEach(f -> allowed.add(id + "/" + f));
        }
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(good.toString(), oneChannel.toString(), deleted.toString()),
                "channelMap", Map.of("nuclear", 1),
                "postProcessing", Map.of("method", "WATERSHED", "threshold", 0.3, "seedThreshold", 0.4)),
                allowed, inputs, hashes, context);

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        assertEquals("FAILED", images.get(1).get("status"));
        assertEquals("segmentation.channels-mismatch", ((Map<?, ?>) images.get(1).get("error")).get("code"));
        assertEquals("segmentation.image-deleted", ((Map<?, ?>) images.get(2).get("error")).get("code"));
        Map<?, ?> scores = (Map<?, ?>) images.get(0).get("scores");
        assertEquals(2, scores.get("referenceCells"), "the binary mask's two blobs");
        for (String f : FILES) {
            assertTrue(ctx.outputs.containsKey(good + "/" + f), f);
            assertFalse(ctx.outputs.containsKey(oneChannel + "/" + f), "nothing stored for a failed image");
        }
        Path labels = dir.resolve("labels.png");
        Files.write(labels, ctx.outputs.get(good + "/labels.png"));
        LabelImage cells = new LabelImageReader().read(labels);
        assertEquals(images.get(0).get("cells"), cells.maxLabel());
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        assertEquals("CPU", report.get("device"), "a CPU worker does not ask ONNX Runtime for CUDA at every job");
        assertTrue(json.readValue(ctx.outputs.get("scores.json"), Map.class).containsKey("overall"));
        Map<?, ?> overall = (Map<?, ?>) result.get("overall");
        assertEquals(1L, ((Number) overall.get("succeeded")).longValue());
        assertEquals(2L, ((Number) overall.get("failed")).longValue());
    }

    @Test
    void shouldSegmentEachImageAtTheModelsPixelSizeAndSayByWhichFactor() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false, List.of("background", "boundary", "interior"),
                0.2);
        UUID fine = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        ImageDto a = withPixelSize(image(fine, "fine.png", gray(48, 40), 1), 0.1);
        ImageDto b = image(unknown, "no-size.png", gray(48, 40), 1);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("nuclearModel", null);
        context.put("images", json.convertValue(List.of(a, b), List.class));
        context.put("references", Map.of());
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        for (UUID id : List.of(fine, unknown)) {
            FILES.forEach(f -> allowed.add(id + "/" + f));
        }
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(fine.toString(), unknown.toString())), allowed, inputs, hashes, context);

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        assertEquals(0.5, images.get(0).get("scaleFactor"), "0.1 um pixels brought to the model's 0.2 um");
        assertFalse(images.get(0).containsKey("scaleNote"));
        assertEquals(1.0, images.get(1).get("scaleFactor"));
        assertTrue(String.valueOf(images.get(1).get("scaleNote")).startsWith("The image has no pixel size"),
                images.get(1).toString());
        Path labels = dir.resolve("fine-labels.png");
        Files.write(labels, ctx.outputs.get(fine + "/labels.png"));
        LabelImage cells = new LabelImageReader().read(labels);
        assertEquals(48, cells.width(), "the cells come back in the image's own pixels");
        assertEquals(40, cells.height());
        assertEquals(images.get(0).get("cells"), cells.maxLabel());
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        assertEquals(0.2, ((Map<?, ?>) report.get("model")).get("pixelSizeUm"));
    }

    @Test
    void shouldRunTheNuclearModelOfActiveContoursAtItsOwnPixelSize() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false); // reads "nuclear", no pixel size
        ModelVersionDto nuclear = model(UUID.randomUUID(), 1, false, List.of("background", "boundary", "interior"),
                0.2);
        ModelVersionDto tooCoarse = model(UUID.randomUUID(), 1, false, List.of("background", "boundary",
                "interior"), 10.0);
        UUID id = UUID.randomUUID();
        ImageDto a = withPixelSize(image(id, "cells.png", gray(48, 40), 1), 0.1);
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        FILES.forEach(f -> allowed.add(id + "/" + f));

        FakeJobContext ctx = contoursContext(model, nuclear, a, allowed);
        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        assertFalse(images.get(0).containsKey("scaleFactor"), "the cytoplasm model has no pixel size");
        assertEquals(0.5, images.get(0).get("nuclearScaleFactor"), "0.1 um pixels brought to the nuclear 0.2 um");
        Path labels = dir.resolve("labels.png");
        Files.write(labels, ctx.outputs.get(id + "/labels.png"));
        LabelImage cells = new LabelImageReader().read(labels);
        assertEquals(48, cells.width(), "seeds and cells in the image's own pixels");
        assertEquals(40, cells.height());
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        assertEquals(0.2, ((Map<?, ?>) report.get("nuclearModel")).get("pixelSizeUm"));

        // 0.1 um pixels cannot be brought to 10 um (a factor of 1/100): the nuclear model's size is honoured
        FakeJobContext refused = contoursContext(model, tooCoarse, a, allowed);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new SegmentationHandler(json, 1)
                .run(refused));
        assertEquals(ImageSegmenter.IMAGE_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("The image cannot be brought to the nuclear model's pixel size"),
                e.getMessage());
    }

    private FakeJobContext contoursContext(ModelVersionDto model, ModelVersionDto nuclear, ImageDto image,
                                           Set<String> allowed) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("nuclearModel", json.convertValue(nuclear, Map.class));
        context.put("images", json.convertValue(List.of(image), List.class));
        context.put("references", Map.of());
        return new FakeJobContext(Map.of("modelId", model.modelId().toString(), "nuclearModelId",
                nuclear.modelId().toString(), "imageIds", List.of(image.id().toString()), "postProcessing",
                Map.of("method", "ACTIVE_CONTOURS")), allowed, inputs, hashes, context);
    }

    private static ImageDto withPixelSize(ImageDto i, double pixelSizeUm) {
        return new ImageDto(i.id(), i.projectId(), i.name(), i.format(), i.width(), i.height(), i.channels(),
                i.frames(), i.bitsPerSample(), i.sampleType(), i.compression(), i.pageMode(), i.channelNames(),
                pixelSizeUm, i.sha256(), i.sizeBytes(), i.createdAt(), i.updatedAt(), i.version());
    }

    @Test
    void shouldSeedActiveContoursFromTheModelsNuclearChannelWithoutANuclearModel() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false); // reads "nuclear"
        UUID id = UUID.randomUUID();
        ImageDto a = image(id, "cells.png", gray(48, 40), 1);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("nuclearModel", null);
        context.put("images", json.convertValue(List.of(a), List.class));
        context.put("references", Map.of());
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        FILES.forEach(f -> allowed.add(id + "/" + f));
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(id.toString()), "postProcessing", Map.of("method", "ACTIVE_CONTOURS")),
                allowed, inputs, hashes, context);

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        assertTrue(ctx.outputs.containsKey(id + "/labels.png"));
        assertFalse(((Map<?, ?>) json.readValue(ctx.outputs.get("report.json"), Map.class))
                .containsKey("nuclearModel"), "no nuclear model was used");
    }

    @Test
    void shouldWriteTheHistogramOfCellTypeScoresForANetWithSeveralCellTypes() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false, List.of("background", "boundary",
                "interior:alpha", "interior:beta"));
        UUID id = UUID.randomUUID();
        ImageDto a = image(id, "cells.png", gray(48, 40), 1);
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json", "figures/cell-type-scores.png",
                "figures/cell-type-scores.csv"));
        FILES.forEach(f -> allowed.add(id + "/" + f));
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(id.toString()), "postProcessing", Map.of("method", "THRESHOLD",
                        "threshold", 0.2, "minArea", 1)), allowed, inputs, hashes,
                Map.of("model", json.convertValue(model, Map.class), "images", json.convertValue(List.of(a),
                        List.class), "references", Map.of()));

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        int cells = (Integer) ((Map<?, ?>) ((List<?>) result.get("images")).get(0)).get("cells");
        assertTrue(cells > 0, result.toString());
        assertTrue(ImageIO.read(new java.io.ByteArrayInputStream(ctx.outputs.get("figures/cell-type-scores.png")))
                .getWidth() > 100);
        List<String> csv = new String(ctx.outputs.get("figures/cell-type-scores.csv"),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals("bin_from,bin_to,alpha,beta", csv.get(0));
        assertEquals(21, csv.size(), "20 bins");
        int counted = csv.stream().skip(1).mapToInt(line -> {
            String[] f = line.split(",");
            return Integer.parseInt(f[2]) + Integer.parseInt(f[3]);
        }).sum();
        assertEquals(cells, counted, "every segmented cell in one bin");
        assertEquals(List.of("figures/cell-type-scores.png", "figures/cell-type-scores.csv"),
                ((Map<?, ?>) result.get("overall")).get("figures"));
    }

    @Test
    void shouldNotDrawCellTypeScoresForANetWithOneInteriorClass() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false);
        UUID id = UUID.randomUUID();
        ImageDto a = image(id, "cells.png", gray(48, 40), 1);
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        FILES.forEach(f -> allowed.add(id + "/" + f));
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(id.toString())), allowed, inputs, hashes,
                Map.of("model", json.convertValue(model, Map.class), "images", json.convertValue(List.of(a),
                        List.class), "references", Map.of()));

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        assertFalse(ctx.outputs.keySet().stream().anyMatch(k -> k.startsWith("figures/")), ctx.outputs.keySet()
                .toString());
        assertFalse(((Map<?, ?>) result.get("overall")).containsKey("figures"));
    }

    @Test
    void shouldFailTheJobWhenAMemberWasTamperedWith() throws Exception {
        UUID versionId = UUID.randomUUID();
        ModelVersionDto model = model(versionId, 2, true);
        UUID id = UUID.randomUUID();
        ImageDto a = image(id, "a.png", gray(32, 32), 1);
        Map<String, Object> context = Map.of("model", json.convertValue(model, Map.class),
                "images", json.convertValue(List.of(a), List.class), "references", Map.of());
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(id.toString())), Set.of("scores.json", "report.json"), inputs, hashes, context);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new SegmentationHandler(json, 1).run(ctx));
        assertEquals("segmentation.model-tampered", e.code());
        assertFalse(e.retryable());
        assertTrue(ctx.outputs.isEmpty());
    }

    @Test
    void shouldFailEachBadImageOnItsOwnWithAReasonAndFinishTheOthers() throws Exception {
        ModelVersionDto model = model(UUID.randomUUID(), 1, false);
        UUID good = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        UUID corrupt = UUID.randomUUID();
        UUID changed = UUID.randomUUID();
        UUID vanished = UUID.randomUUID();
        List<ImageDto> dtos = List.of(image(good, "good.png", gray(40, 36), 1),
                image(small, "small.png", gray(6, 30), 1),
                image(corrupt, "corrupt.png", "not a PNG at all".getBytes(), 40, 36, 1),
                image(changed, "changed.png", gray(40, 36), 1),
                image(vanished, "vanished.png", gray(40, 36), 1));
        Files.write(inputs.get("image/" + changed), png(gray(41, 36))); // replaced in storage after upload
        Files.delete(inputs.get("image/" + vanished)); // deleted while the job was queued
        List<UUID> ids = List.of(good, small, corrupt, changed, vanished);
        Set<String> allowed = new TreeSet<>(List.of("scores.json", "report.json"));
        ids.forEach(id -> FILES.forEach(f -> allowed.add(id + "/" + f)));
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", ids.stream().map(UUID::toString).toList()), allowed, inputs, hashes,
                Map.of("model", json.convertValue(model, Map.class), "images", json.convertValue(dtos, List.class),
                        "references", Map.of())).downloading();

        Map<String, Object> result = new SegmentationHandler(json, 1).run(ctx);

        List<Map<String, Object>> images = json.convertValue(result.get("images"), new TypeReference<>() { });
        assertEquals("SUCCEEDED", images.get(0).get("status"), images.toString());
        List<String> codes = images.subList(1, 5).stream().map(i -> {
            assertEquals("FAILED", i.get("status"), i.toString());
            return String.valueOf(((Map<?, ?>) i.get("error")).get("code"));
        }).toList();
        assertEquals(List.of("segmentation.image-too-small", "image.not-an-image", "segmentation.image-changed",
                "segmentation.image-deleted"), codes, images.toString());
        assertTrue(message(images.get(1)).contains("6 x 30"), message(images.get(1)));
        assertTrue(message(images.get(2)).startsWith("The image cannot be read"), message(images.get(2)));
        assertTrue(message(images.get(3)).contains("no longer matches"), message(images.get(3)));
        for (UUID id : ids.subList(1, 5)) {
            FILES.forEach(f -> assertFalse(ctx.outputs.containsKey(id + "/" + f), "nothing stored for " + id));
        }
        FILES.forEach(f -> assertTrue(ctx.outputs.containsKey(good + "/" + f), f));
        assertEquals(4L, ((Number) ((Map<?, ?>) result.get("overall")).get("failed")).longValue());
    }

    @Test
    void shouldFailTheWholeJobAtOnceWithoutOutputsWhenAMemberChangedInStorageOrIsNotAModel() throws Exception {
        ModelVersionDto tampered = model(UUID.randomUUID(), 2, true);
        JobFailedException e = runOn(tampered);
        assertEquals("segmentation.model-tampered", e.code());
        assertTrue(e.getMessage().startsWith("Member 1 of model " + tampered.modelId() + " version 1 is not the file"
                + " that was registered"), e.getMessage());
        assertTrue(e.getMessage().contains("no image was segmented"), e.getMessage());
        assertFalse(e.retryable());

        UUID versionId = UUID.randomUUID();
        byte[] junk = "not an ONNX model".getBytes();
        String name = "model/" + versionId + "/member-0.onnx";
        input(name, junk);
        ModelVersionDto unreadable = new ModelVersionDto(versionId, UUID.randomUUID(), 1, null, null,
                List.of(new ModelMemberDto(0, sha256(junk), junk.length)), Instant.now());
        JobFailedException e2 = runOn(unreadable);
        assertEquals("segmentation.model-unreadable", e2.code());
        assertTrue(e2.getMessage().contains("is not a Labscale model"), e2.getMessage());
        assertFalse(e2.retryable());
    }

    /** Runs a one-image job on {@code model} through the downloading context; answers how it failed. */
    private JobFailedException runOn(ModelVersionDto model) throws Exception {
        UUID id = UUID.randomUUID();
        ImageDto a = image(id, "a.png", gray(32, 32), 1);
        FakeJobContext ctx = new FakeJobContext(Map.of("modelId", model.modelId().toString(),
                "imageIds", List.of(id.toString())), Set.of("scores.json", "report.json", id + "/labels.tif"),
                inputs, hashes, Map.of("model", json.convertValue(model, Map.class),
                "images", json.convertValue(List.of(a), List.class), "references", Map.of())).downloading();
        JobFailedException e = assertThrows(JobFailedException.class, () -> new SegmentationHandler(json, 1).run(ctx));
        assertTrue(ctx.outputs.isEmpty(), "nothing stored: " + ctx.outputs.keySet());
        return e;
    }

    private static String message(Map<String, Object> image) {
        return String.valueOf(((Map<?, ?>) image.get("error")).get("message"));
    }

    private ModelVersionDto model(UUID versionId, int members, boolean tamperLast) throws Exception {
        return model(versionId, members, tamperLast, List.of("background", "boundary", "interior"));
    }

    private ModelVersionDto model(UUID versionId, int members, boolean tamperLast, List<String> classes)
            throws Exception {
        return model(versionId, members, tamperLast, classes, null);
    }

    /** @param pixelSizeUm the pixel size the random members claim to be trained at; null: none */
    private ModelVersionDto model(UUID versionId, int members, boolean tamperLast, List<String> classes,
                                  Double pixelSizeUm) throws Exception {
        List<ModelMemberDto> dtos = new java.util.ArrayList<>();
        for (int i = 0; i < members; i++) {
            byte[] bytes = pixelSizeUm == null ? OnnxModels.randomModel(TINY, List.of("nuclear"), classes, 100 + i)
                    : new DilatedNetExporter().export(new ModelMetadata(TINY.receptiveField(), List.of("nuclear"),
                    classes, Normalization.paper(TINY.receptiveField()), TINY, Map.of("random", 100 + i),
                    pixelSizeUm), OnnxModels.randomWeights(TINY, 1, classes.size(), 100 + i));
            String sha = sha256(bytes);
            if (tamperLast && i == members - 1) {
                bytes[bytes.length - 5] ^= 1;
            }
            String name = "model/" + versionId + "/member-" + i + ".onnx";
            Path file = dir.resolve(versionId + "-member-" + i + ".onnx");
            Files.write(file, bytes);
            inputs.put(name, file);
            hashes.put(name, sha);
            dtos.add(new ModelMemberDto(i, sha, bytes.length));
        }
        return new ModelVersionDto(versionId, UUID.randomUUID(), 1, null, null, dtos, Instant.now());
    }

    private ImageDto image(UUID id, String name, BufferedImage pixels, int channels) throws Exception {
        return image(id, name, png(pixels), pixels.getWidth(), pixels.getHeight(), channels);
    }

    private ImageDto image(UUID id, String name, byte[] bytes, int width, int height, int channels) throws Exception {
        input("image/" + id, bytes);
        return new ImageDto(id, UUID.randomUUID(), name, "PNG", width, height, channels, 1, 8,
                "UINT8", null, PageMode.CHANNELS, null, null, sha256(bytes), bytes.length, Instant.now(),
                Instant.now(), 1);
    }

    private void input(String name, byte[] bytes) throws Exception {
        StagedFiles.stage(dir, inputs, hashes, name, bytes);
    }

    private static BufferedImage gray(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, blob(x, y));
            }
        }
        return img;
    }

    private static BufferedImage rgb(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = blob(x, y);
                img.setRGB(x, y, (40 << 16) | (v << 8) | 30);
            }
        }
        return img;
    }

    /** Two bright discs on a dim background. */
    private static int blob(int x, int y) {
        boolean inside = Math.hypot(x - 12, y - 12) < 7 || Math.hypot(x - 32, y - 26) < 8;
        return (inside ? 200 : 20) + (x * 7 + y * 3) % 11;
    }

    private static BufferedImage mask(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = Math.hypot(x - 12, y - 12) < 7 || Math.hypot(x - 32, y - 26) < 8;
                img.getRaster().setSample(x, y, 0, inside ? 255 : 0);
            }
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

}
