package org.labscale.api.sharing.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.job.persistence.JobEntity;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard;

/**
 * The provenance a model card keeps of its training data, stated by the API rather than the worker: every
 * training-set version the job named, with its owning lab (id and name), set id, version and content hash. Since it
 * is written into the card at registration, it keeps naming a source that later stops being visible (a revoked
 * grant) or is deleted. A card the worker left without authors gets the job's submitter (display name, else e-mail):
 * a trained model has an author, which publishing and bioimage.io export require.
 */
@ApplicationScoped
public class TrainingSources {

    /**
     * {@code card} with its {@code trainingSets} replaced by the payload's versions as the API knows them, and, when it
     * names no author, the submitter of job {@code jobId} as its author.
     */
    public ModelCard stamp(ModelCard card, TrainingPayload payload, UUID jobId) {
        List<ModelCard.TrainingData> sources = QuarkusTransaction.requiringNew().call(() -> of(payload, card));
        List<String> authors = card.authors() != null && card.authors().stream().anyMatch(a -> a != null
                && !a.isBlank()) ? card.authors() : QuarkusTransaction.requiringNew().call(() -> submitter(jobId));
        return new ModelCard(card.task(), card.classes(), card.channels(), card.receptiveField(),
                card.normalization(), card.net(), card.ensembleSize(), card.trainingCurves(),
                card.validationMetrics(), sources, authors, card.licence(), card.description(),
                card.provenance(), card.recommendedPostProcessing(), card.quality(), card.pixelSizeUm());
    }

    private static List<String> submitter(UUID jobId) {
        JobEntity job = JobEntity.findById(jobId);
        UserEntity user = job == null || job.createdBy == null ? null : UserEntity.findById(job.createdBy);
        if (user == null) {
            return List.of();
        }
        return List.of(user.displayName == null || user.displayName.isBlank() ? user.email : user.displayName);
    }

    private static List<ModelCard.TrainingData> of(TrainingPayload payload, ModelCard card) {
        List<ModelCard.TrainingData> out = new ArrayList<>();
        for (TrainingSetRef ref : payload.trainingSets() == null ? List.<TrainingSetRef>of() : payload.trainingSets()) {
            TrainingSetVersionEntity v = ref == null || ref.trainingSetId() == null || ref.version() == null ? null
                    : TrainingSetVersionEntity.of(ref.trainingSetId(), ref.version()).orElse(null);
            if (v == null) {
                // Deleting a version is refused while a job uses it; should it be gone, keep what the worker saw.
                (card.trainingSets() == null ? List.<ModelCard.TrainingData>of() : card.trainingSets()).stream()
                        .filter(d -> ref != null && d.trainingSetId() != null
                                && d.trainingSetId().equals(ref.trainingSetId())
                                && ref.version() != null && d.version() == ref.version())
                        .findFirst().ifPresent(out::add);
                continue;
            }
            LabEntity lab = LabEntity.findById(v.labId);
            out.add(new ModelCard.TrainingData(v.trainingSetId, v.versionNumber, v.contentHash, v.labId,
                    lab == null ? null : lab.name));
        }
        return out;
    }
}
