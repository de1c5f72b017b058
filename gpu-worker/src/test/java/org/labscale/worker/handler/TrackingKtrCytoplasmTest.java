package org.labscale.worker.handler;

import static org.labscale.worker.handler.StagedFiles.sha256;
import static org.labscale.worker.handler.StagedFiles.tiff;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;
import org.labscale.worker.handler.tracking.TrackingHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A KTR read-out with a cytoplasm model: synthetic three-channel frames (nuclei of radius 6, a reporter, whole cells of
 * radius 13) where the reporter reads 40 in the nuclei, 200 in the rest of each cell and 100 outside. The nuclear
 * model finds the nuclei, the cytoplasm model (reading the cell channel through {@code cytoplasmChannelMap}) gives
 * ACTIVE_CONTOURS grown from them, and {@code ktr.csv} reports each cell's cytoplasm near 200, where the 25 px ring,
 * reaching outside the cells, reads far less.
 */
class TrackingKtrCytoplasmTest {

    private static final int W = 80;
    private static final int H = 56;
    private static final int FRAMES = 3;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Map<String, Path> inputs = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @TempDir
    Path dir;

    @Test
    void shouldReportEachCellsCytoplasmFromTheCytoplasmModelBesideTheRings() throws Exception {
        ModelVersionDto nuclear = brightSpotModel("nuclear");
        ModelVersionDto cytoplasm = brightSpotModel("cytoplasm");
        FakeJobContext ctx = context(nuclear, cytoplasm, frames(), Map.of("cytoplasm", 2));

        Map<String, Object> result = new TrackingHandler(json, 1).run(ctx);

        assertEquals(2, result.get("tracks"), result.toString());
        List<String> ktr = new String(ctx.outputs.get("ktr.csv"), StandardCharsets.UTF_8).lines().toList();
        assertTrue(ktr.get(0).endsWith(",cytoplasm_pixels,cell_cytoplasm_mean,cell_cytoplasm_to_nuclear,"
                + "cell_cytoplasm_pixels"), ktr.get(0));
        assertEquals(1 + 2 * FRAMES, ktr.size());
        for (String row : ktr.subList(1, ktr.size())) {
            String[] c = row.split(",");
            double nucleus = Double.parseDouble(c[3]);
            double ring = Double.parseDouble(c[7]);
            double cell = Double.parseDouble(c[12]);
            int pixels = Integer.parseInt(c[14]);
            assertEquals(40, nucleus, 1, row);
            assertTrue(cell > 190 && cell <= 200, "the cell's cytoplasm reads the cell: " + row);
            assertTrue(ring < 160, "the 25 px ring reaches outside the cell: " + row);
            assertEquals(cell / nucleus, Double.parseDouble(c[13]), 1e-3 * cell / nucleus, row);
            double annulus = Math.PI * (13 * 13 - 6 * 6);
            assertTrue(pixels > 0.8 * annulus && pixels < 1.3 * annulus, pixels + " px vs " + annulus + ": " + row);
        }
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        Map<?, ?> model = (Map<?, ?>) ((Map<?, ?>) report.get("ktr")).get("cytoplasmModel");
        assertEquals(cytoplasm.modelId().toString(), model.get("modelId"));
        assertEquals("ACTIVE_CONTOURS", ((Map<?, ?>) model.get("postProcessing")).get("method"));
    }

    @Test
    void shouldRunTheCytoplasmModelAtItsOwnPixelSize() throws Exception {
        ModelVersionDto nuclear = brightSpotModel("nuclear");
        ModelVersionDto cytoplasm = brightSpotModel("cytoplasm", 0.2);
        List<ImageDto> frames = frames(0.1);
        FakeJobContext ctx = context(nuclear, cytoplasm, frames, Map.of("cytoplasm", 2));

        Map<String, Object> result = new TrackingHandler(json, 1).run(ctx);

        assertEquals(2, result.get("tracks"), result.toString());
        List<String> ktr = new String(ctx.outputs.get("ktr.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(1 + 2 * FRAMES, ktr.size());
        for (String row : ktr.subList(1, ktr.size())) {
            String[] c = row.split(",");
            int pixels = Integer.parseInt(c[14]);
            double annulus = Math.PI * (13 * 13 - 6 * 6);
            assertTrue(Double.parseDouble(c[12]) > 180, "segmented at half the size, read in the frame's pixels: "
                    + row);
            assertTrue(pixels > 0.6 * annulus && pixels < 1.5 * annulus, pixels + " px vs " + annulus + ": " + row);
        }

        // 0.1 um frames cannot be brought to a model at 100 um (a factor of 1/1000): the frame fails, naming it
        FakeJobContext refused = context(nuclear, brightSpotModel("cytoplasm", 100.0), frames, Map.of("cytoplasm",
                2));
        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrackingHandler(json, 1)
                .run(refused));
        assertEquals("segmentation.image-too-large", e.code());
        assertTrue(e.getMessage().startsWith("Frame 1 of " + FRAMES) && e.getMessage().contains("the cytoplasm"
                + " model's pixel size"), e.getMessage());
        assertTrue(refused.outputs.isEmpty());
    }

    @Test
    void shouldFailWithoutStoringWhenTheCytoplasmModelIsGoneOrReadsAMissingChannel() throws Exception {
        ModelVersionDto nuclear = brightSpotModel("nuclear");
        ModelVersionDto cytoplasm = brightSpotModel("cytoplasm");
        List<ImageDto> frames = frames();

        FakeJobContext gone = context(nuclear, cytoplasm, frames, Map.of("cytoplasm", 2));
        gone.context().put("cytoplasmModel", null);
        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrackingHandler(json, 1).run(gone));
        assertEquals("segmentation.model-not-found", e.code());
        assertTrue(e.getMessage().contains("cytoplasm model"), e.getMessage());
        assertTrue(gone.outputs.isEmpty());

        FakeJobContext unfed = context(nuclear, cytoplasm, frames, Map.of("cytoplasm", 5));
        JobFailedException e2 = assertThrows(JobFailedException.class,
                () -> new TrackingHandler(json, 1).run(unfed));
        assertEquals("tracking.ktr-cytoplasm-channels", e2.code());
        assertFalse(e2.retryable());
        assertTrue(unfed.outputs.isEmpty());
    }

    private FakeJobContext context(ModelVersionDto nuclear, ModelVersionDto cytoplasm, List<ImageDto> frames,
                                   Map<String, Integer> channelMap) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(nuclear, Map.class));
        context.put("cytoplasmModel", json.convertValue(cytoplasm, Map.class));
        List<Object> images = new ArrayList<>();
        frames.forEach(f -> images.add(json.convertValue(f, Map.class)));
        context.put("images", images);
        context.put("frames", frames.size());
        Set<String> allowed = new TreeSet<>(List.of("ctc/res_track.txt", "tracks.csv", "growth.csv", "merges.csv",
                "report.json", "ktr.csv"));
        for (String figure : List.of("growth-rate-histogram", "growth-rate-map", "lineage-tree",
                "ktr-cytoplasm-to-nuclear")) {
            for (String ext : List.of("png", "svg", "csv")) {
                allowed.add("figures/" + figure + "." + ext);
            }
        }
        for (int t = 0; t < frames.size(); t++) {
            allowed.add(String.format("ctc/mask%03d.tif", t));
        }
        Map<String, Object> ktr = Map.of("channel", "JNK-KTR", "cytoplasmModelId", cytoplasm.modelId().toString(),
                "cytoplasmChannelMap", channelMap);
        Map<String, Object> payload = Map.of("imageIds", frames.stream().map(f -> f.id().toString()).toList(),
                "modelId", nuclear.modelId().toString(), "postProcessing", Map.of("method", "THRESHOLD",
                        "threshold", 0.5, "regrowth", 0), "frameIntervalMinutes", 30, "ktr", ktr);
        return new FakeJobContext(payload, allowed, inputs, hashes, context);
    }

    /** Frames of two cells moving 2 px right per frame, as three-page TIFFs (nuclear, JNK-KTR, cell). */
    private List<ImageDto> frames() throws Exception {
        return frames(null);
    }

    /** @param pixelSizeUm the frames' micrometres per pixel, or null */
    private List<ImageDto> frames(Double pixelSizeUm) throws Exception {
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            BufferedImage nuclear = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage reporter = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage cell = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double d = Double.MAX_VALUE;
                    for (int[] c : List.of(new int[] {18 + 2 * t, 26}, new int[] {56 + 2 * t, 28})) {
                        d = Math.min(d, Math.hypot(x - c[0], y - c[1]));
                    }
                    int texture = (x * 7 + y * 3) % 5;
                    nuclear.getRaster().setSample(x, y, 0, (d < 6 ? 200 : 20) + texture);
                    reporter.getRaster().setSample(x, y, 0, d < 6 ? 40 : d < 13 ? 200 : 100);
                    cell.getRaster().setSample(x, y, 0, (d < 13 ? 180 : 20) + texture);
                }
            }
            byte[] tiff = tiff(List.of(nuclear, reporter, cell));
            UUID id = UUID.randomUUID();
            input("image/" + id, tiff);
            frames.add(new ImageDto(id, UUID.randomUUID(), "t" + t + ".tif", "TIFF", W, H, 3, 1, 8, "UINT8", "none",
                    PageMode.CHANNELS, List.of("nuclear", "JNK-KTR", "cell"), pixelSizeUm, sha256(tiff), tiff.length,
                    Instant.now(), Instant.now(), 1));
        }
        return frames;
    }

    /** A one-member model reading {@code role} that calls a pixel interior when it is brighter than its surroundings. */
    private ModelVersionDto brightSpotModel(String role) throws Exception {
        return brightSpotModel(role, null);
    }

    /** @param pixelSizeUm what the model claims to be trained at; null: none */
    private ModelVersionDto brightSpotModel(String role, Double pixelSizeUm) throws Exception {
        NetSpec net = new NetSpec("bright-spot-3", 3, List.of(new LayerSpec.Conv(1, 3, false)));
        float[] conv = new float[9];
        conv[4] = 1;
        NetWeights weights = new NetWeights(List.of(new NetWeights.Layer(conv, new float[1], null),
                new NetWeights.Layer(new float[] {-10, 0, 10}, new float[3], null)));
        ModelMetadata metadata = new ModelMetadata(3, List.of(role), List.of("background", "boundary", "interior"),
                new Normalization(Normalization.MEDIAN_LOCAL_MEAN, 61), net, Map.of("test", true), pixelSizeUm);
        byte[] bytes = new DilatedNetExporter().export(metadata, weights);
        UUID versionId = UUID.randomUUID();
        input("model/" + versionId + "/member-0.onnx", bytes);
        return new ModelVersionDto(versionId, UUID.randomUUID(), 1, null, null,
                List.of(new ModelMemberDto(0, sha256(bytes), bytes.length)), Instant.now());
    }

    private void input(String name, byte[] bytes) throws Exception {
        StagedFiles.stage(dir, inputs, hashes, name, bytes);
    }

}
