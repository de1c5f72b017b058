package org.labscale.ui.api;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.model.LabModelVersionDto;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;
import org.labscale.shared.annotation.AnnotationVersionDto;

/**
 * The API's training sets, training jobs and models ({@code /api/v1/...}), typed on the {@code shared-models}
 * records and sent by {@link LabscaleApiClient} (same errors, same JSON rules). The token is passed per call.
 */
@Singleton
public class ModelsClient {

    private static final String V1 = "/api/v1";

    private final LabscaleApiClient api;

    public ModelsClient(LabscaleApiClient api) {
        this.api = api;
    }

    /** {@code GET /labs/{labId}/training-sets?page=&size=}. */
    public PageDto<TrainingSetDto> trainingSets(String token, UUID labId, int page, int size) {
        return api.json("GET", V1 + "/labs/" + labId + "/training-sets?page=" + page + "&size=" + size, token, null,
                null, api.typeOf(PageDto.class, TrainingSetDto.class));
    }

    /** {@code POST /labs/{labId}/training-sets} (members). */
    public TrainingSetDto createTrainingSet(String token, UUID labId, TrainingSetRequest set) {
        return api.json("POST", V1 + "/labs/" + labId + "/training-sets", token, null, set,
                api.typeOf(TrainingSetDto.class));
    }

    /** {@code GET /training-sets/{id}}: another lab's set is a 404 like a missing one. */
    public TrainingSetDto trainingSet(String token, UUID setId) {
        return api.json("GET", V1 + "/training-sets/" + setId, token, null, null, api.typeOf(TrainingSetDto.class));
    }

    /** {@code DELETE /training-sets/{id}} with {@code If-Match} of the version seen. */
    public void deleteTrainingSet(String token, UUID setId, long version) {
        api.json("DELETE", V1 + "/training-sets/" + setId, token, version, null, null);
    }

    /** {@code GET /training-sets/{id}/versions?page=&size=}. */
    public PageDto<TrainingSetVersionDto> trainingSetVersions(String token, UUID setId, int page, int size) {
        return api.json("GET", V1 + "/training-sets/" + setId + "/versions?page=" + page + "&size=" + size, token,
                null, null, api.typeOf(PageDto.class, TrainingSetVersionDto.class));
    }

    /** {@code GET /training-sets/{id}/versions/{n}}. */
    public TrainingSetVersionDto trainingSetVersion(String token, UUID setId, int version) {
        return api.json("GET", V1 + "/training-sets/" + setId + "/versions/" + version, token, null, null,
                api.typeOf(TrainingSetVersionDto.class));
    }

    /** {@code POST /training-sets/{id}/versions}: freezes a new version (members). */
    public TrainingSetVersionDto freeze(String token, UUID setId, TrainingSetVersionRequest request) {
        return api.json("POST", V1 + "/training-sets/" + setId + "/versions", token, null, request,
                api.typeOf(TrainingSetVersionDto.class));
    }

    /** {@code GET /annotations/{id}/versions?page=&size=}: who made each version, when, and its cell count. */
    public PageDto<AnnotationVersionDto> annotationVersions(String token, UUID annotationId, int page, int size) {
        return api.json("GET", V1 + "/annotations/" + annotationId + "/versions?page=" + page + "&size=" + size,
                token, null, null, api.typeOf(PageDto.class, AnnotationVersionDto.class));
    }

    /** {@code POST /labs/{labId}/jobs}: the answer of a TRAINING job carries its cost {@code estimate}. */
    public JobDto submit(String token, UUID labId, SubmitJobRequest job) {
        return api.json("POST", V1 + "/labs/" + labId + "/jobs", token, null, job, api.typeOf(JobDto.class));
    }

    /** {@code GET /jobs/{id}/curve}: a TRAINING job's curve so far, one entry per member and validated epoch. */
    public List<EpochMetrics> curve(String token, UUID jobId) {
        return api.json("GET", V1 + "/jobs/" + jobId + "/curve", token, null, null, api.listOf(EpochMetrics.class));
    }

    /** {@code GET /labs/{labId}/model-versions?page=&size=}: every version of the lab's models, newest first. */
    public PageDto<LabModelVersionDto> labModelVersions(String token, UUID labId, int page, int size) {
        return api.json("GET", V1 + "/labs/" + labId + "/model-versions?page=" + page + "&size=" + size, token, null,
                null, api.typeOf(PageDto.class, LabModelVersionDto.class));
    }

    /** {@code GET /labs/{labId}/models/{modelId}}. */
    public ModelDto model(String token, UUID labId, UUID modelId) {
        return api.json("GET", V1 + "/labs/" + labId + "/models/" + modelId, token, null, null,
                api.typeOf(ModelDto.class));
    }

    /** {@code GET /labs/{labId}/models/{modelId}/versions/{n}}: the version with its card and members. */
    public ModelVersionDto modelVersion(String token, UUID labId, UUID modelId, int version) {
        return api.json("GET", V1 + "/labs/" + labId + "/models/" + modelId + "/versions/" + version, token, null,
                null, api.typeOf(ModelVersionDto.class));
    }
}
