package org.labscale.worker.handler.segmentation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.bioimageio.run.BioimageioModel;
import org.labscale.bioimageio.run.BioimageioSegmenter;
import org.labscale.bioimageio.run.RunSpec;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.output.OutputNames;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.ReferenceCells;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.tracking.plot.CellTypeScoreHistogram;
import org.labscale.tracking.plot.Figures;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.device.ComputeDevices;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@link JobKind#SEGMENTATION} jobs with the {@code segmentation} library. The lease names the inputs
 * ({@code model/<versionId>/member-<i>.onnx}, {@code image/<imageId>}, {@code mask/<imageId>} where a reference
 * exists) and its context resolves the model version(s), the images and their reference kinds. The ensemble is loaded
 * once (members verified by SHA-256; the CUDA provider when this worker's ONNX Runtime and GPU have it); then each
 * image is segmented on its own: a failure (channels that do not fit the model, an image too small or corrupt, an
 * image deleted while queued or whose stored file no longer has its hash) is listed for that image and the others go
 * on; a store that does not answer fails the attempt (retried). Per image it writes the outputs the payload asks for
 * under {@code <imageId>/}, then {@code scores.json} (per image and pooled) and {@code report.json} (model, device,
 * settings, every image). A model trained at a pixel size segments each image that has one at that size and maps
 * the cells back ({@link ImageSegmenter}); the image's entry says by which {@code scaleFactor} (and
 * {@code nuclearScaleFactor} for an ACTIVE_CONTOURS nuclear model trained at a pixel size). A model with several
 * cell types (interior classes) also gets
 * {@value #TYPE_SCORES}{@code .png} and {@code .csv}: the histogram of every segmented cell's classification score by
 * type (the paper's Fig 5c). A model that cannot be used (a member altered in storage or on disk, unreadable, members
 * that disagree) fails the whole job at once, not retried, before any output is written: no image could succeed.
 */
@ApplicationScoped
public class SegmentationHandler implements JobHandler {

    /** Per-image entries in the job result; beyond this only counts (report.json lists every image). */
    static final int MAX_RESULT_IMAGES = 200;

    /** The cell-type score histogram's outputs, without extension. */
    static final String TYPE_SCORES = "figures/cell-type-scores";
    static final int TYPE_SCORE_BINS = 20;

    private static final Logger LOG = Logger.getLogger(SegmentationHandler.class);

    private final ObjectMapper json;
    private final int threads;
    private final BooleanSupplier cuda;

    @Inject
    public SegmentationHandler(ObjectMapper json, ComputeDevices devices) {
        this(json, Runtime.getRuntime().availableProcessors(), devices::segmentationOnCuda);
    }

    /** On the CPU. @param threads ONNX Runtime intra-op threads (tests use 1) */
    public SegmentationHandler(ObjectMapper json, int threads) {
        this(json, threads, () -> false);
    }

    /** @param cuda whether to ask ONNX Runtime for CUDA (decided once per worker, {@link ComputeDevices}) */
    public SegmentationHandler(ObjectMapper json, int threads, BooleanSupplier cuda) {
        this.json = json;
        this.threads = threads;
        this.cuda = cuda;
    }

    @Override
    public JobKind kind() {
        return JobKind.SEGMENTATION;
    }

    @Override
    public Map<String, Object> run(JobContext ctx) throws Exception {
        SegmentationPayload p = ctx.payload(SegmentationPayload.class).withDefaults();
        Map<String, Object> context = ctx.context();
        ModelVersionDto model = EnsembleInputs.modelVersion(json, context.get("model"), "model", p.modelId());
        boolean contours = p.postProcessing().method() == PostProcessingMethod.ACTIVE_CONTOURS;
        // ACTIVE_CONTOURS without a nuclear model: the nuclei come from the model's own nuclear channel.
        ModelVersionDto nuclear = contours && p.nuclearModelId() != null ? EnsembleInputs.modelVersion(json,
                context.get("nuclearModel"), "nuclear model", p.nuclearModelId()) : null;
        List<ImageDto> images = json.convertValue(context.getOrDefault("images", List.of()),
                json.getTypeFactory().constructCollectionType(List.class, ImageDto.class));
        Map<String, Map<String, Object>> references = json.convertValue(context.getOrDefault("references",
                Map.of()), json.getTypeFactory().constructMapType(Map.class, json.getTypeFactory()
                .constructType(String.class), json.getTypeFactory().constructMapType(Map.class, String.class,
                Object.class)));
        InferenceSettings settings = EnsembleInputs.settings(threads, cuda.getAsBoolean());
        Path work = Files.createTempDirectory("segmentation-" + ctx.jobId());
        RunSpec imported = ImportedModels.spec(json, model); // a bioimage.io package: no Labscale ensemble
        try (EnsembleModel ensemble = imported != null ? null : EnsembleInputs.open(ctx, model, settings);
             BioimageioModel bioimageio = imported == null ? null : ImportedModels.open(ctx, model, imported, threads);
             EnsembleModel nuclearEnsemble = nuclear == null ? null : EnsembleInputs.open(ctx, nuclear, settings)) {
            OneImage segmenter;
            if (imported != null) {
                BioimageioSegmenter one = new BioimageioSegmenter(bioimageio, p.postProcessing());
                segmenter = (channels, map, outputs, reference, out, pixelSize) -> one.segment(channels, map,
                        outputs, reference, out);
            } else {
                segmenter = new ImageSegmenter(ensemble, nuclearEnsemble, p.postProcessing(),
                        ctx::isCancelled)::segment;
            }
            Double modelPixelSize = ensemble == null ? null : ensemble.metadata().pixelSizeUm();
            List<UUID> wanted = wantedImages(p, images);
            Map<UUID, ImageDto> byId = new LinkedHashMap<>();
            images.forEach(i -> byId.put(i.id(), i));
            List<Map<String, Object>> entries = new ArrayList<>();
            List<ImageScores> scored = new ArrayList<>();
            List<String> cellTypes = (ensemble == null ? List.<String>of() : ensemble.metadata().classes()).stream()
                    .filter(c -> c.startsWith(ProbabilityMaps.INTERIOR_PREFIX))
                    .map(c -> c.substring(ProbabilityMaps.INTERIOR_PREFIX.length())).toList();
            List<CellTypeScoreHistogram.Cell> typed = new ArrayList<>();
            int done = 0;
            for (UUID id : wanted) {
                ctx.checkCancelled();
                ctx.progress(new JobProgress((double) done / wanted.size(), "image " + (done + 1) + " of "
                        + wanted.size(), Map.of("images", (double) done)));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("imageId", id.toString());
                ImageDto image = byId.get(id);
                long t0 = System.nanoTime();
                try {
                    if (image == null) {
                        throw new SegmentationException("segmentation.image-deleted", "The image was deleted after"
                                + " the job was submitted.");
                    }
                    entry.put("name", image.name());
                    recordScale(entry, image, modelPixelSize, ensemble == null ? 1
                            : ImageSegmenter.factor(image.pixelSizeUm(), ensemble));
                    if (nuclearEnsemble != null && nuclearEnsemble.metadata().pixelSizeUm() != null) {
                        entry.put("nuclearScaleFactor", round(ImageSegmenter.factor(image.pixelSizeUm(),
                                nuclearEnsemble)));
                    }
                    ImageSegmenter.Result r = segmentOne(ctx, segmenter, p, image, references.get(id.toString()),
                            work.resolve(id.toString()));
                    for (String file : r.files()) {
                        copy(work.resolve(id.toString()).resolve(file), ctx, id + "/" + file);
                    }
                    entry.put("status", "SUCCEEDED");
                    entry.put("cells", r.cells());
                    r.cellTypes().forEach(c -> typed.add(new CellTypeScoreHistogram.Cell(c.className(), c.score())));
                    if (r.scores() != null && p.score()) {
                        entry.put("scores", summary(r.scores()));
                        scored.add(r.scores());
                    }
                } catch (CancellationException e) {
                    ctx.checkCancelled(); // stopped between tiles: report the cancellation as such
                    throw e;
                } catch (SegmentationException e) {
                    failed(entry, e.code(), e.getMessage());
                } catch (ImageRejectedException e) {
                    failed(entry, e.code(), "The image cannot be read: " + e.getMessage());
                } catch (ContentCache.IntegrityException e) {
                    failed(entry, "segmentation.image-changed", "The stored image file no longer matches the one"
                            + " uploaded (its SHA-256 differs), so it was not used: " + e.getMessage());
                } catch (IOException e) {
                    if (!EnsembleInputs.isGone(e)) {
                        throw e; // the store did not answer: the job is retried
                    }
                    failed(entry, "segmentation.image-deleted", "The image was deleted while the job was queued or"
                            + " running.");
                } finally {
                    entry.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
                    EnsembleInputs.deleteTree(work.resolve(id.toString()));
                }
                LOG.infof("image %s: %s", id, entry.get("status"));
                entries.add(entry);
                done++;
            }
            ctx.checkCancelled();
            long succeeded = entries.stream().filter(e -> "SUCCEEDED".equals(e.get("status"))).count();
            if (succeeded == 0 && !entries.isEmpty()) {
                Map<?, ?> error = (Map<?, ?>) entries.get(0).get("error");
                throw new JobFailedException(String.valueOf(error.get("code")), "No image could be segmented; the"
                        + " first failed with: " + error.get("message"), false);
            }
            Map<String, Object> overall = new LinkedHashMap<>();
            overall.put("images", entries.size());
            overall.put("succeeded", succeeded);
            overall.put("failed", entries.size() - succeeded);
            overall.put("cells", entries.stream().mapToInt(e -> (Integer) e.getOrDefault("cells", 0)).sum());
            if (!scored.isEmpty()) {
                overall.put("scores", summary(ImageScores.pool(scored)));
            }
            Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("overall", overall.get("scores"));
            scores.put("images", entries.stream().filter(e -> e.containsKey("scores"))
                    .map(e -> Map.of("imageId", e.get("imageId"), "scores", e.get("scores"))).toList());
            ctx.outputs().write(OutputNames.SCORES, json.writeValueAsBytes(scores));
            if (cellTypes.size() > 1) {
                CellTypeScoreHistogram histogram = new CellTypeScoreHistogram(cellTypes, typed, TYPE_SCORE_BINS);
                ctx.outputs().write(TYPE_SCORES + ".png", Figures.png(histogram));
                ctx.outputs().write(TYPE_SCORES + ".csv", Figures.csv(histogram).getBytes(StandardCharsets.UTF_8));
                overall.put("figures", List.of(TYPE_SCORES + ".png", TYPE_SCORES + ".csv"));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            Map<String, Object> modelEntry = new LinkedHashMap<>(Map.of("modelId", model.modelId().toString(),
                    "version", model.version(), "members", model.members().size()));
            if (modelPixelSize != null) {
                modelEntry.put("pixelSizeUm", modelPixelSize);
            }
            report.put("model", modelEntry);
            if (nuclear != null) {
                Map<String, Object> nuclearEntry = new LinkedHashMap<>(Map.of("modelId",
                        nuclear.modelId().toString(), "version", nuclear.version()));
                if (nuclearEnsemble != null && nuclearEnsemble.metadata().pixelSizeUm() != null) {
                    nuclearEntry.put("pixelSizeUm", nuclearEnsemble.metadata().pixelSizeUm());
                }
                report.put("nuclearModel", nuclearEntry);
            }
            report.put("device", ensemble != null ? ensemble.device() : "CPU"); // imported models run on the CPU
            report.put("postProcessing", p.postProcessing());
            report.put("tileSize", settings.tileSize());
            report.put("images", entries);
            report.put("overall", overall);
            ctx.outputs().write(OutputNames.REPORT, json.writeValueAsBytes(report));
            ctx.progress(new JobProgress(1.0, "done", Map.of("images", (double) entries.size())));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("images", entries.size() <= MAX_RESULT_IMAGES ? entries
                    : entries.subList(0, MAX_RESULT_IMAGES));
            if (entries.size() > MAX_RESULT_IMAGES) {
                result.put("imagesOmitted", entries.size() - MAX_RESULT_IMAGES);
            }
            result.put("overall", overall);
            return result;
        } finally {
            EnsembleInputs.deleteTree(work);
        }
    }

    /** One image through a Labscale ensemble ({@link ImageSegmenter}) or an imported model. */
    @FunctionalInterface
    private interface OneImage {
        ImageSegmenter.Result segment(List<FloatPlane> channels, Map<String, Integer> channelMap,
                                      java.util.Set<org.labscale.shared.segmentation.SegmentationOutput> outputs,
                                      LabelImage reference, Path outDir, Double imagePixelSizeUm)
                throws SegmentationException, IOException;
    }

    /**
     * Writes how much the image is enlarged to the model's pixel size ({@code factor}, {@link ImageSegmenter#factor})
     * into the image's entry as {@code scaleFactor} when the model has a pixel size, with a {@code scaleNote} when the
     * image has none.
     */
    static void recordScale(Map<String, Object> entry, ImageDto image, Double modelPixelSize, double factor) {
        if (modelPixelSize == null) {
            return;
        }
        entry.put("scaleFactor", round(factor));
        Double own = image.pixelSizeUm();
        if (own == null || !(own > 0)) {
            entry.put("scaleNote", "The image has no pixel size, so it was segmented as it is, not resampled to the"
                    + " model's " + modelPixelSize + " um per pixel.");
        }
    }

    private ImageSegmenter.Result segmentOne(JobContext ctx, OneImage segmenter, SegmentationPayload p,
                                             ImageDto image, Map<String, Object> reference, Path out)
            throws Exception {
        String name = "image/" + image.id();
        Path file = ctx.input(name, EnsembleInputs.hash(ctx, name, image.sha256()));
        List<FloatPlane> channels = new ArrayList<>();
        PageMode mode = image.pageMode() == null ? PageMode.CHANNELS : PageMode.valueOf(image.pageMode().name());
        try (ImageFile opened = ImageFile.open(file, mode)) {
            for (int c = 0; c < opened.info().channels(); c++) {
                channels.add(opened.readPlane(c, 0));
            }
        }
        LabelImage cells = null;
        String maskName = "mask/" + image.id();
        if (p.score() && reference != null && ctx.inputs().containsKey(maskName)) {
            LabelImage mask = new LabelImageReader().read(ctx.input(maskName,
                    EnsembleInputs.hash(ctx, maskName, null)));
            cells = ReferenceCells.of(mask, ReferenceCells.Kind.valueOf(String.valueOf(
                    reference.get("annotationKind"))));
        }
        return segmenter.segment(channels, p.channelMap(), p.outputs(), cells, out, image.pixelSizeUm());
    }

    /** The images in payload order; for a project or training set, the images the lease resolved. */
    private static List<UUID> wantedImages(SegmentationPayload p, List<ImageDto> images) {
        if (p.imageIds() != null && !p.imageIds().isEmpty()) {
            return p.imageIds();
        }
        return images.stream().map(ImageDto::id).toList();
    }

    private static Map<String, Object> summary(ImageScores s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("referenceCells", s.referenceCells());
        out.put("segmentedCells", s.segmentedCells());
        out.put("meanJaccard", round(s.meanJaccard()));
        out.put("meanDice", round(s.meanDice()));
        out.put("f1", round(s.f1()));
        out.put("countRatio", round(s.countRatio()));
        out.put("precision", round(s.precision()));
        out.put("recall", round(s.recall()));
        out.put("seg", round(s.seg()));
        out.put("neighbourPairs", s.neighbourPairs());
        out.put("mergedPairs", s.mergedPairs());
        out.put("mergedPairFraction", round(s.mergedPairFraction()));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static void failed(Map<String, Object> entry, String code, String message) {
        entry.put("status", "FAILED");
        entry.put("error", Map.of("code", code, "message", message == null ? code : message));
    }

    private static void copy(Path file, JobContext ctx, String name) throws IOException {
        try (OutputStream out = ctx.outputs().open(name)) {
            Files.copy(file, out);
        }
    }
}
