package org.labscale.api.job.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.annotation.service.AnnotationService;
import org.labscale.api.common.Hashing;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelMemberEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.model.service.ModelService;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.api.sharing.service.TrainingSetSharing;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.api.trainingset.service.TrainingSetService;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.job.CtcGroundTruth;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.job.TrackingFramesPayload;
import org.labscale.shared.job.TrackingPayload;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a lease hands a worker besides its payload: presigned GET URLs of the job's input objects, their SHA-256
 * (so the worker's content cache can check what it downloaded), and the facts the API resolved (context).
 * <ul>
 *   <li>TRAINING: {@code image/<imageId>} (original) and {@code classmap/<annotationVersionId>} (derived 8-bit class
 *       map PNG) for every item, and {@code mask/<annotationVersionId>} (the original instance or binary mask, which
 *       a worker resampling the image to another pixel size makes a class map at that size) where there is one,
 *       of every training-set version (another lab's shared version too, for this job only); context
 *       {@code trainingSets}: the versions, whose items carry the pixel sizes they froze (the worker resamples them
 *       to one, {@code TrainingPixelSize}), and {@code imagePixelSizes}: image id to that frozen pixel size in
 *       micrometres (what workers before the items carried it read).</li>
 *   <li>SEGMENTATION: {@code model/<modelVersionId>/member-<i>.onnx} of the model (and of the nuclear model),
 *       {@code image/<imageId>} of every image that still exists, and {@code mask/<imageId>} (the original of the
 *       newest instance or binary mask, else class map) where the image has one; context {@code model},
 *       {@code nuclearModel}, {@code images}, {@code references}. Images deleted since submission are left out (the
 *       worker reports them as failed); a model version deleted since (deletion is refused while a job uses it, so
 *       only a race) reads as {@code model: null}.</li>
 *   <li>TRACKING: the model's members as for SEGMENTATION and {@code image/<imageId>} of the series; context
 *       {@code model}, {@code image} (null when deleted since submission) and {@code frames} (its frame count, 0 when
 *       deleted), which also fixes the names of the per-frame outputs; a series listed one image per frame
 *       ({@code imageIds}) gives {@code image/<id>} of each frame and context {@code images} in frame order (null
 *       for one deleted) with {@code frames} the list's length; with a CTC ground truth, {@code markers/<id>} and
 *       {@code segmentation/<id>} of the frames' annotations and context {@code groundTruth} (a multi-page series:
 *       {@code markers/<id>#<t>} from its annotations {@code <name>#<t>}); with a KTR cytoplasm model, its members
 *       too and context {@code cytoplasmModel}. A TRACKING job split into parts ({@link TrackingSplit}) is leased
 *       once they all succeeded: it also gets each frame's mask as {@code segmented/<t>} (hashed as its part
 *       reported) and context {@code segmented} ({@code frames}, and the {@code devices} its parts ran on).</li>
 *   <li>TRACKING_FRAMES: as TRACKING for its {@code series}, without the ground truth and the KTR cytoplasm model
 *       (the tracking step measures the reporter).</li>
 * </ul>
 * Everything is read from the job's own lab, or from a version another lab shares with it now.
 */
@ApplicationScoped
public class JobInputs {

    @Inject
    ObjectStore store;

    @Inject
    JobLimits limits;

    @Inject
    EntityManager em;

    @Inject
    TrainingSetService trainingSets;

    @Inject
    AnnotationService annotations;

    @Inject
    ObjectMapper mapper;

    @Inject
    ModelService models;

    /**
     * @param urls     input name to presigned GET URL
     * @param hashes   input name to SHA-256 hex
     * @param context  kind-specific resolved facts
     * @param imageIds the images a SEGMENTATION lease covers, in order (its per-image outputs)
     * @param frames   the frames of a TRACKING lease's series (its per-frame outputs); 0 for other kinds
     */
    public record Resolved(Map<String, String> urls, Map<String, String> hashes, Map<String, Object> context,
                           List<UUID> imageIds, int frames) {

        public Resolved(Map<String, String> urls, Map<String, String> hashes, Map<String, Object> context,
                        List<UUID> imageIds) {
            this(urls, hashes, context, imageIds, 0);
        }
    }

    public Resolved resolve(UUID jobId, UUID labId, JobKind kind, Map<String, Object> payload) {
        return switch (kind) {
            case SELF_TEST -> new Resolved(Map.of(), Map.of(), Map.of(), List.of());
            case TRAINING -> training(labId, payload);
            case SEGMENTATION -> segmentation(labId, payload);
            case TRACKING -> tracking(jobId, labId, mapper.convertValue(payload, TrackingPayload.class));
            case TRACKING_FRAMES -> tracking(null, labId,
                    mapper.convertValue(payload, TrackingFramesPayload.class).series());
        };
    }

    private Resolved training(UUID labId, Map<String, Object> payload) {
        Builder b = new Builder(limits.urlTtl(JobKind.TRAINING));
        List<TrainingSetVersionDto> versions = new ArrayList<>();
        List<AnnotationVersionEntity> classMaps = new ArrayList<>();
        Map<String, Double> pixelSizes = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            List<TrainingSetRef> refs = mapper.convertValue(payload, TrainingPayload.class).trainingSets();
            for (TrainingSetRef ref : refs == null ? List.<TrainingSetRef>of() : refs) {
                if (ref == null || ref.trainingSetId() == null || ref.version() == null) {
                    continue;
                }
                // The lab's own versions, and another lab's while it is public or granted (a revoked one reads as
                // absent, as does a deleted set: frozen versions cannot be deleted while their set exists).
                TrainingSetVersionEntity v = TrainingSetSharing.usableBy(labId, ref.trainingSetId(), ref.version())
                        .orElse(null);
                if (v == null) {
                    continue;
                }
                versions.add(trainingSets.toDto(v));
                for (TrainingSetItemEntity item : TrainingSetItemEntity.<TrainingSetItemEntity>list(
                        "trainingSetVersionId = ?1 order by position", v.id)) {
                    ImageEntity image = ImageEntity.findById(item.imageId);
                    b.put("image/" + image.id, image.objectKey, image.sha256);
                    if (item.pixelSizeUm != null) { // as frozen; the items of trainingSets carry it too
                        pixelSizes.put(image.id.toString(), item.pixelSizeUm);
                    }
                    AnnotationVersionEntity av = AnnotationVersionEntity.findById(item.annotationVersionId);
                    if (av.kind != AnnotationKind.CLASS_MAP && av.objectKey != null && av.sha256 != null) {
                        b.put("mask/" + av.id, av.objectKey, av.sha256.trim()); // fetched only to resample
                    }
                    if (!b.urls.containsKey("classmap/" + av.id)) {
                        classMaps.add(av);
                        b.urls.put("classmap/" + av.id, null); // placeholder keeps the order; filled below
                    }
                }
            }
        });
        // Outside the transaction: a class map may have to be derived again or hashed (seconds for a big image).
        for (AnnotationVersionEntity av : classMaps) {
            String key = annotations.ensureClassMap(av);
            b.put("classmap/" + av.id, key, classMapSha256(av, key));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("trainingSets", versions);
        context.put("imagePixelSizes", pixelSizes);
        return new Resolved(b.urls, b.hashes, context, List.of());
    }

    private Resolved segmentation(UUID labId, Map<String, Object> stored) {
        SegmentationPayload payload = mapper.convertValue(stored, SegmentationPayload.class);
        return QuarkusTransaction.requiringNew().call(() -> {
            Builder b = new Builder(limits.urlTtl(JobKind.SEGMENTATION));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("model", model(labId, payload.modelId(), payload.modelVersion(), b));
            context.put("nuclearModel", model(labId, payload.nuclearModelId(), payload.nuclearModelVersion(), b));
            List<ImageEntity> images = images(labId, payload);
            images.forEach(image -> b.put("image/" + image.id, image.objectKey, image.sha256));
            context.put("images", images.stream().map(ImageEntity::toDto).toList());
            Map<String, Object> references = new LinkedHashMap<>();
            for (Object[] row : references(labId, images.stream().map(i -> i.id).toList())) {
                UUID imageId = (UUID) row[0];
                b.put("mask/" + imageId, (String) row[2], ((String) row[3]).trim());
                references.put(imageId.toString(), Map.of("annotationKind", row[1]));
            }
            context.put("references", references);
            return new Resolved(b.urls, b.hashes, context, images.stream().map(i -> i.id).toList());
        });
    }

    /** @param jobId the TRACKING job, whose parts' masks are inputs too; null for a part */
    private Resolved tracking(UUID jobId, UUID labId, TrackingPayload payload) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Builder b = new Builder(limits.urlTtl(JobKind.TRACKING));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("model", model(labId, payload.modelId(), payload.modelVersion(), b));
            if (jobId != null) {
                segmented(jobId, b, context);
            }
            if (jobId != null && payload.ktr() != null && payload.ktr().cytoplasmModelId() != null) {
                context.put("cytoplasmModel", model(labId, payload.ktr().cytoplasmModelId(),
                        payload.ktr().cytoplasmModelVersion(), b));
            }
            if (payload.imageIds() != null) {
                if (jobId != null && payload.groundTruth() != null) {
                    context.put("groundTruth", groundTruth(payload.imageIds(), false, payload.groundTruth(), b));
                }
                return trackingFrames(labId, payload.imageIds(), b, context);
            }
            ImageEntity image = payload.imageId() == null ? null : ImageEntity.<ImageEntity>find(
                    "labId = ?1 and id = ?2", labId, payload.imageId()).firstResult();
            if (image != null) {
                b.put("image/" + image.id, image.objectKey, image.sha256);
                if (jobId != null && payload.groundTruth() != null) {
                    context.put("groundTruth", groundTruth(Collections.nCopies(image.frames, image.id), true,
                            payload.groundTruth(), b));
                }
            }
            context.put("image", image == null ? null : image.toDto());
            context.put("frames", image == null ? 0 : image.frames);
            return new Resolved(b.urls, b.hashes, context, image == null ? List.of() : List.of(image.id),
                    image == null ? 0 : image.frames);
        });
    }

    /**
     * The masks a TRACKING job's parts stored, as {@code segmented/<t>} with the hash each part reported, and context
     * {@code segmented}; nothing for a job without parts (submitted before jobs were split).
     */
    @SuppressWarnings("unchecked")
    private void segmented(UUID jobId, Builder b, Map<String, Object> context) {
        List<Object[]> rows = em.createNativeQuery("""
                        select o.name, o.object_key, k.result ->> 'device',
                               k.result -> 'masks' ->> substring(o.name from 'masks/([0-9]+)[.]tif')
                        from job k join job_output o on o.job_id = k.id
                        where k.parent_id = :job and k.state = 'SUCCEEDED'
                        order by substring(o.name from 'masks/([0-9]+)[.]tif')::int""")
                .setParameter("job", jobId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Set<String> devices = new LinkedHashSet<>();
        for (Object[] row : rows) {
            String name = (String) row[0];
            b.put("segmented/" + name.substring("masks/".length(), name.length() - ".tif".length()), (String) row[1],
                    (String) row[3]);
            if (row[2] != null) {
                devices.add((String) row[2]);
            }
        }
        context.put("segmented", Map.of("frames", rows.size(), "devices", List.copyOf(devices)));
    }

    /**
     * A series listed one image per frame: each frame's file as {@code image/<id>}, and in the context
     * {@code images} (in frame order, null for one deleted since submission) and {@code frames}.
     */
    private Resolved trackingFrames(UUID labId, List<UUID> ids, Builder b, Map<String, Object> context) {
        Map<UUID, ImageEntity> found = new HashMap<>();
        ImageEntity.<ImageEntity>find("labId = ?1 and id in ?2", labId, ids).list()
                .forEach(image -> found.put(image.id, image));
        List<Object> images = new ArrayList<>();
        for (UUID id : ids) {
            ImageEntity image = found.get(id);
            if (image != null) {
                b.put("image/" + image.id, image.objectKey, image.sha256);
            }
            images.add(image == null ? null : image.toDto());
        }
        context.put("images", images);
        context.put("frames", ids.size());
        return new Resolved(b.urls, b.hashes, context, List.copyOf(found.keySet()), ids.size());
    }

    /**
     * A series' CTC ground truth: the newest version of each frame's markers annotation as {@code markers/<id>}, and
     * of its segmentation annotation as {@code segmentation/<id>} where the frame has one (a multi-page series:
     * {@code markers/<id>#<t>} and {@code segmentation/<id>#<t>}, from its annotations {@code <name>#<t>}); the context
     * lists, in frame order, whether each frame has its markers and its segmentation (an annotation deleted since
     * submission reads as absent), with the track file's text.
     *
     * @param ids the image of each frame (a multi-page series: the same image for every frame)
     */
    private static Map<String, Object> groundTruth(List<UUID> ids, boolean multiPage, CtcGroundTruth truth,
                                                   Builder b) {
        List<Boolean> markers = new ArrayList<>();
        List<Boolean> segmentation = new ArrayList<>();
        for (int t = 0; t < ids.size(); t++) {
            UUID id = ids.get(t);
            String suffix = multiPage ? "#" + t : "";
            markers.add(putNewest(b, "markers/" + id + suffix, id,
                    CtcGroundTruth.frameAnnotation(truth.markers(), multiPage, t)));
            segmentation.add(truth.segmentation() != null && putNewest(b, "segmentation/" + id + suffix, id,
                    CtcGroundTruth.frameAnnotation(truth.segmentation(), multiPage, t)));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("markers", markers);
        context.put("segmentation", segmentation);
        context.put("tracks", truth.tracks());
        return context;
    }

    /** The newest version of the image's instance-mask annotation of that name as input {@code name}; false: none. */
    private static boolean putNewest(Builder b, String name, UUID imageId, String annotation) {
        AnnotationEntity a = AnnotationEntity.byName(imageId, annotation)
                .filter(found -> found.kind == AnnotationKind.INSTANCE_MASK).orElse(null);
        AnnotationVersionEntity v = a == null ? null : AnnotationVersionEntity.of(a.id, a.latestVersion).orElse(null);
        if (v == null) {
            return false;
        }
        b.put(name, v.objectKey, v.sha256.trim());
        return true;
    }

    /**
     * A model version of the lab, or another lab's version that is public or granted to the lab now (null version:
     * the latest), with its members as inputs; null when absent or no longer usable (a revoked grant).
     */
    private Object model(UUID labId, UUID modelId, Integer version, Builder b) {
        if (modelId == null) {
            return null;
        }
        ModelEntity model = ModelEntity.inLab(labId, modelId).orElse(null);
        ModelVersionEntity v = model != null
                ? ModelVersionEntity.of(model.id, version == null ? model.latestVersion : version).orElse(null)
                : ModelSharing.usableBy(labId, modelId, version).orElse(null);
        if (v == null) {
            return null;
        }
        for (ModelMemberEntity m : ModelMemberEntity.ofVersion(v.id)) {
            // A shared version's members stay in the owning lab's blobs; only these keys are presigned.
            b.put("model/" + v.id + "/member-" + m.memberIndex + ".onnx", StorageKeys.blob(v.labId, m.sha256),
                    m.sha256);
        }
        return models.toDto(v);
    }

    /** The images a SEGMENTATION payload names (a list, a project, or a training-set version) that still exist. */
    private static List<ImageEntity> images(UUID labId, SegmentationPayload payload) {
        if (payload.imageIds() != null && !payload.imageIds().isEmpty()) {
            List<UUID> ids = payload.imageIds();
            Map<UUID, ImageEntity> found = new LinkedHashMap<>();
            ImageEntity.<ImageEntity>list("labId = ?1 and id in ?2", labId, ids).forEach(i -> found.put(i.id, i));
            return ids.stream().distinct().map(found::get).filter(Objects::nonNull).toList();
        }
        if (payload.projectId() != null) {
            return ImageEntity.list("labId = ?1 and projectId = ?2 order by createdAt, id", labId, payload.projectId());
        }
        TrainingSetRef ref = payload.trainingSet();
        TrainingSetVersionEntity v = ref == null || ref.trainingSetId() == null || ref.version() == null ? null
                : TrainingSetVersionEntity.of(ref.trainingSetId(), ref.version())
                .filter(found -> found.labId.equals(labId)).orElse(null);
        if (v == null) {
            return List.of();
        }
        Set<UUID> seen = new LinkedHashSet<>();
        TrainingSetItemEntity.<TrainingSetItemEntity>list("trainingSetVersionId = ?1 order by position", v.id)
                .forEach(item -> seen.add(item.imageId));
        return seen.stream().map(id -> ImageEntity.<ImageEntity>findById(id)).filter(Objects::nonNull).toList();
    }

    /**
     * Per image, the reference to score against: the newest version of its instance or binary masks, else of its
     * class maps. Rows: image id, kind, object key, sha256.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> references(UUID labId, List<UUID> imageIds) {
        if (imageIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery("""
                        select distinct on (a.image_id) a.image_id, av.kind, av.object_key, av.sha256
                        from annotation a join annotation_version av on av.annotation_id = a.id
                        where a.lab_id = :lab and a.image_id in (:ids)
                        order by a.image_id, case when av.kind = 'CLASS_MAP' then 1 else 0 end,
                                 av.created_at desc, av.version_number desc""")
                .setParameter("lab", labId).setParameter("ids", imageIds).getResultList();
    }

    /** The class map's SHA-256: stored with the version the first time a lease needs it. */
    private String classMapSha256(AnnotationVersionEntity av, String key) {
        String known = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select class_map_sha256 from annotation_version where id = :id").setParameter("id", av.id)
                .getSingleResult());
        if (known != null) {
            return known.trim();
        }
        MessageDigest digest = Hashing.sha256();
        try (InputStream in = new DigestInputStream(store.open(key), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("hashing the class map of annotation version " + av.id + " failed", e);
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update annotation_version set class_map_sha256 = :sha where id = :id")
                .setParameter("sha", sha).setParameter("id", av.id).executeUpdate());
        return sha;
    }

    /** Collects inputs in order. */
    private final class Builder {
        final Map<String, String> urls = new LinkedHashMap<>();
        final Map<String, String> hashes = new LinkedHashMap<>();
        final Duration ttl;

        /** @param ttl how long the URLs live: as long as the job may run ({@link JobLimits#urlTtl}) */
        Builder(Duration ttl) {
            this.ttl = ttl;
        }

        void put(String name, String key, String sha256) {
            urls.put(name, store.presignGet(key, ttl, null));
            hashes.put(name, sha256);
        }
    }
}
