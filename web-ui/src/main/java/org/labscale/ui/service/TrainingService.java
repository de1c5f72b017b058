package org.labscale.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.model.LabModelVersionDto;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.ModelsClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the training pages call: training sets and their frozen versions, training jobs and their curves, models and
 * their versions, all with the session's token ({@link LabscaleService#withSessionToken}).
 */
@ApplicationScoped
public class TrainingService {

    private static final ObjectMapper PAYLOAD = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final ModelsClient api;
    private final LabscaleService session;

    @Inject
    public TrainingService(LabscaleApiClient api, LabscaleService session) {
        this(new ModelsClient(api), session);
    }

    TrainingService(ModelsClient api, LabscaleService session) {
        this.api = api;
        this.session = session;
    }

    public PageDto<TrainingSetDto> trainingSetPage(UUID labId, int page, int size) {
        return session.withSessionToken(t -> api.trainingSets(t, labId, page, size));
    }

    public TrainingSetDto trainingSet(UUID setId) {
        return session.withSessionToken(t -> api.trainingSet(t, setId));
    }

    /** A set's versions, newest first as the API lists them (up to 200). */
    public List<TrainingSetVersionDto> versions(UUID setId) {
        return session.withSessionToken(t -> api.trainingSetVersions(t, setId, 0, 200).items());
    }

    public TrainingSetVersionDto version(UUID setId, int version) {
        return session.withSessionToken(t -> api.trainingSetVersion(t, setId, version));
    }

    /**
     * Freezes a version of {@code existing}, or of a new set named by {@code create}; when the version is refused the
     * new set is deleted again, so that a failed freeze leaves nothing behind.
     *
     * @throws ApiException with the API's sentence (the set's or the version's)
     */
    public TrainingSetVersionDto freeze(UUID labId, TrainingSetDto existing, TrainingSetRequest create,
                                        TrainingSetVersionRequest version) {
        return session.withSessionToken(t -> {
            TrainingSetDto set = existing != null ? existing : api.createTrainingSet(t, labId, create);
            try {
                return api.freeze(t, set.id(), version);
            } catch (ApiException refused) {
                if (existing == null) {
                    try {
                        api.deleteTrainingSet(t, set.id(), set.version());
                    } catch (ApiException e) {
                        refused.addSuppressed(e);
                    }
                }
                throw refused;
            }
        });
    }

    /** An annotation's versions (cell counts, who and when), up to 200. */
    public List<AnnotationVersionDto> annotationVersions(UUID annotationId) {
        return session.withSessionToken(t -> api.annotationVersions(t, annotationId, 0, 200).items());
    }

    /** Submits a TRAINING job; the answer carries the API's cost estimate. */
    @SuppressWarnings("unchecked")
    public JobDto train(UUID labId, TrainingPayload payload) {
        Map<String, Object> body = PAYLOAD.convertValue(payload, Map.class);
        return session.withSessionToken(t -> api.submit(t, labId, new SubmitJobRequest(JobKind.TRAINING, body, null,
                null, null, null)));
    }

    public List<EpochMetrics> curve(UUID jobId) {
        return session.withSessionToken(t -> api.curve(t, jobId));
    }

    /** One page of every version of the lab's models, newest first, with model and visibility. */
    public PageDto<LabModelVersionDto> labModelVersionPage(UUID labId, int page, int size) {
        return session.withSessionToken(t -> api.labModelVersions(t, labId, page, size));
    }

    public ModelDto model(UUID labId, UUID modelId) {
        return session.withSessionToken(t -> api.model(t, labId, modelId));
    }

    public ModelVersionDto modelVersion(UUID labId, UUID modelId, int version) {
        return session.withSessionToken(t -> api.modelVersion(t, labId, modelId, version));
    }
}
