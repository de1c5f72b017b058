package org.labscale.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.validate.CellSizeCheck;
import org.labscale.training.validate.PostProcessingSelection;
import org.labscale.training.validate.SegmentationValidation;

import ai.djl.Device;

/**
 * Trains the payload's ensemble (Van Valen et al. 2016: several independently trained nets whose outputs are
 * averaged), member after member with seeds {@code seed, seed + 1, ...}, exports each as ONNX with its provenance,
 * and writes the model card. Validation metrics on the card: the pixel accuracy and loss of each member's kept epoch,
 * averaged over members, and, when whole images were held out, the post-processing chosen on them
 * ({@link PostProcessingSelection}: the card's {@code recommendedPostProcessing}, which segmentation jobs without
 * settings of their own use) with the per-cell Jaccard and Dice of the ensemble's full segmentation of them, both with
 * the recommended settings and with the defaults ({@link #metrics}); the annotated cells' {@code medianCellDiameter}
 * and {@code receptiveFieldPerCellDiameter}, with a warning when the receptive field is far from one cell diameter
 * ({@link CellSizeCheck}).
 */
public final class EnsembleTrainer {

    /**
     * The ONNX members (index = member), the card and warnings for the lab (e.g. {@link CellSizeCheck}'s), which
     * the job's result lists.
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
        MemberExporter exporter = new MemberExporter(provenance);
        List<byte[]> members = new ArrayList<>();
        List<EpochMetrics> curves = new ArrayList<>();
        double accuracy = 0;
        double loss = 0;
        for (int m = 0; m < payload.ensembleSize(); m++) {
            try (MemberTrainer trainer = new MemberTrainer(payload, m, device)) {
                List<EpochMetrics> curve = trainer.train(images, listener, cancelled);
                curves.addAll(curve);
                EpochMetrics last = curve.get(Math.max(0, trainer.bestEpoch() - 1)); // the epoch it keeps
                accuracy += last.perClassAccuracy().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                loss += last.validationLoss();
                members.add(exporter.export(payload, m, trainer.seed(), trainer.weights()));
            }
        }
        int n = payload.ensembleSize();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("balancedPixelAccuracy", accuracy / n);
        metrics.put("validationLoss", loss / n);
        CellSizeCheck.Result sizes = CellSizeCheck.check(images, payload.resolvedNet().receptiveField());
        if (sizes.cells() > 0) {
            metrics.put("medianCellDiameter", sizes.medianDiameter());
            metrics.put("receptiveFieldPerCellDiameter", sizes.ratio());
        }
        Optional<PostProcessingSelection.Selection> selection = selectPostProcessing(payload, images, members);
        selection.ifPresent(chosen -> metrics.putAll(metrics(chosen)));
        Map<String, Object> normalization = new LinkedHashMap<>();
        normalization.put("method", payload.normalization().method());
        normalization.put("window", payload.normalization().window());
        Map<String, Object> cardProvenance = new LinkedHashMap<>(exporter.provenance(payload, 0, payload.seed()));
        cardProvenance.remove("member");
        List<ModelCard.TrainingData> sets = provenance.trainingSets();
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, payload.classes(), payload.channels(),
                payload.resolvedNet().receptiveField(), normalization, payload.resolvedNet(), n, curves, metrics,
                sets, authors == null ? List.of() : List.copyOf(authors), payload.licence(), payload.description(),
                cardProvenance, selection.filter(chosen -> chosen.defaults().scores().referenceCells()
                        >= PostProcessingSelection.MIN_CELLS).map(chosen -> chosen.recommended().settings())
                        .orElse(null));
        return new Result(members, card, sizes.warning().stream().toList());
    }

    /**
     * The post-processing chosen on the held-out images ({@link PostProcessingSelection} through
     * {@link SegmentationValidation}: the ensemble runs once per image), when whole images were held out. The card
     * recommends it when those images hold at least {@link PostProcessingSelection#MIN_CELLS} cells. A failure here leaves the recommendation and the per-cell metrics out rather than failing a trained job.
     */
    private static Optional<PostProcessingSelection.Selection> selectPostProcessing(TrainingPayload payload,
            List<TrainingImage> images, List<byte[]> members) throws TrainingException {
        PixelSplit split = MemberTrainer.split(payload, images);
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
            Optional<PostProcessingSelection.Selection> selection = new SegmentationValidation(
                    Runtime.getRuntime().availableProcessors()).select(members, heldOut, new PostProcessingSelection());
            selection.ifPresent(s -> LOG.log(System.Logger.Level.INFO, "Post-processing chosen on " + s.images()
                    + " held-out image(s): " + s.recommended() + "; " + s.reason()));
            return selection;
        } catch (SegmentationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Validation by segmentation failed; the card has no per-cell"
                    + " scores and no recommended post-processing: " + e.getMessage(), e);
            return Optional.empty();
        }
    }

    /**
     * The card's per-cell metrics: {@code meanPerCellJaccard}, {@code meanPerCellDice}, {@code validationObjectF1},
     * {@code validationReferenceCells}, {@code validationSegmentedCells} with the recommended post-processing (chosen
     * on these very images, so slightly optimistic when it is not the defaults), the same as
     * {@code defaultPostProcessingJaccard}, {@code ...Dice}, {@code ...ObjectF1}, {@code ...SegmentedCells} with the
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
        out.put("validationImages", (double) selection.images());
        out.put("defaultPostProcessingJaccard", d.meanJaccard());
        out.put("defaultPostProcessingDice", d.meanDice());
        out.put("defaultPostProcessingObjectF1", d.f1());
        out.put("defaultPostProcessingSegmentedCells", (double) d.segmentedCells());
        out.put("postProcessingSettingsTried", (double) selection.ranked().size());
        return out;
    }
}
