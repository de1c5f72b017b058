package org.labscale.segmentation;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageEncoder;
import org.labscale.imaging.resample.PixelSizeResampler;
import org.labscale.segmentation.inference.ChannelMapping;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.TiledInference;
import org.labscale.segmentation.measure.CellMeasurement;
import org.labscale.segmentation.measure.CellMeasurer;
import org.labscale.segmentation.measure.CellTableCsv;
import org.labscale.segmentation.output.OutputNames;
import org.labscale.segmentation.output.OverlayRenderer;
import org.labscale.segmentation.output.ProbabilityTiff;
import org.labscale.segmentation.postprocess.CellTypeClassifier;
import org.labscale.segmentation.postprocess.ClassicalNuclei;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.shared.segmentation.SegmentationOutput;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Segments one image end to end: channel selection, tiled ensemble inference, post-processing (for ACTIVE_CONTOURS
 * the nuclear model first, its nuclei seeding the cytoplasm), cell classes and scores, measurements, and the output
 * files in a folder; for a model trained at a pixel size, at that pixel size and back to the image's. Framework-free;
 * a worker calls it once per image.
 */
public final class ImageSegmenter {

    private static final String NUCLEAR_ROLE = SegmentationPayload.NUCLEAR_ROLE;

    /** The image cannot be resampled to the model's pixel size (a factor out of range, or too large once enlarged). */
    public static final String IMAGE_TOO_LARGE = "segmentation.image-too-large";

    /**
     * What one image gave. {@code scores} is null without a reference; {@code files} are relative names;
     * {@code cellTypes} the class and classification score of every label 1..{@code cells}.
     */
    public record Result(int cells, ImageScores scores, List<String> files, String device,
                         List<CellTypeClassifier.CellClass> cellTypes) {
    }

    private final EnsembleModel model;
    private final EnsembleModel nuclearModel;
    private final PostProcessor post;
    private final BooleanSupplier cancelled;

    /**
     * @param nuclearModel for ACTIVE_CONTOURS, the model whose cells seed the cytoplasm; null: the seeds come from the
     *                     channel {@code model} reads as {@value #NUCLEAR_ROLE} ({@link ClassicalNuclei})
     */
    public ImageSegmenter(EnsembleModel model, EnsembleModel nuclearModel, PostProcessing settings) {
        this(model, nuclearModel, settings, () -> false);
    }

    /**
     * @param cancelled checked between tiles: when true, {@link #segment} throws
     *                  {@link java.util.concurrent.CancellationException}
     */
    public ImageSegmenter(EnsembleModel model, EnsembleModel nuclearModel, PostProcessing settings,
                          BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        this.model = Objects.requireNonNull(model, "model");
        this.post = new PostProcessor(settings);
        if (post.settings().method() == PostProcessingMethod.ACTIVE_CONTOURS && nuclearModel == null
                && !model.metadata().channels().contains(NUCLEAR_ROLE)) {
            throw new IllegalArgumentException("ACTIVE_CONTOURS needs nuclear seeds: a nuclear model, or a model"
                    + " that reads a '" + NUCLEAR_ROLE + "' channel");
        }
        this.nuclearModel = nuclearModel;
    }

    /**
     * @param imageChannels every channel of the image (raw intensities), all the same size
     * @param channelMap    model channel role to image channel (null: role i reads channel i)
     * @param reference     reference cells for scoring (see {@code ReferenceCells}), or null
     * @param outDir        where the files go (created)
     */
    public Result segment(List<FloatPlane> imageChannels, Map<String, Integer> channelMap,
                          Set<SegmentationOutput> outputs, LabelImage reference, Path outDir)
            throws SegmentationException, IOException {
        return segment(imageChannels, channelMap, outputs, reference, outDir, null);
    }

    /**
     * The same at the models' pixel sizes: for a model trained at one, the channels it reads are resampled by
     * {@link #scaleFactor} (the image's pixel size over the model's, {@link PixelSizeResampler}), the ensemble and the
     * post-processing run at the model's scale (object-size limits learnt in its pixels apply there), then the cells
     * (nearest neighbour) and the probability maps are brought back to the image's own pixels, where outputs,
     * measurements and scores are. The nuclear model of ACTIVE_CONTOURS runs at its own pixel size likewise, and its
     * probability maps are brought to the cytoplasm model's scale before they are thresholded into seeds. Every job
     * that segments with a Labscale ensemble (SEGMENTATION, TRACKING, TRACKING_FRAMES) comes through here.
     *
     * @param imagePixelSizeUm the image's micrometres per pixel; null: unknown, the image is used as it is
     * @throws SegmentationException {@value #IMAGE_TOO_LARGE} when the image cannot be resampled to a model's size
     */
    public Result segment(List<FloatPlane> imageChannels, Map<String, Integer> channelMap,
                          Set<SegmentationOutput> outputs, LabelImage reference, Path outDir, Double imagePixelSizeUm)
            throws SegmentationException, IOException {
        List<String> roles = model.metadata().channels();
        List<List<String>> jobRoles = nuclearModel == null ? List.of(roles)
                : List.of(roles, nuclearModel.metadata().channels());
        List<FloatPlane> input = select(imageChannels, roles, jobRoles, channelMap);
        int width = input.get(0).width();
        int height = input.get(0).height();
        if (reference != null && (reference.width() != width || reference.height() != height)) {
            throw new SegmentationException(SegmentationException.CHANNELS_MISMATCH, "The reference mask is "
                    + reference.width() + " x " + reference.height() + " but the image " + width + " x " + height
                    + ".");
        }
        double factor = scaleFactor(imagePixelSizeUm);
        List<FloatPlane> atModelScale = atScale(imageChannels, roles, jobRoles, channelMap, factor, "model");
        List<FloatPlane> modelInput = select(atModelScale, roles, jobRoles, channelMap);
        ProbabilityMaps maps = new TiledInference(model, cancelled).run(modelInput);
        LabelImage cells;
        if (post.settings().method() == PostProcessingMethod.ACTIVE_CONTOURS) {
            cells = post.cytoplasm(maps, nuclei(imageChannels, roles, modelInput, jobRoles, channelMap,
                    imagePixelSizeUm));
        } else {
            cells = post.cells(maps);
        }
        if (!PixelSizeResampler.identity(factor)) {
            cells = PixelSizeResampler.instances(cells, width, height);
            maps = resampled(maps, width, height);
        }
        return finish(input, roles, maps, cells, outputs, reference, outDir, model.device());
    }

    /** How much an image of {@code imagePixelSizeUm} is resampled for the (cytoplasm) model; see {@link #factor}. */
    public double scaleFactor(Double imagePixelSizeUm) {
        return factor(imagePixelSizeUm, model);
    }

    /**
     * The image's pixel size over the model's ({@link PixelSizeResampler#factor}); 1 (the image as it is) when either
     * has none.
     */
    public static double factor(Double imagePixelSizeUm, EnsembleModel model) {
        Double modelSize = model.metadata().pixelSizeUm();
        if (imagePixelSizeUm == null || !(imagePixelSizeUm > 0) || modelSize == null) {
            return 1;
        }
        return PixelSizeResampler.factor(imagePixelSizeUm, modelSize);
    }

    /**
     * Cells of ACTIVE_CONTOURS grown from {@code nuclei} over {@code model}'s maps of {@code input} (its channels, in
     * its order), at the model's pixel size as {@link #segment} runs a model: input and seeds resampled by
     * {@link #factor}, the cells brought back to the image's pixels (renumbered in order: match them to the nuclei by
     * overlap). For a job that brings its own seeds (a TRACKING job's KTR cytoplasm model).
     *
     * @throws SegmentationException {@value #IMAGE_TOO_LARGE} when the image cannot be resampled to the model's size
     */
    public static LabelImage cytoplasm(EnsembleModel model, PostProcessor post, List<FloatPlane> input,
                                       LabelImage nuclei, Double imagePixelSizeUm, BooleanSupplier cancelled)
            throws SegmentationException {
        double factor = factor(imagePixelSizeUm, model);
        List<FloatPlane> scaled = resampled(input, factor, "cytoplasm model");
        if (scaled == input) {
            return post.cytoplasm(new TiledInference(model, cancelled).run(input), nuclei);
        }
        int width = input.get(0).width();
        int height = input.get(0).height();
        LabelImage seeds = PixelSizeResampler.instances(nuclei, scaled.get(0).width(), scaled.get(0).height());
        LabelImage cells = post.cytoplasm(new TiledInference(model, cancelled).run(scaled), seeds);
        return PixelSizeResampler.instances(cells, width, height);
    }

    /**
     * The image's channels that {@code roles} read, resampled by {@code factor} (the others null); the channels as they
     * are for a factor of 1.
     */
    private static List<FloatPlane> atScale(List<FloatPlane> channels, List<String> roles, List<List<String>> jobRoles,
                                            Map<String, Integer> channelMap, double factor, String whose)
            throws SegmentationException {
        if (PixelSizeResampler.identity(factor)) {
            return channels;
        }
        List<FloatPlane> out = new ArrayList<>(java.util.Collections.nCopies(channels.size(), (FloatPlane) null));
        for (int i : ChannelMapping.indices(roles, jobRoles, channelMap, channels.size())) {
            out.set(i, channels.get(i));
        }
        return resampled(out, factor, whose);
    }

    /**
     * The planes (null ones stay null) resampled by {@code factor}; {@code planes} itself for a factor of 1.
     *
     * @throws SegmentationException {@value #IMAGE_TOO_LARGE} naming {@code whose} pixel size
     */
    private static List<FloatPlane> resampled(List<FloatPlane> planes, double factor, String whose)
            throws SegmentationException {
        if (PixelSizeResampler.identity(factor)) {
            return planes;
        }
        FloatPlane first = planes.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        String refusal = PixelSizeResampler.refusal(first.width(), first.height(), factor).orElse(null);
        if (refusal != null) {
            throw new SegmentationException(IMAGE_TOO_LARGE, "The image cannot be brought to the " + whose
                    + "'s pixel size: " + refusal + ".");
        }
        int w = (int) PixelSizeResampler.size(first.width(), factor);
        int h = (int) PixelSizeResampler.size(first.height(), factor);
        List<FloatPlane> out = new ArrayList<>();
        for (FloatPlane plane : planes) {
            out.add(plane == null ? null : PixelSizeResampler.intensities(plane, w, h));
        }
        return out;
    }

    /** The maps at {@code width x height}, each class interpolated as an intensity. */
    private static ProbabilityMaps resampled(ProbabilityMaps maps, int width, int height) {
        float[][] planes = new float[maps.planes().length][];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = PixelSizeResampler.intensities(new FloatPlane(maps.width(), maps.height(), maps.planes()[k]),
                    width, height).pixels();
        }
        return new ProbabilityMaps(width, height, maps.classes(), planes);
    }

    /**
     * Writes the files a job asked for and scores the cells: the end every segmentation shares, whatever made the
     * probability maps (also an imported bioimage.io model).
     *
     * @param input the model's input channels (raw), for the overlay and the measurements
     * @param roles their channel roles, for the CSV's columns
     */
    public static Result finish(List<FloatPlane> input, List<String> roles, ProbabilityMaps maps, LabelImage cells,
                                Set<SegmentationOutput> outputs, LabelImage reference, Path outDir, String device)
            throws SegmentationException, IOException {
        if (cells.maxLabel() > 65_535) {
            throw new SegmentationException(SegmentationException.INFERENCE_FAILED, "The image has "
                    + cells.maxLabel() + " cells, more than a 16-bit label mask holds (65,535).");
        }
        Files.createDirectories(outDir);
        List<String> files = new ArrayList<>();
        if (outputs.contains(SegmentationOutput.LABELS_TIFF)) {
            files.add(write(outDir, OutputNames.LABELS_TIFF, LabelImageEncoder.labelsTiff16(cells)));
        }
        if (outputs.contains(SegmentationOutput.LABELS_PNG)) {
            files.add(write(outDir, OutputNames.LABELS_PNG, LabelImageEncoder.labelsPng16(cells)));
        }
        if (outputs.contains(SegmentationOutput.OVERLAY)) {
            files.add(write(outDir, OutputNames.OVERLAY, OverlayRenderer.render(input, cells)));
        }
        if (outputs.contains(SegmentationOutput.PROBABILITIES)) {
            ProbabilityTiff.write(maps, outDir.resolve(OutputNames.PROBABILITIES));
            files.add(OutputNames.PROBABILITIES);
        }
        List<CellTypeClassifier.CellClass> types = CellTypeClassifier.classify(cells, maps);
        if (outputs.contains(SegmentationOutput.CSV)) {
            List<CellMeasurement> measured = CellMeasurer.measure(cells, input, types);
            try (Writer out = Files.newBufferedWriter(outDir.resolve(OutputNames.CSV), StandardCharsets.UTF_8)) {
                CellTableCsv.write(measured, roles, out);
            }
            files.add(OutputNames.CSV);
        }
        ImageScores scores = reference == null ? null : InstanceScoring.score(reference, cells);
        return new Result(cells.maxLabel(), scores, files, device, types);
    }

    /**
     * The seeds of ACTIVE_CONTOURS, at the (cytoplasm) model's scale: the nuclear model's cells (the model run at its
     * own pixel size, its maps brought to the model's scale and thresholded there, so {@code minArea} counts the same
     * pixels as for the cells), or without one the nuclei {@link ClassicalNuclei} finds in the channel the model reads
     * as {@value #NUCLEAR_ROLE}.
     */
    private LabelImage nuclei(List<FloatPlane> imageChannels, List<String> roles, List<FloatPlane> input,
                              List<List<String>> jobRoles, Map<String, Integer> channelMap, Double imagePixelSizeUm)
            throws SegmentationException {
        if (nuclearModel == null) {
            return new ClassicalNuclei(post.settings().minArea()).segment(input.get(roles.indexOf(NUCLEAR_ROLE)));
        }
        List<String> nuclearRoles = nuclearModel.metadata().channels();
        double nuclearFactor = factor(imagePixelSizeUm, nuclearModel);
        List<FloatPlane> atNuclearScale = atScale(imageChannels, nuclearRoles, jobRoles, channelMap, nuclearFactor,
                "nuclear model");
        ProbabilityMaps maps = new TiledInference(nuclearModel, cancelled).run(select(atNuclearScale, nuclearRoles,
                jobRoles, channelMap));
        int width = input.get(0).width();
        int height = input.get(0).height();
        if (maps.width() != width || maps.height() != height) {
            maps = resampled(maps, width, height);
        }
        return post.nuclei(maps);
    }

    private static List<FloatPlane> select(List<FloatPlane> channels, List<String> roles, List<List<String>> jobRoles,
                                           Map<String, Integer> map) throws SegmentationException {
        int[] indices = ChannelMapping.indices(roles, jobRoles, map, channels.size());
        List<FloatPlane> out = new ArrayList<>();
        for (int i : indices) {
            out.add(channels.get(i));
        }
        return out;
    }

    private static String write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
        return name;
    }
}
