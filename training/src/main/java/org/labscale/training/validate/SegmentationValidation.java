package org.labscale.training.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.postprocess.ClassicalNuclei;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.training.data.TrainingImage;

/**
 * Validation of the whole method on the held-out images: the exported ensemble (averaged softmax, ONNX Runtime, as
 * the segmentation jobs run it), the segmentation module's {@link PostProcessor}, and per-cell Jaccard and Dice
 * against the reference cells of each image's class map ({@link ClassMapCells}) by {@link InstanceScoring} (Van
 * Valen et al. 2016). {@link #predict} runs the ensemble once per image; {@link #score} post-processes with one
 * setting, {@link #select} with every setting of a {@link PostProcessingSelection}. Each held-out image goes through
 * the net whole (its channels are already normalised), so images above {@link #MAX_PIXELS} are left out to bound
 * native memory.
 */
public final class SegmentationValidation {

    /** Largest held-out image scored, in pixels (a 2048 x 2048 image). */
    public static final long MAX_PIXELS = 2048L * 2048L;

    private final int threads;

    /** @param threads ONNX Runtime intra-op threads */
    public SegmentationValidation(int threads) {
        this.threads = threads;
    }

    /**
     * Pooled scores (cell-weighted means over the images) with {@code settings}, as a segmentation job with these
     * settings would run, or empty when no image qualifies.
     *
     * @param members ONNX bytes of the ensemble's members
     * @param images  held-out images with their class maps
     */
    public Optional<ImageScores> score(List<byte[]> members, List<TrainingImage> images, PostProcessing settings)
            throws SegmentationException {
        PostProcessor post = new PostProcessor(settings);
        List<ImageScores> scores = new ArrayList<>();
        int n = predict(members, images, (maps, reference) -> scores.add(InstanceScoring.score(reference,
                post.cells(maps))));
        return n == 0 ? Optional.empty() : Optional.of(ImageScores.pool(scores));
    }

    /**
     * Every setting of {@code selection} on the held-out images (the ensemble runs once per image), then its choice;
     * empty when no image qualifies. An image with a {@link TrainingImage#nuclearMarker() nuclear marker} brings the
     * seeds a segmentation job would find in it ({@link ClassicalNuclei}), for the ACTIVE_CONTOURS settings.
     */
    public Optional<PostProcessingSelection.Selection> select(List<byte[]> members, List<TrainingImage> images,
                                                              PostProcessingSelection selection)
            throws SegmentationException {
        int n = predict(members, images, (image, maps, reference) -> selection.add(maps, reference,
                image.nuclearMarker() == null ? null
                        : minArea -> new ClassicalNuclei(minArea).segment(image.nuclearMarker())));
        return n == 0 ? Optional.empty() : Optional.of(selection.select());
    }

    /** Receives one held-out image with its ensemble probability maps and reference cells. */
    @FunctionalInterface
    public interface Scored {
        void accept(TrainingImage image, ProbabilityMaps maps, LabelImage reference);
    }

    /**
     * Runs the ensemble once on each held-out image of at most {@link #MAX_PIXELS} pixels and hands its probability
     * maps and reference cells ({@link ClassMapCells}) to {@code consumer}, one image at a time (the maps are not
     * kept). Nothing runs when the nets have no interior class.
     *
     * @return how many images were handed over
     */
    public int predict(List<byte[]> members, List<TrainingImage> images,
                       BiConsumer<ProbabilityMaps, LabelImage> consumer) throws SegmentationException {
        return predict(members, images, (image, maps, reference) -> consumer.accept(maps, reference));
    }

    /** {@link #predict(List, List, BiConsumer)} that also hands over each image. */
    public int predict(List<byte[]> members, List<TrainingImage> images, Scored consumer)
            throws SegmentationException {
        List<TrainingImage> scored = images.stream().filter(i -> i.pixels() <= MAX_PIXELS).toList();
        if (scored.isEmpty() || members.isEmpty() || !hasInterior(ModelMetadata.read(members.get(0)).classes())) {
            return 0;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("labscale-validation");
            List<ModelMember> files = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                Path file = dir.resolve("member-" + m + ".onnx");
                Files.write(file, members.get(m));
                files.add(ModelMember.trusting(file));
            }
            try (EnsembleModel model = EnsembleModel.open(files, new InferenceSettings(threads, 512, false, 0, 1,
                    true))) {
                for (TrainingImage image : scored) {
                    consumer.accept(image, maps(model, image), reference(image));
                }
            }
            return scored.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the members for validation", e);
        } finally {
            delete(dir);
        }
    }

    private static ProbabilityMaps maps(EnsembleModel model, TrainingImage image) throws SegmentationException {
        int w = image.width();
        int h = image.height();
        int c = image.channels().length;
        float[] input = new float[c * w * h];
        for (int ch = 0; ch < c; ch++) {
            System.arraycopy(image.channels()[ch], 0, input, ch * w * h, w * h);
        }
        float[] p = model.predict(input, 1, h, w);
        List<String> classes = model.metadata().classes();
        float[][] planes = new float[classes.size()][];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = new float[w * h];
            System.arraycopy(p, k * w * h, planes[k], 0, w * h);
        }
        return new ProbabilityMaps(w, h, classes, planes);
    }

    private static LabelImage reference(TrainingImage image) {
        int[] classMap = new int[image.width() * image.height()]; // at most MAX_PIXELS
        for (int i = 0; i < classMap.length; i++) {
            classMap[i] = image.classes()[i];
        }
        return ClassMapCells.of(LabelImage.of(image.width(), image.height(), classMap));
    }

    private static boolean hasInterior(List<String> classes) {
        return classes.stream().anyMatch(c -> c.equals(ProbabilityMaps.INTERIOR)
                || c.startsWith(ProbabilityMaps.INTERIOR_PREFIX));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
