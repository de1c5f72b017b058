package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.KtrOptions;
import org.labscale.shared.job.TrackingPayload;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.SpotCollector;
import org.labscale.tracking.Tracker;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.ctc.CtcResultWriter;
import org.labscale.tracking.growth.GrowthAnalysis;
import org.labscale.tracking.io.KtrCsv;
import org.labscale.tracking.io.MergeCheckCsv;
import org.labscale.tracking.ktr.KtrCell;
import org.labscale.tracking.ktr.KtrMeasurer;
import org.labscale.tracking.ktr.KtrTracks;
import org.labscale.tracking.io.TracksCsv;
import org.labscale.worker.device.ComputeDevices;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;
import org.labscale.worker.handler.segmentation.EnsembleInputs;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@link JobKind#TRACKING} jobs: takes each frame's mask from the job's TRACKING_FRAMES parts, which segmented the
 * series on every worker at hand ({@link TrackingFramesHandler}; lease inputs {@code segmented/<t>}), or, for a job
 * that was not split, segments each frame of the series ({@code image/<imageId>}, its pages read as frames) with the
 * model ensemble ({@code model/<versionId>/member-<i>.onnx}) as a SEGMENTATION job would ({@link FrameMasks}: the
 * same masks either way), reporting progress per frame; links the cells with the {@code tracking} library's LAP
 * tracker; and stores the Cell Tracking Challenge result ({@code ctc/maskTTT.tif} per frame, {@code ctc/res_track.txt}), {@code tracks.csv},
 * {@code growth.csv} (rates per hour), {@code merges.csv} (the paper's 30% area-growth check), the figures of
 * {@link TrackingFigures} and {@code report.json}; when the series comes with its CTC ground truth, the job scores
 * itself ({@link GroundTruthScoring}: {@code scores.csv}, {@code report.json} {@code scores}, TRA/DET/SEG in the
 * result). A track needs every frame, so a frame that cannot be
 * segmented fails the job, not retried, with that frame and its reason; so does a series deleted or altered since
 * submission, or a model that cannot be used. Everything is written to a scratch folder first and stored only when
 * the whole series is done: a failed job stores nothing. Memory does not grow with the series: each frame's cells are
 * measured as it is segmented and its mask waits on disk until the CTC masks are written, one frame at a time. A store that does not answer fails the attempt (retried).
 */
@ApplicationScoped
public class TrackingHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(TrackingHandler.class);

    private final ObjectMapper json;
    private final int threads;
    private final BooleanSupplier cuda;

    @Inject
    public TrackingHandler(ObjectMapper json, ComputeDevices devices) {
        this(json, Runtime.getRuntime().availableProcessors(), devices::segmentationOnCuda);
    }

    /** On the CPU. @param threads ONNX Runtime intra-op threads (tests use 1) */
    public TrackingHandler(ObjectMapper json, int threads) {
        this(json, threads, () -> false);
    }

    /** @param cuda whether to ask ONNX Runtime for CUDA (decided once per worker, {@link ComputeDevices}) */
    public TrackingHandler(ObjectMapper json, int threads, BooleanSupplier cuda) {
        this.json = json;
        this.threads = threads;
        this.cuda = cuda;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRACKING;
    }

    @Override
    public Map<String, Object> run(JobContext ctx) throws Exception {
        TrackingPayload p = ctx.payload(TrackingPayload.class).withDefaults();
        ModelVersionDto model = EnsembleInputs.modelVersion(json, ctx.context().get("model"), "model", p.modelId());
        List<ImageDto> images = SeriesInputs.images(json, ctx, p);
        List<Path> files = SeriesInputs.files(ctx, images);
        KtrMeasurer ktr = p.ktr() == null ? null : new KtrMeasurer(p.ktr().innerRing(), p.ktr().outerRing());
        int reporter = p.ktr() == null ? -1 : reporterChannel(p.ktr(), images.get(0));
        InferenceSettings settings = EnsembleInputs.settings(threads, cuda.getAsBoolean());
        Path work = Files.createTempDirectory("tracking-" + ctx.jobId());
        Object segmented = ctx.context().get("segmented"); // the masks of the job's parts, when it was split
        try (EnsembleModel ensemble = segmented == null ? EnsembleInputs.open(ctx, model, settings) : null;
             KtrCytoplasm cytoplasm = KtrCytoplasm.open(ctx, json, p.ktr(), settings, images.get(0).channels(),
                     SeriesInputs.pixelSizes(images))) {
            FrameMasks masks = ensemble == null ? FrameMasks.stored(ctx) : FrameMasks.segmented(
                    new ImageSegmenter(ensemble, null, p.postProcessing(), ctx::isCancelled),
                    SeriesInputs.pixelSizes(images), work);
            Map<Integer, List<KtrCell>> ktrCells = new TreeMap<>();
            Segmented frames = segmentFrames(ctx, masks, p, files, work, ktr, reporter, ktrCells, cytoplasm);
            int count = frames.spots().frames();
            ctx.checkCancelled();
            ctx.progress(new JobProgress(0.95, "linking cells across " + count + " frames",
                    Map.of("frames", (double) count)));
            TrackingResult result;
            try {
                // the masks on disk: merged daughters are parted on them (TrackerOptions.mergedDaughterFrames)
                result = Tracker.trackSpots(frames.spots().spots(), TrackerSettingsOf.of(p.tracker()), frames::mask);
                CtcResultWriter.write(work.resolve("ctc"), result, count, frames::mask);
            } catch (IllegalArgumentException e) {
                throw new JobFailedException("tracking.failed", "The cells could not be tracked: " + e.getMessage(),
                        false);
            }
            try (Writer out = Files.newBufferedWriter(work.resolve("tracks.csv"), StandardCharsets.UTF_8)) {
                TracksCsv.write(result, out);
            }
            double hoursPerFrame = p.frameIntervalMinutes() / 60.0;
            GrowthAnalysis.Report growth = GrowthAnalysis.analyse(result, hoursPerFrame);
            try (Writer out = Files.newBufferedWriter(work.resolve("growth.csv"), StandardCharsets.UTF_8)) {
                GrowthCsv.write(growth, out);
            }
            try (Writer out = Files.newBufferedWriter(work.resolve("merges.csv"), StandardCharsets.UTF_8)) {
                MergeCheckCsv.write(growth, out);
            }
            List<String> figures = new ArrayList<>(TrackingFigures.write(work, result, growth, frames.last()));
            Map<String, Object> overall = summary(count, result, growth);
            Map<String, Object> report = new LinkedHashMap<>();
            if (p.perFrameImages()) {
                report.put("imageIds", images.stream().map(i -> i.id().toString()).toList());
            } else {
                report.put("imageId", images.get(0).id().toString());
            }
            report.put("model", new TreeMap<>(Map.of("modelId", model.modelId().toString(), "version",
                    model.version(), "members", model.members().size()))); // sorted: the same bytes on every JVM
            report.put("device", ensemble != null ? ensemble.device() : devices(segmented));
            report.put("postProcessing", p.postProcessing());
            report.put("tracker", p.tracker());
            report.put("frameIntervalMinutes", p.frameIntervalMinutes());
            report.put("overall", overall);
            report.put("mergeCheck", mergeCheck(growth));
            if (ktr != null) {
                List<KtrTracks.Row> rows = KtrTracks.join(result, ktrCells);
                try (Writer out = Files.newBufferedWriter(work.resolve("ktr.csv"), StandardCharsets.UTF_8)) {
                    KtrCsv.write(rows, ktr, cytoplasm != null, out);
                }
                figures.addAll(TrackingFigures.writeKtr(work, rows, hoursPerFrame));
                report.put("ktr", new TreeMap<>(Map.of("options", p.ktr(), "reporterChannel", reporter, "rows",
                        rows.size(), "cytoplasmModel", cytoplasm == null ? "none" : new TreeMap<>(Map.of("modelId",
                                cytoplasm.version().modelId().toString(), "version", cytoplasm.version().version(),
                                "postProcessing", KtrCytoplasm.SETTINGS)))));
            }
            report.put("figures", figures);
            Object truth = ctx.context().get("groundTruth");
            if (truth instanceof Map<?, ?> groundTruth) {
                ctx.progress(new JobProgress(0.98, "scoring against the ground truth",
                        Map.of("frames", (double) count)));
                Map<String, Object> scores = GroundTruthScoring.score(ctx, groundTruth, images, work.resolve("ctc"),
                        work);
                report.put("scores", scores);
                Map<String, Object> headline = new LinkedHashMap<>();
                List.of("TRA", "DET", "SEG").forEach(measure -> headline.put(measure, scores.get(measure)));
                overall.put("scores", headline);
            }
            ctx.checkCancelled();
            store(ctx, work, report, ktr != null, truth != null);
            ctx.progress(new JobProgress(1.0, "done", Map.of("frames", (double) count)));
            return overall;
        } finally {
            EnsembleInputs.deleteTree(work);
        }
    }

    /** The reporter channel's index in every frame; fails the job when the series no longer has it. */
    private static int reporterChannel(KtrOptions ktr, ImageDto first) throws JobFailedException {
        int index = ktr.channelIndex() != null ? ktr.channelIndex()
                : first.channelNames() == null ? -1 : first.channelNames().indexOf(ktr.channel());
        if (index < 0 || index >= first.channels()) {
            throw new JobFailedException("tracking.ktr-channel", "The reporter channel "
                    + (ktr.channel() != null ? "'" + ktr.channel() + "'" : ktr.channelIndex()) + " is not a channel"
                    + " of the series (channels " + first.channelNames() + ").", false);
        }
        return index;
    }

    /**
     * A segmented series held as its spots, the last frame (for the figures) and every frame's mask on disk: memory
     * does not grow with the series' length.
     */
    private record Segmented(SpotCollector spots, LabelFrame last, Path masks) {
        LabelImage mask(int t) throws IOException {
            try {
                return new LabelImageReader().read(masks.resolve(t + ".tif"));
            } catch (ImageRejectedException e) {
                throw new IOException("the mask of frame " + t + " written by this job cannot be read again", e);
            }
        }
    }

    /** The devices the job's parts segmented on, as one name ("CPU"; "CPU+CUDA" when they differed). */
    private static String devices(Object segmented) {
        return segmented instanceof Map<?, ?> m && m.get("devices") instanceof List<?> list && !list.isEmpty()
                ? String.join("+", list.stream().map(String::valueOf).toList()) : "unknown";
    }

    /**
     * Each frame's mask from {@code source} (segmented here, or stored by the job's parts), in order, its cells
     * measured at once and its mask kept on disk, with its reporter read-out when {@code ktr} is given (with each
     * cell's cytoplasm from {@code cytoplasm}'s cells when that is not null); the first frame that fails fails the job
     * with its index and reason.
     */
    private static Segmented segmentFrames(JobContext ctx, FrameMasks source, TrackingPayload p,
                                           List<Path> files, Path work, KtrMeasurer ktr, int reporter,
                                           Map<Integer, List<KtrCell>> ktrCells, KtrCytoplasm cytoplasm)
            throws Exception {
        SpotCollector spots = new SpotCollector();
        Path masks = Files.createDirectories(work.resolve("masks"));
        LabelFrame last = null;
        int total = p.perFrameImages() ? files.size() : 0;
        int t = 0;
        try (SeriesFrames series = SeriesInputs.open(p, files)) {
            total = series.count();
            if (total < 2) {
                throw new JobFailedException("tracking.too-few-frames", "The series has " + total + " frame(s);"
                        + " tracking needs 2 or more.", false);
            }
            for (; t < total; t++) {
                ctx.checkCancelled();
                ctx.progress(new JobProgress(source.start() + (0.95 - source.start()) * t / total, source.verb()
                        + " frame " + (t + 1) + " of " + total, Map.of("frames", (double) t)));
                List<FloatPlane> channels = series.read(t);
                Path mask = masks.resolve(t + ".tif");
                source.write(t, channels, mask);
                LabelImage labels = new LabelImageReader().read(mask);
                if (ktr != null) {
                    if (reporter >= channels.size()) {
                        throw SeriesInputs.frameFailed("tracking.ktr-channel", t, total, "it has " + channels.size()
                                + " channel(s), so no reporter channel " + reporter + ".");
                    }
                    float[] reporterPixels = channels.get(reporter).pixels();
                    ktrCells.put(t, cytoplasm == null ? ktr.measure(labels, reporterPixels)
                            : ktr.measure(labels, reporterPixels, cytoplasm.cells(t, channels, labels)));
                }
                last = new LabelFrame(t, labels, channels.get(0).pixels());
                spots.add(last);
                LOG.debugf("frame %d of %d: %d cells", t + 1, total, labels.maxLabel());
            }
        } catch (CancellationException e) {
            ctx.checkCancelled(); // stopped between tiles: report the cancellation as such
            throw e;
        } catch (SegmentationException e) {
            throw SeriesInputs.frameFailed(e.code(), t, total, e.getMessage());
        } catch (ImageRejectedException e) {
            throw SeriesInputs.frameFailed(e.code(), t, total, "it cannot be read: " + e.getMessage());
        }
        return new Segmented(spots, last, masks);
    }

    private static Map<String, Object> summary(int frames, TrackingResult result, GrowthAnalysis.Report growth) {
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("frames", frames);
        int[] cells = new int[frames];
        result.spots().forEach(s -> cells[s.frame()]++);
        overall.put("cellsPerFrame", Arrays.stream(cells).boxed().toList());
        overall.put("cells", result.spots().size());
        overall.put("tracks", result.lineage().tracks().size());
        overall.put("divisions", result.lineage().divisions());
        overall.put("likelyMergeFraction", Math.round(growth.likelyMergeFraction() * 10_000) / 10_000.0);
        return overall;
    }

    /**
     * The paper's merge check: cells whose area grew by 30% or more since the previous frame, overall and per frame,
     * as fractions of the cells with a predecessor.
     */
    private static Map<String, Object> mergeCheck(GrowthAnalysis.Report growth) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("areaGrowthThreshold", GrowthAnalysis.MERGE_GROWTH);
        check.put("cellsWithPredecessor", growth.cellsWithPredecessor());
        check.put("likelyMerges", growth.likelyMerges());
        check.put("likelyMergeFraction", growth.likelyMergeFraction());
        check.put("perFrame", growth.frames().stream().map(TrackingHandler::frameMergeCheck).toList());
        return check;
    }

    /** One frame's merge check, its keys in a fixed order (the report is the same bytes on any JVM). */
    private static Map<String, Object> frameMergeCheck(GrowthAnalysis.FrameSummary f) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("frame", f.frame());
        frame.put("cells", f.cells());
        frame.put("cellsWithPredecessor", f.withPredecessor());
        frame.put("likelyMerges", f.likelyMerges());
        frame.put("likelyMergeFraction", f.likelyMergeFraction());
        return frame;
    }

    /**
     * Stores the scratch folder's results: the CTC files under {@code ctc/}, the figures under {@code figures/},
     * then the tables and the report.
     */
    private void store(JobContext ctx, Path work, Map<String, Object> report, boolean ktr, boolean scores)
            throws IOException {
        for (String dir : List.of("ctc", TrackingFigures.DIR)) {
            try (Stream<Path> files = Files.list(work.resolve(dir))) {
                for (Path f : files.sorted().toList()) {
                    copy(f, ctx, dir + "/" + f.getFileName());
                }
            }
        }
        for (String table : List.of("tracks.csv", "growth.csv", "merges.csv")) {
            copy(work.resolve(table), ctx, table);
        }
        if (ktr) {
            copy(work.resolve("ktr.csv"), ctx, "ktr.csv");
        }
        if (scores) {
            copy(work.resolve(GroundTruthScoring.CSV), ctx, GroundTruthScoring.CSV);
        }
        ctx.outputs().write("report.json", json.writeValueAsBytes(report));
    }

    private static void copy(Path file, JobContext ctx, String name) throws IOException {
        try (OutputStream out = ctx.outputs().open(name)) {
            Files.copy(file, out);
        }
    }
}
