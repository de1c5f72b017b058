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
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.validate.SegmentationValidation;

import ai.djl.Device;

/**
 * Trains the payload's ensemble (Van Valen et al. 2016: several independently trained nets whose outputs are
 * averaged), member after member with seeds {@code seed, seed + 1, ...}, exports each as ONNX with its provenance,
 * and writes the model card. Validation metrics on the card: the pixel accuracy and loss of each member's kept epoch,
 * averaged over members, and, when whole images were held out, the per-cell Jaccard and Dice of the ensemble's full
 * segmentation of them ({@link SegmentationValidation}).
 */
public final class EnsembleTrainer {

    /** The ONNX members (index = member) and the card. */
    public record Result(List<byte[]> members, ModelCard card) {
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
        metrics.putAll(segmentationMetrics(payload, images, members));
        Map<String, Object> normalization = new LinkedHashMap<>();
        normalization.put("method", payload.normalization().method());
        normalization.put("window", payload.normalization().window());
        Map<String, Object> cardProvenance = new LinkedHashMap<>(exporter.provenance(payload, 0, payload.seed()));
        cardProvenance.remove("member");
        List<ModelCard.TrainingData> sets = provenance.trainingSets();
        ModelCard card = new ModelCard(ModelCard.SEMANTIC_SEGMENTATION, payload.classes(), payload.channels(),
                payload.resolvedNet().receptiveField(), normalization, payload.resolvedNet(), n, curves, metrics,
                sets, authors == null ? List.of() : List.copyOf(authors), payload.licence(), payload.description(),
                cardProvenance);
        return new Result(members, card);
    }

    /**
     * Per-cell Jaccard and Dice of the ensemble's full segmentation of the held-out images (when whole images were
     * held out; {@link SegmentationValidation}, default post-processing). A failure here leaves these metrics out
     * rather than failing a trained job.
     */
    private static Map<String, Double> segmentationMetrics(TrainingPayload payload, List<TrainingImage> images,
                                                           List<byte[]> members) throws TrainingException {
        PixelSplit split = MemberTrainer.split(payload, images);
        if (!split.byImage()) {
            return Map.of();
        }
        List<TrainingImage> heldOut = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (split.heldOut(i)) {
                heldOut.add(images.get(i));
            }
        }
        try {
            Optional<ImageScores> scores = new SegmentationValidation(PostProcessing.defaults(),
                    Runtime.getRuntime().availableProcessors()).score(members, heldOut);
            Map<String, Double> out = new LinkedHashMap<>();
            scores.ifPresent(s -> {
                out.put("meanPerCellJaccard", s.meanJaccard());
                out.put("meanPerCellDice", s.meanDice());
                out.put("validationReferenceCells", (double) s.referenceCells());
                out.put("validationSegmentedCells", (double) s.segmentedCells());
                out.put("validationImages", (double) heldOut.size());
            });
            return out;
        } catch (SegmentationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Validation by segmentation failed; the card has no per-cell"
                    + " scores: " + e.getMessage(), e);
            return Map.of();
        }
    }
}
