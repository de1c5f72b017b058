package org.labscale.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.labscale.convnet.onnx.NetWeights;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.model.TrainingQuality;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.quality.LearningCheck;
import org.labscale.training.validate.CellAreas;
import org.labscale.training.validate.CellSizeCheck;
import org.labscale.training.validate.PostProcessingSelection;
import org.labscale.training.validate.SegmentationValidation;

import ai.djl.Device;

/**
 * Trains the payload's ensemble (Van Valen et al. 2016: several independently trained nets whose outputs are
 * averaged), member after member with seeds {@code seed, seed + 1, ...}, checks that they learnt
 * ({@link LearningCheck}: a member that diverged is retrained once with seed {@code seed + ensembleSize + member} and
 * dropped when it diverges again), exports the kept members as ONNX with their provenance, and writes the model card
 * with its {@link TrainingQuality}. Validation metrics on the card: the pixel accuracy and loss of each member's kept epoch,
 * averaged over the kept members, and, when whole images were held out, the post-processing chosen on them
 * ({@link PostProcessingSelection}, ACTIVE_CONTOURS among them when every image carries its nuclear channel's raw
 * plane: the card's {@code recommendedPostProcessing}, which segmentation jobs without settings of their own use) with the per-cell Jaccard and Dice of the ensemble's full segmentation of them, both with
 * the recommended settings and with the defaults ({@link #metrics}); the annotated cells' {@code medianCellDiameter}
 * and {@code receptiveFieldPerCellDiameter}, with a warning when the receptive field is far from one cell diameter
 * ({@link CellSizeCheck}); the pixel size the images were resampled to, if any ({@code pixelSizeUm}: cell sizes,
 * object-size limits and the receptive field are then in pixels of that size).
 */
public final class EnsembleTrainer {

    /**
     * The ONNX members (index = member), the card and every warning for the lab (the card's
     * {@link TrainingQuality#warnings()}: members, held-out images, {@link CellSizeCheck}'s receptive-field rule).
     */
    public record Result(List<byte[]> members, ModelCard card, List<String> warnings) {
    }

    private static final System.Logger LOG = System.getLogger(EnsembleTrainer.class.getName());

    private final TrainingProvenance provenance;
    private final Device device;

    /** @param device null chooses automatically */
    public EnsembleTrainer(TrainingProvenance provenance, Device device) {
        this.provenance = provenance;
        this.device = device;
    }

    /**
     * @param payload with defaults filled in and no problems
     * @param authors who trained it, for the card
     */
    public Result train(TrainingPayload payload, List<TrainingImage> images, List<String> authors,
                        ProgressListener listener, BooleanSupplier cancelled) throws TrainingException {
        return train(payload, images, authors, listener, cancelled, List.of());
    }

    /**
     * @param payload      with defaults filled in and no problems; its {@code pixelSizeUm}, the one {@code images}
     *                     were resampled to (null: none), goes to the card and every member's metadata
     * @param dataWarnings warnings the caller found in the data (e.g. pixel sizes missing), on the card after the
     *                     members' and held-out images' own
     */
    public Result train(TrainingPayload payload, List<TrainingImage> images, List<String> authors,
                        ProgressListener listener, BooleanSupplier cancelled, List<String> dataWarnings)
            throws TrainingException {
        MemberExporter exporter = new MemberExporter(provenance);
        LearningCheck check = new LearningCheck(payload.classes().size());
        int n = payload.ensembleSize();
        List<MemberRun> runs = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            runs.add(trainMember(payload, m, payload.seed() + m, images, listener, cancelled));
        }
        boolean[] diverged = check.diverged(runs.stream().mapToDouble(MemberRun::loss).toArray());
        int[] attempts = new int[n];
        java.util.Arrays.fill(attempts, 1);
        for (int m = 0; m < n; m++) {
            if (diverged[m]) {
                long seed = payload.seed() + n + m; // a seed no first attempt used
                LOG.log(System.Logger.Level.INFO, "Member " + m + " diverged (validation loss " + runs.get(m).loss()
                        + ", chance " + check.chanceLoss() + "); retraining it with seed " + seed);
                listener.retrying(m);
                runs.set(m, trainMember(payload, m, seed, images, listener, cancelled));
                attempts[m] = 2;
            }
        }
        boolean[] still = check.diverged(runs.stream().mapToDouble(MemberRun::loss).toArray());
        boolean dropSome = false;
        boolean keepAny = false;
        for (int m = 0; m < n; m++) {
            dropSome |= still[m] && attempts[m] == 2;
            keepAny |= !(still[m] && attempts[m] == 2);
        }
        List<byte[]> members = new ArrayList<>();
        List<EpochMetrics> curves = new ArrayList<>();
        List<TrainingQuality.MemberCheck> checks = new ArrayList<>();
        double accuracy = 0;
        double loss = 0;
        for (int m = 0; m < n; m++) {
            MemberRun run = runs.get(m);
            boolean drop = dropSome && keepAny && still[m] && attempts[m] == 2;
            checks.add(new TrainingQuality.MemberCheck(m, run.seed(), attempts[m], run.loss(),
                    drop ? TrainingQuality.MemberCheck.DROPPED : check.verdict(run.loss())));
            if (drop) {
                continue;
            }
            int index = members.size();
            members.add(exporter.export(payload, index, run.seed(), run.weights()));
            run.curve().forEach(e -> curves.add(new EpochMetrics(index, e.epoch(), e.trainLoss(),
                    e.validationLoss(), e.perClassAccuracy())));
            accuracy += run.accuracy();
            loss += run.loss();
        }
        int kept = members.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("balancedPixelAccuracy", accuracy / kept);
        metrics.put("validationLoss", loss / kept);
        CellAreas areas = CellAreas.of(images);
        CellSizeCheck.Result sizes = CellSizeCheck.check(areas, payload.resolvedNet().receptiveField());
        if (sizes.cells() > 0) {
            metrics.put("medianCellDiameter", sizes.medianDiameter());
            metrics.put("receptiveFieldPerCellDiameter", sizes.ratio());
        }
        PixelSplit split = MemberTrainer.split(payload, images);
        boolean seeds = !images.isEmpty() && images.stream().allMatch(i -> i.nuclearMarker() != null);
        Optional<PostProcessingSelection.Selection> selection = selectPostProcessing(split, images, members,
                new PostProcessingSelection(areas, seeds));
        selection.ifPresent(chosen -> metrics.putAll(metrics(chosen)));
        Map<String, Object> normalization = new LinkedHashMap<>();
        normalization.put("method", payload.normalization().method());
        normalization.put("window", payload.normalization().window());
        Map<String, Object> cardProvenance = new LinkedHashMap<>(exporter.provenance(payload, 0, payload.seed()));
        cardProvenance.remove("member");
        List<ModelCard.TrainingData> sets = provenance.trainingSets();
        List<String> more = new ArrayList<>(dataWarnings);
        sizes.warning().ifPresent(more::add);
        TrainingQuality quality = withWarnings(quality(check, checks, split, images, selection), more);
        quality.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, payload.classes(), payload.channels(),
                payload.resolvedNet().receptiveField(), normalization, payload.resolvedNet(), kept, curves, metrics,
                sets, authors == null ? List.of() : List.copyOf(authors), payload.licence(), payload.description(),
                cardProvenance, selection.filter(chosen -> chosen.defaults().scores().referenceCells()
                        >= PostProcessingSelection.MIN_CELLS).map(chosen -> chosen.recommended().settings())
                        .orElse(null), quality, payload.pixelSizeUm());
        return new Result(members, card, quality.warnings());
    }

    /** {@code quality} with {@code more} warnings after its own. */
    private static TrainingQuality withWarnings(TrainingQuality quality, List<String> more) {
        if (more.isEmpty()) {
            return quality;
        }
        List<String> all = new ArrayList<>(quality.warnings());
        all.addAll(more);
        return new TrainingQuality(quality.recommended(), quality.chanceLoss(), quality.members(),
                quality.validationImageIds(), quality.trainingImages(), quality.heldOutCells(), all);
    }

    /** One trained member: its weights (exported once the ensemble is decided), curve and kept epoch's figures. */
    private record MemberRun(long seed, NetWeights weights, List<EpochMetrics> curve, double loss, double accuracy) {
    }

    private MemberRun trainMember(TrainingPayload payload, int m, long seed, List<TrainingImage> images,
                                  ProgressListener listener, BooleanSupplier cancelled) throws TrainingException {
        try (MemberTrainer trainer = new MemberTrainer(payload, m, seed, device)) {
            List<EpochMetrics> curve = trainer.train(images, listener, cancelled);
            EpochMetrics kept = curve.get(Math.max(0, trainer.bestEpoch() - 1)); // the epoch it keeps
            double accuracy = kept.perClassAccuracy().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return new MemberRun(seed, trainer.weights(), curve, kept.validationLoss(), accuracy);
        }
    }

    /**
     * The card's {@link TrainingQuality}: the member checks, the held-out images, and warnings about the members
     * ({@link LearningCheck}), a pixel hold-out, and held-out images with too few cells to choose the post-processing.
     */
    private static TrainingQuality quality(LearningCheck check, List<TrainingQuality.MemberCheck> checks,
                                           PixelSplit split, List<TrainingImage> images,
                                           Optional<PostProcessingSelection.Selection> selection) {
        List<String> warnings = new ArrayList<>(check.warnings(checks));
        List<UUID> heldOut = new ArrayList<>();
        int training = images.size();
        Integer cells = null;
        if (split.byImage()) {
            for (int i = 0; i < images.size(); i++) {
                if (split.heldOut(i)) {
                    heldOut.add(imageId(images.get(i)));
                    training--;
                }
            }
            cells = selection.map(s -> s.defaults().scores().referenceCells()).orElse(null);
            if (cells != null && cells < PostProcessingSelection.MIN_CELLS) {
                warnings.add("The held-out images hold " + cells + " cells, fewer than the "
                        + PostProcessingSelection.MIN_CELLS + " needed to choose the post-processing: the defaults"
                        + " are kept. Hold out more or larger images (validationImageIds).");
            }
        } else {
            warnings.add("Validation held out pixels of the training images, not whole images (one image, or no"
                    + " whole-image split kept every class on both sides): the validation figures are optimistic and"
                    + " the post-processing keeps the defaults. Train on two or more images.");
        }
        if (training == 1 && images.size() > 1) {
            warnings.add("Only one image is left to train on after holding out " + heldOut.size() + ".");
        }
        return new TrainingQuality(LearningCheck.recommended(checks), check.chanceLoss(), checks, heldOut, training,
                cells, warnings);
    }

    /** The image's id (training images are named by it); a nil UUID for names that are not ids (tests). */
    private static UUID imageId(TrainingImage image) {
        try {
            return UUID.fromString(image.name());
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    /**
     * The post-processing chosen on the held-out images ({@link PostProcessingSelection} through
     * {@link SegmentationValidation}: the ensemble runs once per image), when whole images were held out. The card
     * recommends it when those images hold at least {@link PostProcessingSelection#MIN_CELLS} cells. A failure here leaves the recommendation and the per-cell metrics out rather than failing a trained job.
     */
    private static Optional<PostProcessingSelection.Selection> selectPostProcessing(PixelSplit split,
            List<TrainingImage> images, List<byte[]> members, PostProcessingSelection selection) {
        if (!split.byImage()) {
            return Optional.empty();
        }
        List<TrainingImage> heldOut = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (split.heldOut(i)) {
                heldOut.add(images.get(i));
            }
        }
        try {
            Optional<PostProcessingSelection.Selection> chosen = new SegmentationValidation(
                    Runtime.getRuntime().availableProcessors()).select(members, heldOut, selection);
            chosen.ifPresent(s -> LOG.log(System.Logger.Level.INFO, "Post-processing chosen on " + s.images()
                    + " held-out image(s): " + s.recommended() + "; " + s.reason()));
            return chosen;
        } catch (SegmentationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Validation by segmentation failed; the card has no per-cell"
                    + " scores and no recommended post-processing: " + e.getMessage(), e);
            return Optional.empty();
        }
    }

    /**
     * The card's per-cell metrics: {@code meanPerCellJaccard}, {@code meanPerCellDice}, {@code validationObjectF1},
     * {@code validationReferenceCells}, {@code validationSegmentedCells}, {@code validationCountRatio} with the recommended post-processing (chosen
     * on these very images, so slightly optimistic when it is not the defaults), the same as
     * {@code defaultPostProcessingJaccard}, {@code ...Dice}, {@code ...ObjectF1}, {@code ...SegmentedCells}, {@code ...CountRatio} with the
     * defaults, {@code validationImages} and {@code postProcessingSettingsTried}.
     */
    static Map<String, Double> metrics(PostProcessingSelection.Selection selection) {
        ImageScores s = selection.recommended().scores();
        ImageScores d = selection.defaults().scores();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("meanPerCellJaccard", s.meanJaccard());
        out.put("meanPerCellDice", s.meanDice());
        out.put("validationObjectF1", s.f1());
        out.put("validationReferenceCells", (double) s.referenceCells());
        out.put("validationSegmentedCells", (double) s.segmentedCells());
        out.put("validationCountRatio", s.countRatio());
        out.put("validationImages", (double) selection.images());
        out.put("defaultPostProcessingJaccard", d.meanJaccard());
        out.put("defaultPostProcessingDice", d.meanDice());
        out.put("defaultPostProcessingObjectF1", d.f1());
        out.put("defaultPostProcessingSegmentedCells", (double) d.segmentedCells());
        out.put("defaultPostProcessingCountRatio", d.countRatio());
        out.put("postProcessingSettingsTried", (double) selection.ranked().size());
        return out;
    }
}
