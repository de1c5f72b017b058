package org.labscale.api.sharing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.NameLock;
import org.labscale.api.common.Texts;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.persistence.MembershipEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.persistence.ProjectEntity;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.trainingset.persistence.TrainingSetEntity;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;
import org.labscale.shared.sharing.OriginDto;
import org.labscale.shared.trainingset.Visibility;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Forks a training-set version into the caller's lab: its images and annotation versions are copied into a new
 * project of the lab (originals and masks server-side into the lab's blobs, previews and thumbnails object by
 * object), and a new training set's version 1 freezes the copies with the same channel roles, so it has the same
 * content hash. The set remembers its origin ({@link OriginDto}) and keeps working after the origin is deleted or
 * hidden. The caller must be a member of the target lab and see the version (a member of its lab, or the version is
 * public or granted to the target lab).
 */
@ApplicationScoped
public class TrainingSetForks {

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectStore store;

    @Inject
    SharedUse use;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    private record Source(OriginDto origin, String name, String description, List<TrainingSetItemEntity> items,
                          Map<UUID, ImageEntity> images, Map<UUID, AnnotationVersionEntity> versions,
                          Map<UUID, String> annotationNames) {

        /** Every blob the copy needs: (source key, sha256). */
        Map<String, String> blobs() {
            Map<String, String> all = new LinkedHashMap<>();
            images.values().forEach(i -> all.put(i.sha256, i.objectKey));
            versions.values().forEach(v -> all.put(v.sha256, v.objectKey));
            return all;
        }
    }

    public ForkDto fork(UUID labId, ForkRequest request) {
        Source source = QuarkusTransaction.requiringNew().call(() -> source(labId, request));
        Set<String> written = new LinkedHashSet<>();
        List<String> copies = new ArrayList<>();
        try {
            source.blobs().forEach((sha, key) -> {
                if (blobs.putIfAbsent(labId, sha, blobs.fromObject(key))) {
                    written.add(sha);
                }
            });
            return QuarkusTransaction.requiringNew().call(() -> insert(labId, source, copies));
        } catch (RuntimeException e) {
            copies.forEach(blobs::deleteQuietly);
            written.forEach(sha -> blobs.collect(labId, sha));
            throw e;
        }
    }

    private Source source(UUID labId, ForkRequest request) {
        access.requireLab(labId, Role.MEMBER);
        if (request == null || request.sourceId() == null) {
            throw ApiException.invalidField("sourceId", "Name the training set to fork in sourceId.");
        }
        if (request.version() == null || request.version() < 1) {
            throw ApiException.invalidField("version", "Name the version to fork (1 or more).");
        }
        TrainingSetEntity set = TrainingSetEntity.findById(request.sourceId());
        TrainingSetVersionEntity v = set == null ? null
                : TrainingSetVersionEntity.of(set.id, request.version()).orElse(null);
        boolean visible = v != null && (MembershipEntity.of(set.labId, access.userId()).isPresent()
                || VersionGrants.visibleTo(SharedKind.TRAINING_SET, v.id, List.of(labId)));
        if (!visible) {
            throw ApiException.notFound("training set", request.sourceId());
        }
        String name = request.name() == null ? set.name : Texts.required(request.name(), "name", 200);
        nameFree(labId, name);
        List<TrainingSetItemEntity> items = TrainingSetItemEntity.list("trainingSetVersionId = ?1 order by position",
                v.id);
        Map<UUID, ImageEntity> images = new LinkedHashMap<>();
        Map<UUID, AnnotationVersionEntity> versions = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (TrainingSetItemEntity item : items) {
            images.computeIfAbsent(item.imageId, id -> ImageEntity.findById(id));
            AnnotationVersionEntity av = versions.computeIfAbsent(item.annotationVersionId,
                    id -> AnnotationVersionEntity.findById(id));
            names.computeIfAbsent(av.annotationId, id -> AnnotationEntity.<AnnotationEntity>findById(id).name);
        }
        LabEntity lab = LabEntity.findById(set.labId);
        OriginDto origin = new OriginDto(set.labId, lab.name, set.id, set.name, v.versionNumber, v.id, v.contentHash);
        return new Source(origin, name, set.description, items, images, versions, names);
    }

    private static void nameFree(UUID labId, String name) {
        if (TrainingSetEntity.nameTaken(labId, name, null)) {
            throw new ApiException(409, "training-set.name-taken", "This lab already has a training set named '"
                    + name + "'; give the fork another name.", Map.of("field", "name"));
        }
    }

    private ForkDto insert(UUID labId, Source source, List<String> copies) throws Exception {
        access.requireLab(labId, Role.MEMBER);
        NameLock.lock("training_set", labId, source.name()); // a concurrent fork of the same name waits, then hears 409
        nameFree(labId, source.name());
        source.blobs().forEach((sha, key) -> blobs.lockAndEnsure(labId, sha, blobs.fromObject(key)));
        Instant now = clock.instant();
        UUID user = access.userId();
        ProjectEntity project = new ProjectEntity();
        project.id = UUID.randomUUID();
        project.labId = labId;
        project.name = projectName(labId, source.name());
        project.description = "Images of the training set '" + source.origin().name() + "' v"
                + source.origin().version() + " of lab " + source.origin().labName() + ", forked.";
        project.tags = new String[] {"fork"};
        project.createdBy = user;
        project.createdAt = now;
        project.updatedAt = now;
        project.persist();
        Map<UUID, UUID> imageCopies = new LinkedHashMap<>();
        for (ImageEntity from : source.images().values()) {
            ImageEntity to = copy(from, frozenPixelSize(source, from.id), labId, project.id, user, now, copies);
            imageCopies.put(from.id, to.id);
        }
        Map<UUID, UUID> versionCopies = new LinkedHashMap<>();
        Set<String> usedNames = new LinkedHashSet<>();
        for (AnnotationVersionEntity from : source.versions().values()) {
            UUID image = imageOf(source, from.id);
            String base = source.annotationNames().get(from.annotationId);
            String name = usedNames.add(imageCopies.get(image) + "/" + base.toLowerCase()) ? base
                    : base + " v" + from.versionNumber;
            usedNames.add(imageCopies.get(image) + "/" + name.toLowerCase());
            versionCopies.put(from.id, copy(from, labId, imageCopies.get(image), name, user, now));
        }
        TrainingSetEntity set = TrainingSetEntity.create(labId, source.name(), source.description(),
                Visibility.PRIVATE, 1, user, now);
        // same bytes, kinds and roles: the same content hash
        TrainingSetVersionEntity version = TrainingSetVersionEntity.create(set, source.origin().hash(),
                "Forked from '" + source.origin().name() + "' v" + source.origin().version() + " of lab "
                + source.origin().labName() + ".", user, now);
        for (TrainingSetItemEntity from : source.items()) {
            TrainingSetItemEntity.create(version.id, from.position, imageCopies.get(from.imageId),
                    versionCopies.get(from.annotationVersionId), from.channelRoles, from.pixelSizeUm);
        }
        em.flush();
        em.createNativeQuery("update training_set set origin = cast(:origin as jsonb) where id = :id")
                .setParameter("origin", mapper.writeValueAsString(source.origin())).setParameter("id", set.id)
                .executeUpdate();
        use.record(SharedKind.TRAINING_SET, source.origin().versionId(), source.origin().labId(), labId,
                SharedUse.Use.FORK, null);
        return new ForkDto(labId, set.id, set.name, 1, version.id, source.origin());
    }

    /** The image's pixel size as the source version froze it: the copy says what its version trains on. */
    private static Double frozenPixelSize(Source source, UUID imageId) {
        return source.items().stream().filter(i -> i.imageId.equals(imageId)).findFirst().orElseThrow().pixelSizeUm;
    }

    private static UUID imageOf(Source source, UUID annotationVersionId) {
        return source.items().stream().filter(i -> i.annotationVersionId.equals(annotationVersionId)).findFirst()
                .orElseThrow().imageId;
    }

    private static String projectName(UUID labId, String setName) {
        return ProjectEntity.freeName(labId, (setName.length() > 180 ? setName.substring(0, 180) : setName)
                + " (fork)");
    }

    private ImageEntity copy(ImageEntity from, Double pixelSizeUm, UUID labId, UUID projectId, UUID user,
                             Instant now, List<String> copies) {
        ImageEntity to = new ImageEntity();
        to.id = UUID.randomUUID();
        to.labId = labId;
        to.projectId = projectId;
        to.name = from.name;
        to.format = from.format;
        to.width = from.width;
        to.height = from.height;
        to.channels = from.channels;
        to.frames = from.frames;
        to.bitsPerSample = from.bitsPerSample;
        to.sampleType = from.sampleType;
        to.compression = from.compression;
        to.pageMode = from.pageMode;
        to.channelNames = from.channelNames;
        to.pixelSizeUm = pixelSizeUm;
        to.sha256 = from.sha256;
        to.sizeBytes = from.sizeBytes;
        to.objectKey = StorageKeys.blob(labId, from.sha256);
        to.previewKey = StorageKeys.preview(labId, to.id);
        to.thumbnailKey = StorageKeys.thumbnail(labId, to.id);
        copies.add(to.previewKey);
        store.copy(from.previewKey, to.previewKey);
        copies.add(to.thumbnailKey);
        store.copy(from.thumbnailKey, to.thumbnailKey);
        to.createdBy = user;
        to.createdAt = now;
        to.updatedAt = now;
        to.persist();
        return to;
    }

    private static UUID copy(AnnotationVersionEntity from, UUID labId, UUID imageId, String name, UUID user,
                             Instant now) {
        AnnotationEntity annotation = new AnnotationEntity();
        annotation.id = UUID.randomUUID();
        annotation.labId = labId;
        annotation.imageId = imageId;
        annotation.name = name;
        annotation.kind = from.kind;
        annotation.latestVersion = 1;
        annotation.createdAt = now;
        annotation.updatedAt = now;
        annotation.persist();
        AnnotationVersionEntity to = new AnnotationVersionEntity();
        to.id = UUID.randomUUID();
        to.annotationId = annotation.id;
        to.labId = labId;
        to.versionNumber = 1;
        to.kind = from.kind;
        to.sha256 = from.sha256;
        to.sizeBytes = from.sizeBytes;
        to.objectKey = StorageKeys.blob(labId, from.sha256);
        to.classPixelCounts = from.classPixelCounts;
        to.cellCount = from.cellCount;
        to.createdBy = user;
        to.createdAt = now;
        to.persist();
        return to.id;
    }
}
