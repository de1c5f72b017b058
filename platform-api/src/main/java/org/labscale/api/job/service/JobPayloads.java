package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.ErrorMappers;
import org.labscale.api.config.RequestJson;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.job.estimate.CostEstimator;
import org.labscale.api.job.estimate.HeldOutImages;
import org.labscale.api.project.persistence.ProjectEntity;
import org.labscale.api.sharing.service.TrainingSetSharing;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobPayload;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.SelfTestPayload;
import org.labscale.shared.job.TrackingPayload;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.trainingset.TrainingChannels;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Binds a submitted payload to its kind's record and checks that the job can run: numbers in range, and every lab
 * resource it names exists in the job's own lab (another lab's resource reads exactly as a missing one). Answers the
 * payload with its defaults filled in, as stored.
 */
@ApplicationScoped
public class JobPayloads {

    private final ObjectMapper strict;
    private final ObjectMapper lenient;
    private final CostEstimator estimator;

    @Inject
    public JobPayloads(ObjectMapper mapper, CostEstimator estimator) {
        this.lenient = mapper;
        this.estimator = estimator;
        this.strict = RequestJson.strict(mapper.copy())
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public Map<String, Object> validate(UUID labId, JobKind kind, Map<String, Object> raw) {
        JobPayload payload;
        try {
            payload = strict.convertValue(raw == null ? Map.of() : raw, kind.payloadType());
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage();
            String field = e.getCause() instanceof JsonMappingException m ? ErrorMappers.field(m.getPath()) : "";
            if (!field.isEmpty()) { // a value of the wrong type: name it, as the range checks do
                throw new ApiException(400, "job.invalid-payload", "The payload is not a valid " + kind + " payload"
                        + " at field 'payload." + field + "': " + reason, Map.of("kind", kind.name(), "field",
                        "payload." + field));
            }
            throw new ApiException(400, "job.invalid-payload", "The payload is not a valid " + kind + " payload: "
                    + reason, Map.of("kind", kind.name()));
        }
        JobPayload normalized;
        if (payload instanceof SelfTestPayload p) {
            normalized = selfTest(p.withDefaults());
        } else if (payload instanceof TrainingPayload p) {
            normalized = training(labId, p);
        } else if (payload instanceof SegmentationPayload p) {
            normalized = segmentation(labId, p);
        } else if (payload instanceof TrackingPayload p) {
            normalized = tracking(labId, p);
        } else {
            throw new IllegalStateException("no validation for " + kind);
        }
        return strict.convertValue(normalized, new TypeReference<Map<String, Object>>() { });
    }

    /** Canonical JSON (sorted keys) of a value, for the idempotency comparison. */
    public String canonical(Object value) {
        try {
            return strict.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SelfTestPayload selfTest(SelfTestPayload p) {
        if (p.steps() < 1 || p.steps() > 100_000) {
            throw field("payload.steps", "steps must be between 1 and 100000, not " + p.steps() + ".");
        }
        if (p.stepMillis() < 0 || p.stepMillis() > 600_000) {
            throw field("payload.stepMillis", "stepMillis must be between 0 and 600000, not " + p.stepMillis() + ".");
        }
        if (p.seed().length() > 200) {
            throw field("payload.seed", "seed must be at most 200 characters, not " + p.seed().length() + ".");
        }
        if (p.failAtStep() != null && (p.failAtStep() < 1 || p.failAtStep() > p.steps())) {
            throw field("payload.failAtStep", "failAtStep must be between 1 and steps (" + p.steps() + "), not "
                    + p.failAtStep() + ".");
        }
        return p;
    }

    /**
     * Defaults (the CPU set when no GPU worker serves the lab, {@link TrainingPayload#withCpuDefaults()}), then the
     * payload's own problems (400 {@code job.invalid-payload} listing them), then the lab's data:
     * every training-set version exists in the lab or is another lab's shared with it now (404 otherwise), has items, every item has the payload's channel
     * roles ({@link TrainingChannels}: a one-channel net takes an unnamed single channel; a refusal names the remedy),
     * {@code validationImageIds} are images of the training sets that leave one to train on and every class on both
     * sides, no annotation has more classes than the payload, every class has annotated pixels somewhere, and the
     * images can be brought to one pixel size ({@link PixelSizeCheck}).
     */
    private TrainingPayload training(UUID labId, TrainingPayload raw) {
        TrainingPayload p = estimator.gpuServes(labId) ? raw.withDefaults() : raw.withCpuDefaults();
        List<String> problems = p.problems();
        if (!problems.isEmpty()) {
            throw invalidPayload(String.join(" ", problems), Map.of("problems", problems));
        }
        long[] classPixels = new long[p.classes().size()];
        List<UUID> itemImages = new ArrayList<>();
        List<Double> itemPixelSizes = new ArrayList<>();
        for (int i = 0; i < p.trainingSets().size(); i++) {
            TrainingSetRef ref = p.trainingSets().get(i);
            int index = i;
            String name = "Training set " + ref.trainingSetId() + " version " + ref.version();
            TrainingSetVersionEntity version = TrainingSetSharing.usableBy(labId, ref.trainingSetId(), ref.version())
                    .orElseThrow(() -> new ApiException(404, "not-found", "No training set version "
                            + ref.trainingSetId() + "/" + ref.version() + " exists, or you cannot see it.",
                            Map.of("resource", "training set version", "id", ref.trainingSetId() + "/"
                                    + ref.version(), "item", index)));
            List<TrainingSetItemEntity> items = TrainingSetItemEntity.list("trainingSetVersionId = ?1 order by"
                    + " position", version.id);
            items.forEach(item -> {
                itemImages.add(item.imageId);
                itemPixelSizes.add(item.pixelSizeUm);
            });
            if (items.isEmpty()) {
                throw invalidPayload(name + " has no annotated images to learn from.", Map.of("item", i));
            }
            for (TrainingSetItemEntity item : items) {
                List<String> missing = TrainingChannels.missing(p.channels(), item.channelRoles);
                if (!missing.isEmpty()) {
                    throw invalidPayload(name + ": image " + item.imageId + " has the channel roles "
                            + (item.channelRoles == null ? "{}" : item.channelRoles) + ", but the net needs "
                            + p.channels() + " (missing " + missing + "). " + TrainingChannels.remedy(p.channels(),
                            item.channelRoles, item.imageId.toString()), Map.of("item", i, "field",
                            "payload.channels"));
                }
                AnnotationVersionEntity annotation = AnnotationVersionEntity.findById(item.annotationVersionId);
                Long[] counts = annotation == null || annotation.classPixelCounts == null ? new Long[0]
                        : annotation.classPixelCounts;
                for (int k = 0; k < counts.length; k++) {
                    long n = counts[k] == null ? 0 : counts[k];
                    if (n > 0 && k >= classPixels.length) {
                        throw invalidPayload(name + ": the annotation of image " + item.imageId + " has class value "
                                + k + ", but the payload names only " + classPixels.length + " classes "
                                + p.classes() + ".", Map.of("item", i));
                    }
                    if (k < classPixels.length) {
                        classPixels[k] += n;
                    }
                }
            }
        }
        for (int k = 0; k < classPixels.length; k++) {
            if (classPixels[k] == 0) {
                throw invalidPayload("No annotated pixel is of class \"" + p.classes().get(k) + "\" (class-map value "
                        + k + ") in the training sets, so the net cannot learn it.", Map.of("class", k));
            }
        }
        if (p.validationImageIds() != null) {
            checkChosen(labId, p);
        }
        PixelSizeCheck.training(p, PixelSizeCheck.images(itemImages), itemPixelSizes);
        return p;
    }

    /** The chosen held-out images: of the training sets, not all of them, every class on both sides. */
    private static void checkChosen(UUID labId, TrainingPayload p) {
        HeldOutImages images = HeldOutImages.of(labId, p);
        Set<UUID> known = new HashSet<>();
        images.items().forEach(item -> known.add(item.imageId()));
        for (int i = 0; i < p.validationImageIds().size(); i++) {
            if (!known.contains(p.validationImageIds().get(i))) {
                throw invalidPayload("validationImageIds[" + i + "] (" + p.validationImageIds().get(i) + ") is not an"
                        + " image of the training sets; hold out images the job trains on, or leave"
                        + " validationImageIds out.", Map.of("field", "payload.validationImageIds", "item", i));
            }
        }
        boolean[] held = new boolean[images.items().size()];
        boolean anyLeft = false;
        for (int i = 0; i < held.length; i++) {
            held[i] = p.validationImageIds().contains(images.items().get(i).imageId());
            anyLeft |= !held[i];
        }
        if (!anyLeft) {
            throw invalidPayload("validationImageIds holds out every image, leaving none to train on; leave at least"
                    + " one out.", Map.of("field", "payload.validationImageIds"));
        }
        boolean[] validationSide = new boolean[1];
        int k = images.classMissing(held, p.classes().size(), validationSide);
        if (k >= 0) {
            throw invalidPayload("With the held-out images " + p.validationImageIds() + ", class \""
                    + p.classes().get(k) + "\" has no annotated pixel on the " + (validationSide[0] ? "validation"
                    : "training") + " side; choose other validationImageIds, or leave them out to hold out"
                    + " validationFraction.", Map.of("field", "payload.validationImageIds", "class", k));
        }
    }

    private static ApiException invalidPayload(String message, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("kind", JobKind.TRAINING.name());
        return new ApiException(400, "job.invalid-payload", message, all);
    }

    /**
     * Internal consistency first ({@link SegmentationPayload#problems()}, 400 {@code job.invalid-payload} naming the
     * field), then the image source must exist in the job's lab, then the models and the images' channels
     * ({@link SegmentationModelCheck}). Without {@code postProcessing} the model version's recommended settings
     * apply ({@link RecommendedPostProcessing}, which then also fixes the version). Another lab's model is always pinned
     * to the version checked now; otherwise a version of the lab's own model left out is resolved again when the job
     * is leased.
     */
    private SegmentationPayload segmentation(UUID labId, SegmentationPayload raw) {
        SegmentationPayload p = raw.withDefaults();
        Map<String, String> problems = p.problems();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ApiException(400, "job.invalid-payload", String.join(" ", problems.values()),
                    Map.of("field", first.getKey(), "fields", List.copyOf(problems.keySet())));
        }
        List<ImageEntity> images;
        if (p.imageIds() != null) {
            images = checkImages(labId, p.imageIds());
        } else if (p.projectId() != null) {
            ProjectEntity.<ProjectEntity>findByIdOptional(p.projectId()).filter(project -> project.labId.equals(labId))
                    .orElseThrow(() -> ApiException.notFound("project", p.projectId()));
            images = ImageEntity.list("labId = ?1 and projectId = ?2 order by createdAt, id", labId, p.projectId());
        } else {
            TrainingSetRef ref = p.trainingSet();
            TrainingSetVersionEntity version = TrainingSetVersionEntity.of(ref.trainingSetId(), ref.version())
                    .filter(v -> v.labId.equals(labId))
                    .orElseThrow(() -> ApiException.notFound("training set version",
                            ref.trainingSetId() + "/" + ref.version()));
            List<UUID> ids = TrainingSetItemEntity.<TrainingSetItemEntity>list("trainingSetVersionId", version.id)
                    .stream().map(item -> item.imageId).distinct().toList();
            images = ids.isEmpty() ? List.of() : ImageEntity.list("labId = ?1 and id in ?2", labId, ids);
        }
        SegmentationModelCheck.check(labId, p, images.stream()
                .map(i -> Map.entry(i.id, i.channels)).toList(), p.imageIds() != null);
        PixelSizeCheck.segmentation(PixelSizeCheck.card(labId, p), images);
        if (p.nuclearModelId() != null) {
            PixelSizeCheck.segmentation(SegmentationModelCheck.version(labId, p.nuclearModelId(),
                    p.nuclearModelVersion(), "nuclear model", "payload.nuclearModelId").card, images,
                    JobKind.SEGMENTATION, "payload.imageIds", "nuclear model's ");
        }
        return SegmentationModelCheck.pinShared(labId, RecommendedPostProcessing.apply(labId, raw, p, lenient));
    }

    /**
     * Internal consistency first ({@link TrackingPayload#problems()}, 400 {@code job.invalid-payload} naming the
     * fields), then the series ({@link TrackingSeriesCheck}: the lab's images, 404 as for missing ones; two frames or
     * more, listed frames alike, the reporter channel present: 400), the ground truth when given
     * ({@link TrackingGroundTruthCheck}: 400), then the model version must be in the lab (404)
     * and read a single channel (400): each frame is one plane.
     * The version left out is resolved again when the job is leased.
     */
    private static TrackingPayload tracking(UUID labId, TrackingPayload raw) {
        TrackingPayload p = raw.withDefaults();
        Map<String, String> problems = p.problems();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ApiException(400, "job.invalid-payload", String.join(" ", problems.values()),
                    Map.of("field", first.getKey(), "fields", List.copyOf(problems.keySet()), "kind",
                            JobKind.TRACKING.name()));
        }
        TrackingSeriesCheck.check(labId, p);
        if (p.groundTruth() != null) {
            TrackingGroundTruthCheck.check(p.groundTruth(), p.perFrameImages() ? p.imageIds()
                    : Collections.nCopies(ImageEntity.<ImageEntity>findById(p.imageId()).frames, p.imageId()),
                    !p.perFrameImages());
        }
        Map<String, Object> card = SegmentationModelCheck.version(labId, p.modelId(), p.modelVersion(), "model",
                "payload.modelId").card;
        Object channels = card == null ? null : card.get("channels");
        if (channels instanceof List<?> roles && roles.size() > 1) {
            throw new ApiException(400, "job.invalid-payload", "The model reads " + roles.size() + " channels "
                    + roles + ", but each frame of a series is a single plane; choose a one-channel model.",
                    Map.of("field", "payload.modelId", "kind", JobKind.TRACKING.name()));
        }
        PixelSizeCheck.segmentation(card, PixelSizeCheck.images(p.perFrameImages() ? p.imageIds()
                : List.of(p.imageId())), JobKind.TRACKING, p.perFrameImages() ? "payload.imageIds" : "payload.imageId",
                "model's ");
        return p;
    }

    /** The listed images in payload order; 400 for null or duplicate ids, 404 for one not in the lab. */
    private static List<ImageEntity> checkImages(UUID labId, List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > SegmentationPayload.MAX_IMAGES) {
            throw field("payload.imageIds", "imageIds must name 1 to " + SegmentationPayload.MAX_IMAGES
                    + " images, not " + ids.size() + ".");
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            if (id == null || !seen.add(id)) {
                throw new ApiException(400, "validation.invalid-field", "imageIds[" + i + "] is "
                        + (id == null ? "null" : "a duplicate") + ".", Map.of("field", "payload.imageIds", "item", i));
            }
        }
        Map<UUID, ImageEntity> found = new HashMap<>();
        ImageEntity.<ImageEntity>find("labId = ?1 and id in ?2", labId, ids).list()
                .forEach(image -> found.put(image.id, image));
        List<ImageEntity> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ImageEntity image = found.get(ids.get(i));
            if (image == null) {
                throw new ApiException(404, "not-found", "No image with id " + ids.get(i)
                        + " exists, or you cannot see it.", Map.of("resource", "image", "id", ids.get(i).toString(),
                        "item", i));
            }
            out.add(image);
        }
        return out;
    }

    private static ApiException field(String field, String message) {
        return ApiException.invalidField(field, message);
    }
}
