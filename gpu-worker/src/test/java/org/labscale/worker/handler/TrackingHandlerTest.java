package org.labscale.worker.handler;

import static org.labscale.worker.handler.StagedFiles.sha256;
import static org.labscale.worker.handler.StagedFiles.tiff;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.convnet.onnx.NetWeights;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;
import org.labscale.worker.handler.tracking.TrackingFramesHandler;
import org.labscale.worker.handler.tracking.TrackingHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackingHandlerTest {

    private static final int W = 64;
    private static final int H = 48;
    private static final int FRAMES = 4;

    private static final Map<String, Object> THRESHOLD = Map.of("method", "THRESHOLD", "threshold", 0.5,
            "regrowth", 0);

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final Map<String, Path> inputs = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    @TempDir
    Path dir;

    @Test
    void shouldSegmentEveryFrameAndLinkTheMovingDiscsIntoTwoTracks() throws Exception {
        ModelVersionDto model = brightSpotModel();
        ImageDto series = series(FRAMES);
        FakeJobContext ctx = context(model, series);

        Map<String, Object> result = new TrackingHandler(json, 1).run(ctx);

        assertEquals(FRAMES, result.get("frames"), result.toString());
        assertEquals(List.of(2, 2, 2, 2), result.get("cellsPerFrame"));
        assertEquals(2, result.get("tracks"), "each disc one track through every frame");
        assertEquals(0, result.get("divisions"));
        String tracks = new String(ctx.outputs.get("ctc/res_track.txt"),
                StandardCharsets.UTF_8);
        assertEquals(List.of("1 0 3 0", "2 0 3 0"), tracks.lines().sorted().toList());
        List<String> rows = new String(ctx.outputs.get("tracks.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals(1 + 2 * FRAMES, rows.size(), rows.toString());
        List<String> growth = new String(ctx.outputs.get("growth.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals("track_id,spot_id,frame,area,growth_rate_per_hour,likely_merge", growth.get(0));
        assertEquals(1 + 2 * FRAMES, growth.size());
        for (int t = 0; t < FRAMES; t++) {
            Path mask = dir.resolve("mask" + t + ".tif");
            Files.write(mask, ctx.outputs.get(String.format("ctc/mask%03d.tif", t)));
            LabelImage labels = new LabelImageReader().read(mask);
            int left = labels.get(disc(t, 0)[0], disc(t, 0)[1]);
            int right = labels.get(disc(t, 1)[0], disc(t, 1)[1]);
            assertTrue(left > 0 && right > 0 && left != right, "frame " + t + ": " + left + ", " + right);
            if (t > 0) {
                Path first = dir.resolve("mask0.tif");
                LabelImage labels0 = new LabelImageReader().read(first);
                assertEquals(labels0.get(disc(0, 0)[0], disc(0, 0)[1]), left, "the left disc keeps its track");
            }
        }
        List<String> merges = new String(ctx.outputs.get("merges.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals("all,8,6,0,0.000000", merges.get(merges.size() - 1), "discs keep their size: no merge");
        BufferedImage tree = ImageIO.read(new java.io.ByteArrayInputStream(
                ctx.outputs.get("figures/lineage-tree.png")));
        assertTrue(tree.getWidth() > 100 && tree.getHeight() > 50);
        String treeSvg = new String(ctx.outputs.get("figures/lineage-tree.svg"), StandardCharsets.UTF_8);
        assertEquals(2, treeSvg.split("<rect class=\"track\"", -1).length - 1, "one bar per track");
        assertEquals(1 + 2, new String(ctx.outputs.get("figures/growth-rate-map.csv"), StandardCharsets.UTF_8)
                .lines().count(), "the last frame's two cells");
        assertTrue(ctx.outputs.containsKey("figures/growth-rate-histogram.png"));
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        Map<?, ?> mergeCheck = (Map<?, ?>) report.get("mergeCheck");
        assertEquals(0, mergeCheck.get("likelyMerges"));
        assertEquals(6, mergeCheck.get("cellsWithPredecessor"));
        assertEquals(FRAMES, ((List<?>) mergeCheck.get("perFrame")).size());
        assertEquals(List.of("frame", "cells", "cellsWithPredecessor", "likelyMerges", "likelyMergeFraction"),
                List.copyOf(((Map<?, ?>) ((List<?>) mergeCheck.get("perFrame")).get(0)).keySet()),
                "a frame's keys in a fixed order: the report is the same bytes on any worker's JVM");
        assertEquals(9, ((List<?>) report.get("figures")).size());
        assertEquals(Map.of("preset", "nuclei", "maxDistance", 30.0, "gapFrames", 1, "divisions", true,
                "mergedDaughterFrames", 5), report.get("tracker"));
        List<String> messages = ctx.progress.stream().map(p -> p.message()).toList();
        for (int t = 1; t <= FRAMES; t++) {
            assertTrue(messages.contains("segmenting frame " + t + " of " + FRAMES), messages.toString());
        }
    }

    @Test
    void shouldFailWithoutRetryAndStoreNothingWhenTheSeriesWasDeleted() throws Exception {
        ModelVersionDto model = brightSpotModel();
        ImageDto series = series(FRAMES);
        FakeJobContext gone = context(model, series);
        gone.context().put("image", null);
        JobFailedException e2 = assertThrows(JobFailedException.class,
                () -> new TrackingHandler(json, 1).run(gone));
        assertEquals("tracking.image-deleted", e2.code());
        assertFalse(e2.retryable());
        assertTrue(gone.outputs.isEmpty());
    }

    /**
     * Frames as separate two-channel images (the discs, and a reporter reading {@code 255 - nuclear}): tracked as the
     * multi-page series is, with the reporter's nuclear mean exactly {@code 255 -} the tracked mean intensity.
     */
    @Test
    void shouldTrackASeriesOfOneImagePerFrameAndReadTheReporterOfEveryCell() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        FakeJobContext ctx = perFrameContext(model, frames);

        Map<String, Object> result = new TrackingHandler(json, 1).run(ctx);

        assertEquals(2, result.get("tracks"), result.toString());
        Map<String, Double> intensity = new HashMap<>();
        for (String row : text(ctx, "tracks.csv").lines().skip(1).toList()) {
            String[] c = row.split(",");
            intensity.put(c[0] + "/" + c[2], Double.parseDouble(c[7]));
        }
        List<String> ktr = text(ctx, "ktr.csv").lines().toList();
        assertTrue(ktr.get(0).startsWith("track_id,frame,label,nuclear_mean,cytoplasm_mean,cytoplasm_to_nuclear,"
                + "ring5_mean,ring25_mean,"), ktr.get(0));
        assertEquals(1 + 2 * 3, ktr.size());
        for (String row : ktr.subList(1, ktr.size())) {
            String[] c = row.split(",");
            double nuclear = Double.parseDouble(c[3]);
            assertEquals(255 - intensity.get(c[0] + "/" + c[1]), nuclear, 1e-3, row);
            double cytoplasm = Double.parseDouble(c[4]);
            assertTrue(cytoplasm > 200 && nuclear < 100, "the dark nucleus in a bright cytoplasm: " + row);
            assertEquals(cytoplasm / nuclear, Double.parseDouble(c[5]), 1e-3 * cytoplasm / nuclear);
        }
        List<String> plotted = text(ctx, "figures/ktr-cytoplasm-to-nuclear.csv").lines().toList();
        assertEquals("track_id,frame,time_h,value", plotted.get(0));
        assertTrue(plotted.contains("1,2,1.00000," + ktr.stream().filter(r -> r.startsWith("1,2,")).findFirst()
                .orElseThrow().split(",")[5]), "frame 2 is an hour in at 30 min per frame: " + plotted);
        assertTrue(text(ctx, "figures/ktr-cytoplasm-to-nuclear.svg").contains("<polyline"));
        Map<?, ?> report = json.readValue(ctx.outputs.get("report.json"), Map.class);
        assertEquals(frames.stream().map(f -> f.id().toString()).toList(), report.get("imageIds"));
        assertEquals(1, ((Map<?, ?>) report.get("ktr")).get("reporterChannel"));
        assertEquals(12, ((List<?>) report.get("figures")).size());
    }

    @Test
    void shouldNameTheFrameThatCannotBeSegmentedAndStoreNothing() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        // Frame 2's file is not an image (its hash matches what the store holds: it was uploaded so).
        byte[] junk = "not a TIFF at all".getBytes(StandardCharsets.UTF_8);
        input("image/" + frames.get(1).id(), junk);
        FakeJobContext ctx = perFrameContext(model, frames);

        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrackingHandler(json, 1).run(ctx));
        assertTrue(e.getMessage().startsWith("Frame 2 of 3 could not be segmented, so no track was made: it cannot"
                + " be read"), e.getMessage());
        assertFalse(e.retryable());
        assertTrue(ctx.outputs.isEmpty(), ctx.outputs.keySet().toString());
        List<String> messages = ctx.progress.stream().map(p -> p.message()).toList();
        assertTrue(messages.contains("segmenting frame 2 of 3") && !messages.contains("segmenting frame 3 of 3"),
                messages.toString());

        FakeJobContext gone = perFrameContext(model, frames);
        ((List<Object>) gone.context().get("images")).set(2, null);
        assertEquals("tracking.image-deleted", assertThrows(JobFailedException.class,
                () -> new TrackingHandler(json, 1).run(gone)).code());
        assertTrue(gone.outputs.isEmpty());
    }

    /**
     * A job split into parts, as the API splits every TRACKING job: two parts segment frames 1-2 and 3 on their own
     * (as two workers would), then the tracking step, given their masks and no model at all, writes every output
     * byte for byte as the job that segmented the whole series itself.
     */
    @Test
    void shouldTrackTheMasksOfItsPartsByteForByteAsWhenItSegmentsEveryFrameItself() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        FakeJobContext whole = perFrameContext(model, frames);
        new TrackingHandler(json, 1).run(whole);

        for (int[] run : new int[][] {{0, 2}, {2, 1}}) {
            FakeJobContext part = partContext(model, frames, run[0], run[1]);
            Map<String, Object> result = new TrackingFramesHandler(json, 1).run(part);
            assertEquals("CPU", result.get("device"));
            Map<?, ?> masks = (Map<?, ?>) result.get("masks");
            assertEquals(run[1], masks.size(), result.toString());
            assertEquals(run[1], part.outputs.size(), part.outputs.keySet().toString());
            for (int t = run[0]; t < run[0] + run[1]; t++) {
                byte[] mask = part.outputs.get("masks/" + t + ".tif");
                assertEquals(sha256(mask), masks.get(Integer.toString(t)), "the hash the tracking step checks");
                input("segmented/" + t, mask);
            }
            List<String> messages = part.progress.stream().map(p -> p.message()).toList();
            assertTrue(messages.contains("segmenting frame " + (run[0] + 1) + " of 3"), messages.toString());
        }
        inputs.keySet().removeIf(name -> name.startsWith("model/")); // the tracking step must not need the model
        FakeJobContext split = perFrameContext(model, frames);
        split.context().put("segmented", Map.of("frames", 3, "devices", List.of("CPU")));
        new TrackingHandler(json, 1).run(split);

        assertEquals(whole.outputs.keySet(), split.outputs.keySet());
        for (String name : whole.outputs.keySet()) {
            assertArrayEquals(whole.outputs.get(name), split.outputs.get(name), name);
        }
        assertTrue(split.progress.stream().anyMatch(p -> "measuring frame 3 of 3".equals(p.message())));
    }

    /**
     * A model trained at 0.2 um per pixel and a series at 0.1: the frames are segmented at the model's size, as a
     * SEGMENTATION job segments an image, by the whole job and by its parts alike. A disc (radius 7, about 150 px)
     * covers about 38 px at the model's size, so cells of at most 80 px keep it there; the same series without a pixel
     * size is segmented as it is, where the discs are too large.
     */
    @Test
    void shouldSegmentTheFramesAtTheModelsPixelSizeAsASegmentationJobDoes() throws Exception {
        ModelVersionDto model = brightSpotModel(0.2);
        Map<String, Object> sized = Map.of("method", "THRESHOLD", "threshold", 0.5, "regrowth", 0, "minArea", 10,
                "maxArea", 80);
        ImageDto series = withPixelSize(series(FRAMES), 0.1);
        FakeJobContext ctx = context(model, series, sized);

        Map<String, Object> result = new TrackingHandler(json, 1).run(ctx);

        assertEquals(List.of(2, 2, 2, 2), result.get("cellsPerFrame"), result.toString());
        assertEquals(2, result.get("tracks"));
        Path mask = dir.resolve("mask0.tif");
        Files.write(mask, ctx.outputs.get("ctc/mask000.tif"));
        LabelImage labels = new LabelImageReader().read(mask);
        assertEquals(W, labels.width(), "the cells come back in the series' own pixels");
        assertEquals(H, labels.height());
        assertTrue(labels.get(disc(0, 0)[0], disc(0, 0)[1]) > 0 && labels.get(disc(0, 1)[0], disc(0, 1)[1]) > 0);

        Map<String, Object> part = new TrackingFramesHandler(json, 1).run(partOf(model, series, sized, 1, 2));
        assertEquals(2, ((Map<?, ?>) part.get("masks")).size(), part.toString());

        FakeJobContext asItIs = context(model, series(FRAMES), sized);
        Map<String, Object> unscaled = new TrackingHandler(json, 1).run(asItIs);
        int found = ((List<?>) unscaled.get("cellsPerFrame")).stream().mapToInt(n -> ((Number) n).intValue()).sum();
        assertTrue(found <= 1, "discs of 150 px are over maxArea 80 (a fragment at most): " + unscaled);
    }

    /** A TRACKING_FRAMES part of the multi-page series' job. */
    private FakeJobContext partOf(ModelVersionDto model, ImageDto series, Map<String, Object> postProcessing,
                                  int first, int count) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("image", json.convertValue(series, Map.class));
        context.put("frames", series.frames());
        Set<String> allowed = new TreeSet<>();
        for (int t = first; t < first + count; t++) {
            allowed.add("masks/" + t + ".tif");
        }
        return new FakeJobContext(Map.of("series", Map.of("imageId", series.id().toString(), "modelId",
                model.modelId().toString(), "postProcessing", postProcessing), "firstFrame", first, "frameCount",
                count), allowed, inputs, hashes, context);
    }

    private static ImageDto withPixelSize(ImageDto i, double pixelSizeUm) {
        return new ImageDto(i.id(), i.projectId(), i.name(), i.format(), i.width(), i.height(), i.channels(),
                i.frames(), i.bitsPerSample(), i.sampleType(), i.compression(), i.pageMode(), i.channelNames(),
                pixelSizeUm, i.sha256(), i.sizeBytes(), i.createdAt(), i.updatedAt(), i.version());
    }

    /** A part names the frame of the whole series that it could not segment; not retried. */
    @Test
    void shouldNameTheFrameOfTheWholeSeriesThatAPartCannotSegment() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        input("image/" + frames.get(2).id(), "not a TIFF at all".getBytes(StandardCharsets.UTF_8));
        FakeJobContext part = partContext(model, frames, 1, 2);

        JobFailedException e = assertThrows(JobFailedException.class,
                () -> new TrackingFramesHandler(json, 1).run(part));
        assertTrue(e.getMessage().startsWith("Frame 3 of 3 could not be segmented, so no track was made: it cannot"
                + " be read"), e.getMessage());
        assertFalse(e.retryable());
    }

    /**
     * With the series' CTC ground truth the job scores itself: markers that are the discs under their track labels
     * give TRA = DET = 1; markers that call disc 1's last frame a daughter (track 3, parent 1) cost one wrong-semantics
     * edge: TRA = 1 - 1 / (10 x 6 objects + 1.5 x 4 edges).
     */
    @Test
    void shouldScoreItselfAgainstTheGroundTruthOfTheSeries() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        FakeJobContext perfect = scoredContext(model, frames, 1, "1 0 2 0\n2 0 2 0\n");

        Map<String, Object> result = new TrackingHandler(json, 1).run(perfect);

        assertEquals(Map.of("TRA", 1.0, "DET", 1.0), Map.of("TRA", ((Map<?, ?>) result.get("scores")).get("TRA"),
                "DET", ((Map<?, ?>) result.get("scores")).get("DET")), result.toString());
        double seg = (Double) ((Map<?, ?>) result.get("scores")).get("SEG");
        assertTrue(seg > 0.7 && seg <= 1, "SEG over frame 0's two discs: " + seg);
        List<String> csv = text(perfect, "scores.csv").lines().toList();
        assertEquals("measure,value", csv.get(0));
        assertTrue(csv.containsAll(List.of("TRA,1.0", "DET,1.0", "falseNegatives,0", "segmentedFrames,1")),
                csv.toString());
        Map<?, ?> report = json.readValue(perfect.outputs.get("report.json"), Map.class);
        assertEquals(0, ((Map<?, ?>) report.get("scores")).get("wrongSemantics"));

        FakeJobContext daughter = scoredContext(model, frames, 3, "1 0 1 0\n2 0 2 0\n3 2 2 1\n");
        Map<?, ?> scores = (Map<?, ?>) new TrackingHandler(json, 1).run(daughter).get("scores");
        assertEquals(1 - 1 / 66.0, (Double) scores.get("TRA"), 1e-12, scores.toString());
        assertEquals(1.0, scores.get("DET"));
    }

    /** A multi-page series scores itself from annotations of the series named per frame ({@code tra#t}). */
    @Test
    void shouldScoreAMultiPageSeriesAgainstTheAnnotationsOfItsFrames() throws Exception {
        ModelVersionDto model = brightSpotModel();
        ImageDto series = series(3);
        String tracks = "1 0 2 0\n2 0 2 0\n";
        List<Object> markers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            input("markers/" + series.id() + "#" + t, LabelImageEncoder.labelsTiff16(discLabels(t, 1)));
            markers.add(true);
        }
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("markers", markers);
        truth.put("segmentation", List.of(false, false, false));
        truth.put("tracks", tracks);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("image", json.convertValue(series, Map.class));
        context.put("frames", 3);
        context.put("groundTruth", truth);
        Set<String> allowed = allowed(3);
        allowed.add("scores.csv");
        FakeJobContext ctx = new FakeJobContext(Map.of("imageId", series.id().toString(), "modelId",
                model.modelId().toString(), "postProcessing", THRESHOLD, "groundTruth", Map.of("markers", "tra",
                        "tracks", tracks)), allowed, inputs, hashes, context);

        Map<?, ?> scores = (Map<?, ?>) new TrackingHandler(json, 1).run(ctx).get("scores");

        assertEquals(1.0, scores.get("TRA"), scores.toString());
        assertEquals(1.0, scores.get("DET"));
        assertTrue(text(ctx, "scores.csv").contains("segmentedFrames,0"));
    }

    @Test
    void shouldFailWithoutStoringWhenAFrameLostItsMarkers() throws Exception {
        ModelVersionDto model = brightSpotModel();
        List<ImageDto> frames = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            BufferedImage nuclear = discs(t);
            frames.add(frameImage(nuclear, inverted(nuclear)));
        }
        FakeJobContext ctx = scoredContext(model, frames, 1, "1 0 1 0\n2 0 1 0\n");
        ((List<Object>) ((Map<String, Object>) ctx.context().get("groundTruth")).get("markers")).set(1, false);

        JobFailedException e = assertThrows(JobFailedException.class, () -> new TrackingHandler(json, 1).run(ctx));
        assertEquals("tracking.ground-truth", e.code());
        assertTrue(e.getMessage().contains("frame 2 no longer has its markers annotation"), e.getMessage());
        assertFalse(e.retryable());
        assertTrue(ctx.outputs.isEmpty(), ctx.outputs.keySet().toString());
    }

    /**
     * The per-frame series with its ground truth: markers of every frame (disc 0 labelled 1, disc 1 labelled 2,
     * except that disc 0 takes {@code lastLabel} in the last frame), the segmentation of frame 0, the track file.
     */
    private FakeJobContext scoredContext(ModelVersionDto model, List<ImageDto> frames, int lastLabel, String tracks)
            throws Exception {
        List<Object> markers = new ArrayList<>();
        List<Object> segmentation = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            byte[] mask = LabelImageEncoder.labelsTiff16(discLabels(t, t == frames.size() - 1 ? lastLabel : 1));
            input("markers/" + frames.get(t).id(), mask);
            markers.add(true);
            if (t == 0) {
                input("segmentation/" + frames.get(t).id(), mask);
            }
            segmentation.add(t == 0);
        }
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("markers", markers);
        truth.put("segmentation", segmentation);
        truth.put("tracks", tracks);
        return perFrameContext(model, frames, Map.of("markers", "tra", "segmentation", "seg", "tracks", tracks),
                truth);
    }

    /** The discs of frame {@code t} as labels: disc 0 as {@code first}, disc 1 as 2. */
    private static LabelImage discLabels(int t, int first) {
        int[] labels = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int d = 0; d < 2; d++) {
                    if (Math.hypot(x - disc(t, d)[0], y - disc(t, d)[1]) < 7) {
                        labels[y * W + x] = d == 0 ? first : 2;
                    }
                }
            }
        }
        return LabelImage.of(W, H, labels);
    }

    private static String text(FakeJobContext ctx, String name) {
        return new String(ctx.outputs.get(name), StandardCharsets.UTF_8);
    }

    private static BufferedImage inverted(BufferedImage page) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                out.getRaster().setSample(x, y, 0, 255 - page.getRaster().getSample(x, y, 0));
            }
        }
        return out;
    }

    /** One frame as a two-page TIFF of channels {@code nuclear} and {@code JNK-KTR}. */
    private ImageDto frameImage(BufferedImage nuclear, BufferedImage reporter) throws Exception {
        byte[] tiff = tiff(List.of(nuclear, reporter));
        UUID id = UUID.randomUUID();
        input("image/" + id, tiff);
        return new ImageDto(id, UUID.randomUUID(), "t.tif", "TIFF", W, H, 2, 1, 8, "UINT8", "none",
                PageMode.CHANNELS, List.of("nuclear", "JNK-KTR"), null, sha256(tiff), tiff.length, Instant.now(),
                Instant.now(), 1);
    }

    private FakeJobContext context(ModelVersionDto model, ImageDto series) {
        return context(model, series, THRESHOLD);
    }

    private FakeJobContext context(ModelVersionDto model, ImageDto series, Map<String, Object> postProcessing) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        context.put("image", json.convertValue(series, Map.class));
        context.put("frames", series.frames());
        return new FakeJobContext(Map.of("imageId", series.id().toString(), "modelId", model.modelId().toString(),
                "postProcessing", postProcessing), allowed(series.frames()), inputs, hashes, context);
    }

    /** A series listed one image per frame, with a KTR read-out of the channel {@code JNK-KTR}. */
    private FakeJobContext perFrameContext(ModelVersionDto model, List<ImageDto> frames) {
        return perFrameContext(model, frames, null, null);
    }

    /** The same with a CTC ground truth: its payload field and the lease's context for it (both null: none). */
    private FakeJobContext perFrameContext(ModelVersionDto model, List<ImageDto> frames,
                                           Map<String, Object> groundTruth, Map<String, Object> truthContext) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        List<Object> images = new ArrayList<>();
        frames.forEach(f -> images.add(json.convertValue(f, Map.class)));
        context.put("images", images);
        context.put("frames", frames.size());
        Set<String> allowed = allowed(frames.size());
        allowed.add("ktr.csv");
        for (String ext : List.of("png", "svg", "csv")) {
            allowed.add("figures/ktr-cytoplasm-to-nuclear." + ext);
        }
        Map<String, Object> payload = perFramePayload(model, frames);
        if (groundTruth != null) {
            payload.put("groundTruth", groundTruth);
            context.put("groundTruth", truthContext);
            allowed.add("scores.csv");
        }
        return new FakeJobContext(payload, allowed, inputs, hashes, context);
    }

    private static Map<String, Object> perFramePayload(ModelVersionDto model, List<ImageDto> frames) {
        return new LinkedHashMap<>(Map.of("imageIds", frames.stream().map(f -> f.id().toString()).toList(),
                "modelId", model.modelId().toString(), "postProcessing", THRESHOLD, "frameIntervalMinutes", 30,
                "ktr", Map.of("channel", "JNK-KTR")));
    }

    /** A TRACKING_FRAMES part of the per-frame series' job: frames {@code first} .. {@code first + count - 1}. */
    private FakeJobContext partContext(ModelVersionDto model, List<ImageDto> frames, int first, int count) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", json.convertValue(model, Map.class));
        List<Object> images = new ArrayList<>();
        frames.forEach(f -> images.add(json.convertValue(f, Map.class)));
        context.put("images", images);
        context.put("frames", frames.size());
        Set<String> allowed = new TreeSet<>();
        for (int t = first; t < first + count; t++) {
            allowed.add("masks/" + t + ".tif");
        }
        return new FakeJobContext(Map.of("series", perFramePayload(model, frames), "firstFrame", first,
                "frameCount", count), allowed, inputs, hashes, context);
    }

    private static Set<String> allowed(int frames) {
        Set<String> allowed = new TreeSet<>(List.of("ctc/res_track.txt", "tracks.csv", "growth.csv", "merges.csv",
                "report.json"));
        for (String figure : List.of("growth-rate-histogram", "growth-rate-map", "lineage-tree")) {
            for (String ext : List.of("png", "svg", "csv")) {
                allowed.add("figures/" + figure + "." + ext);
            }
        }
        for (int t = 0; t < frames; t++) {
            allowed.add(String.format("ctc/mask%03d.tif", t));
        }
        return allowed;
    }

    /**
     * A one-member model that calls a pixel interior when it is brighter than its neighbourhood: a 3x3 convolution
     * passing the normalised centre pixel through the ReLU, and a classifier that turns it into interior (and away
     * from background). Darker pixels give equal logits: interior 1/3, below the 0.5 threshold.
     */
    private ModelVersionDto brightSpotModel() throws Exception {
        return brightSpotModel(null);
    }

    /** @param pixelSizeUm what the model claims to be trained at; null: none */
    private ModelVersionDto brightSpotModel(Double pixelSizeUm) throws Exception {
        NetSpec net = new NetSpec("bright-spot-3", 3, List.of(new LayerSpec.Conv(1, 3, false)));
        float[] conv = new float[9];
        conv[4] = 1;
        NetWeights weights = new NetWeights(List.of(new NetWeights.Layer(conv, new float[1], null),
                new NetWeights.Layer(new float[] {-10, 0, 10}, new float[3], null)));
        ModelMetadata metadata = new ModelMetadata(3, List.of("nuclear"), List.of("background", "boundary",
                "interior"), new Normalization(Normalization.MEDIAN_LOCAL_MEAN, 41), net, Map.of("test", true),
                pixelSizeUm);
        byte[] bytes = new DilatedNetExporter().export(metadata, weights);
        UUID versionId = UUID.randomUUID();
        String name = "model/" + versionId + "/member-0.onnx";
        input(name, bytes);
        return new ModelVersionDto(versionId, UUID.randomUUID(), 1, null, null,
                List.of(new ModelMemberDto(0, sha256(bytes), bytes.length)), Instant.now());
    }

    /** Two discs (radius 7) moving 3 px right and 2 px down per frame, as a multi-page TIFF of frames. */
    private ImageDto series(int frames) throws Exception {
        List<BufferedImage> pages = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            pages.add(discs(t));
        }
        return image(pages);
    }

    /** Frame {@code t}: the two discs, bright on a dark background with a little texture. */
    private static BufferedImage discs(int t) {
        BufferedImage page = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = false;
                for (int d = 0; d < 2; d++) {
                    inside |= Math.hypot(x - disc(t, d)[0], y - disc(t, d)[1]) < 7;
                }
                page.getRaster().setSample(x, y, 0, (inside ? 200 : 20) + (x * 7 + y * 3) % 5);
            }
        }
        return page;
    }

    private static int[] disc(int t, int which) {
        return which == 0 ? new int[] {12 + 3 * t, 12 + 2 * t} : new int[] {44 + 3 * t, 20 + 2 * t};
    }

    private ImageDto image(List<BufferedImage> pages) throws Exception {
        byte[] tiff = tiff(pages);
        UUID id = UUID.randomUUID();
        input("image/" + id, tiff);
        return new ImageDto(id, UUID.randomUUID(), "series.tif", "TIFF", pages.get(0).getWidth(),
                pages.get(0).getHeight(), 1, pages.size(), 8, "UINT8", "none", PageMode.FRAMES, null, null,
                sha256(tiff), tiff.length, Instant.now(), Instant.now(), 1);
    }

    private void input(String name, byte[] bytes) throws Exception {
        StagedFiles.stage(dir, inputs, hashes, name, bytes);
    }

}
