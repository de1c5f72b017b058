package org.labscale.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.ModelsClient;
import org.labscale.ui.api.SegmentationClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the segmentation pages ask of the API, with the session's token ({@link LabscaleService#withSessionToken}):
 * the model versions, projects, images and training sets to choose from, submitting the job, and its per-cell
 * tables.
 */
@ApplicationScoped
public class SegmentationService {

    /** Model versions offered (the lab's newest), and most images offered per project. */
    static final int VERSIONS_OFFERED = 200;
    static final int IMAGES_PER_PROJECT = 200;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final LabscaleService session;
    private final SegmentationClient api;
    private final ModelsClient models;

    public SegmentationService(LabscaleService session, SegmentationClient api, ModelsClient models) {
        this.session = session;
        this.api = api;
        this.models = models;
    }

    /** A model version with the model's name, as the page offers it. */
    public record ModelChoice(ModelDto model, ModelVersionDto version) {
        public String label() {
            return model.name() + " \u00b7 v" + version.version();
        }
    }

    /**
     * The lab's newest {@value #VERSIONS_OFFERED} model versions, newest first, in one call
     * ({@code GET /labs/{lab}/model-versions}), however many models the lab has.
     */
    public List<ModelChoice> modelVersions(UUID labId) {
        return session.withSessionToken(token -> models.labModelVersions(token, labId, 0, VERSIONS_OFFERED).items()
                .stream().map(v -> new ModelChoice(v.model(), v.version())).toList());
    }

    /** One version (of the lab's model, or one shared with the lab when {@code ownerLabId} is the model's lab). */
    public ModelVersionDto modelVersion(UUID ownerLabId, UUID modelId, int version) {
        return session.withSessionToken(token -> api.modelVersion(token, ownerLabId, modelId, version));
    }

    /** The first images of a project, oldest first as the API lists them. */
    public List<ImageDto> images(UUID projectId) {
        return session.imagePage(projectId, 0, IMAGES_PER_PROJECT).items();
    }

    public List<TrainingSetDto> trainingSets(UUID labId) {
        return session.withSessionToken(token -> all(page -> api.trainingSets(token, labId, page, 100)));
    }

    public List<TrainingSetVersionDto> trainingSetVersions(UUID trainingSetId) {
        return session.withSessionToken(token -> api.trainingSetVersions(token, trainingSetId, 0, 100).items());
    }

    /** Submits a SEGMENTATION job with {@code payload} (the fields of a {@code SegmentationPayload}; nulls left out). */
    @SuppressWarnings("unchecked")
    public JobDto submit(UUID labId, Map<String, Object> payload) {
        Map<String, Object> body = JSON.convertValue(payload, Map.class);
        return session.withSessionToken(token -> api.submit(token, labId,
                new SubmitJobRequest(JobKind.SEGMENTATION, body, null, null, null, null)));
    }

    /** The per-cell table of {@code imageId} in a finished job ({@code <imageId>/cells.csv}). */
    public CellTable cells(UUID labId, UUID jobId, UUID imageId) {
        return session.withSessionToken(token -> {
            LabscaleApiClient.Passthrough answer = api.outputFile(token, labId, jobId, imageId + "/cells.csv");
            try (InputStream body = answer.body()) {
                if (answer.status() != 200) {
                    throw new ApiErrorException(answer.status(), "http." + answer.status(), "The job has no cell"
                            + " table for this image (the API answered HTTP " + answer.status() + ").", null);
                }
                return CellTable.read(new InputStreamReader(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("reading the cell table of " + imageId + " failed", e);
            }
        });
    }

    public LabscaleService session() {
        return session;
    }

    private static <T> List<T> all(java.util.function.IntFunction<PageDto<T>> fetch) {
        List<T> items = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            PageDto<T> result = fetch.apply(page);
            items.addAll(result.items());
            if (!LabscaleService.hasMore(result) || result.items().isEmpty()) {
                break;
            }
        }
        return items;
    }
}
