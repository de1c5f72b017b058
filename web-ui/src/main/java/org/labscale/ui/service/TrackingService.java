package org.labscale.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SubmitJobRequest;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.SegmentationClient;
import org.labscale.ui.service.SegmentationService.ModelChoice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the time-lapse pages ask of the API, with the session's token: the model versions and images to build a
 * series from, submitting a TRACKING job, and reading its outputs ({@code report.json}, {@code tracks.csv}).
 */
@ApplicationScoped
public class TrackingService {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final SegmentationService segmentation;
    private final SegmentationClient api;

    public TrackingService(SegmentationService segmentation, SegmentationClient api) {
        this.segmentation = segmentation;
        this.api = api;
    }

    public LabscaleService session() {
        return segmentation.session();
    }

    /** The lab's model versions, newest version of each model first. */
    public List<ModelChoice> modelVersions(UUID labId) {
        return segmentation.modelVersions(labId);
    }

    /** The first images of a project, oldest first. */
    public List<ImageDto> images(UUID projectId) {
        return segmentation.images(projectId);
    }

    /** Submits a TRACKING job with {@code payload} (the fields of a {@code TrackingPayload}; nulls left out). */
    @SuppressWarnings("unchecked")
    public JobDto submit(UUID labId, Map<String, Object> payload) {
        Map<String, Object> body = JSON.convertValue(payload, Map.class);
        return session().withSessionToken(token -> api.submit(token, labId,
                new SubmitJobRequest(JobKind.TRACKING, body, null, null, null, null)));
    }

    /** The job's {@code report.json}: frames, tracks, merge check, figures, and scores when it has them. */
    public Map<String, Object> report(UUID labId, UUID jobId) {
        return output(labId, jobId, "report.json", in -> {
            try {
                return JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new UncheckedIOException("reading the job's report failed", e);
            }
        });
    }

    /** The job's tracks ({@code tracks.csv}). */
    public SeriesTracks tracks(UUID labId, UUID jobId) {
        return output(labId, jobId, "tracks.csv",
                in -> SeriesTracks.read(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    private <T> T output(UUID labId, UUID jobId, String name, Function<InputStream, T> read) {
        return session().withSessionToken(token -> {
            LabscaleApiClient.Passthrough answer = api.outputFile(token, labId, jobId, name);
            try (InputStream body = answer.body()) {
                if (answer.status() != 200) {
                    throw new ApiErrorException(answer.status(), "http." + answer.status(), "The job has no "
                            + name + " (the API answered HTTP " + answer.status() + ").", null);
                }
                return read.apply(body);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + name + " of job " + jobId + " failed", e);
            }
        });
    }
}
