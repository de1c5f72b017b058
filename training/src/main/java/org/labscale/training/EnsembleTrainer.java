package org.labscale.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;

import ai.djl.Device;

/**
 * Trains the payload's ensemble (Van Valen et al. 2016: several independently trained nets whose outputs are
 * averaged), member after member with seeds {@code seed, seed + 1, ...}, exports each as ONNX with its provenance,
 * and writes the model card. Validation metrics on the card are the last epoch's, averaged over members.
 */
public final class EnsembleTrainer {

    /** The ONNX members (index = member) and the card. */
    public record Result(List<byte[]> members, ModelCard card) {
    }

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
                EpochMetrics last = curve.get(curve.size() - 1);
                accuracy += last.perClassAccuracy().stream().mapToDouble(Double::doubleValue).average().orElse(0);
                loss += last.validationLoss();
                members.add(exporter.export(payload, m, trainer.seed(), trainer.weights()));
            }
        }
        int n = payload.ensembleSize();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("balancedPixelAccuracy", accuracy / n);
        metrics.put("validationLoss", loss / n);
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
}
