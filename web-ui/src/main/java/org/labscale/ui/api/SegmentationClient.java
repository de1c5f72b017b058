package org.labscale.ui.api;

import jakarta.inject.Singleton;
import java.util.UUID;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

/**
 * The API calls of the segmentation pages: the lab's models and training sets to choose from, submitting a
 * SEGMENTATION job, and reading its outputs (one file streamed by the API, or all as a zip). Built on
 * {@link LabscaleApiClient}, so errors and JSON are the same as everywhere else in the UI.
 */
@Singleton
public class SegmentationClient {

    private final LabscaleApiClient api;

    public SegmentationClient(LabscaleApiClient api) {
        this.api = api;
    }

    /** {@code GET /api/v1/labs/{lab}/models/{model}/versions/{n}} (also a version shared with the caller's lab). */
    public ModelVersionDto modelVersion(String token, UUID labId, UUID modelId, int version) {
        return api.getJson(token, "/api/v1/labs/" + labId + "/models/" + modelId + "/versions/" + version,
                api.jsonType(ModelVersionDto.class, false));
    }

    /** {@code GET /api/v1/labs/{lab}/training-sets}. */
    public PageDto<TrainingSetDto> trainingSets(String token, UUID labId, int page, int size) {
        return api.getJson(token, "/api/v1/labs/" + labId + "/training-sets?page=" + page + "&size=" + size,
                api.jsonType(TrainingSetDto.class, true));
    }

    /** {@code GET /api/v1/training-sets/{set}/versions}. */
    public PageDto<TrainingSetVersionDto> trainingSetVersions(String token, UUID trainingSetId, int page, int size) {
        return api.getJson(token, "/api/v1/training-sets/" + trainingSetId + "/versions?page=" + page + "&size="
                + size, api.jsonType(TrainingSetVersionDto.class, true));
    }

    /** {@code POST /api/v1/labs/{lab}/jobs}: the API refuses a job that could never run, naming the field. */
    public JobDto submit(String token, UUID labId, SubmitJobRequest request) {
        return api.postJson(token, "/api/v1/labs/" + labId + "/jobs", request, api.jsonType(JobDto.class, false));
    }

    /** {@code GET .../jobs/{job}/output-files/{name}}: one output's bytes, streamed by the API. */
    public LabscaleApiClient.Passthrough outputFile(String token, UUID labId, UUID jobId, String name) {
        return api.stream(token, "labs/" + labId + "/jobs/" + jobId + "/output-files/" + name);
    }

    /** {@code GET .../jobs/{job}/outputs.zip}: every output, streamed. */
    public LabscaleApiClient.Passthrough outputsZip(String token, UUID labId, UUID jobId) {
        return api.stream(token, "labs/" + labId + "/jobs/" + jobId + "/outputs.zip");
    }
}
