package org.labscale.api.trainingset.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.NameLock;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.sharing.service.SharedKind;
import org.labscale.api.sharing.service.TrainingSetSharing;
import org.labscale.api.sharing.service.VersionUsers;
import org.labscale.api.trainingset.persistence.TrainingSetEntity;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingItemRequest;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetRequest;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionRequest;
import org.labscale.shared.trainingset.Visibility;

/**
 * Training sets of a lab and their versions. A version freezes (image, annotation version, channel roles, pixel size)
 * items of the lab's own data; it is never updated, and the data it references cannot be deleted while it exists.
 * The pixel sizes are not part of the {@link ContentHash} (pixels, labels and roles), so hashes of versions frozen
 * before pixel sizes were and the packages exported from them stay valid; a model card records the pixel size its
 * training used beside the hash.
 */
@ApplicationScoped
public class TrainingSetService {

    /** Most items in one version. */
    public static final int MAX_ITEMS = 10_000;

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    TrainingSetSharing sharing;

    @Inject
    VersionUsers usersOf;

    @Transactional
    public TrainingSetDto create(UUID labId, TrainingSetRequest request) {
        access.requireLab(labId, Role.MEMBER);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {name, description, visibility}.");
        }
        String name = Texts.required(request.name(), "name", 200);
        NameLock.lock("training_set", labId, name);
        if (TrainingSetEntity.nameTaken(labId, name, null)) {
            throw ApiException.conflict("training-set.name-taken", "This lab already has a training set named '"
                    + name + "'.");
        }
        Instant now = clock.instant();
        String description = Texts.optional(request.description(), "description", 4000);
        Visibility visibility = request.visibility() == null ? Visibility.PRIVATE : request.visibility();
        TrainingSetEntity set = TrainingSetEntity.create(labId, name, description, visibility, 0, access.userId(), now);
        return set.toDto();
    }

    @Transactional
    public PageDto<TrainingSetDto> list(UUID labId, Paging paging) {
        access.requireLab(labId, Role.VIEWER);
        var query = TrainingSetEntity.<TrainingSetEntity>find("labId = ?1 order by lower(name), id", labId);
        List<TrainingSetEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
        Map<UUID, String> hashes = TrainingSetEntity.latestHashes(page.stream().map(s -> s.id).toList());
        return new PageDto<>(page.stream().map(s -> s.toDto(hashes.get(s.id))).toList(), paging.page(), paging.size(),
                query.count());
    }

    @Transactional
    public TrainingSetDto get(UUID id) {
        return require(id, Role.VIEWER).toDto();
    }

    @Transactional
    public TrainingSetDto update(UUID id, TrainingSetRequest request, String ifMatch) {
        TrainingSetEntity set = require(id, Role.MEMBER);
        Etags.requireMatch(ifMatch, set.version);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send the fields to change: {name, description}.");
        }
        if (request.name() != null) {
            String name = Texts.required(request.name(), "name", 200);
            if (TrainingSetEntity.nameTaken(set.labId, name, set.id)) {
                throw ApiException.conflict("training-set.name-taken", "This lab already has a training set named '"
                        + name + "'.");
            }
            set.name = name;
        }
        if (request.description() != null) {
            set.description = Texts.optional(request.description(), "description", 4000);
        }
        if (request.visibility() != null) {
            set.visibility = request.visibility();
        }
        set.updatedAt = clock.instant();
        set.flush();
        return set.toDto();
    }

    /**
     * Deletes the set with all its versions (which frees their images and annotations for deletion). Refused with 409
     * {@code training-set.in-use} while a version is used: by a queued or running TRAINING job of any lab, by a model
     * another lab trained on it, or by another lab's fork ({@link VersionUsers}).
     */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        TrainingSetEntity set = require(id, Role.MEMBER);
        Etags.requireMatch(ifMatch, set.version);
        for (TrainingSetVersionEntity v : TrainingSetVersionEntity.<TrainingSetVersionEntity>list(
                "trainingSetId = ?1 order by versionNumber", id)) {
            usersOf.refuseIfUsed(SharedKind.TRAINING_SET, set.labId, v.id, usersOf.ofTrainingSet(set.labId, id, v.id,
                    v.versionNumber), "training-set.in-use", "Version " + v.versionNumber + " of training set '"
                    + set.name + "'");
        }
        set.delete();
    }

    /**
     * Freezes a new version. Items are checked in order and the first problem is reported with its index
     * ({@code details.item}); an image or annotation of another lab reads exactly like a missing one.
     */
    @Transactional
    public TrainingSetVersionDto createVersion(UUID id, TrainingSetVersionRequest request) {
        TrainingSetEntity set = require(id, Role.MEMBER);
        // Serialises version creation per set, so numbers are consecutive without conflicts.
        TrainingSetEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || request.items() == null || request.items().isEmpty()) {
            throw ApiException.invalidField("items", "A training-set version needs at least one item.");
        }
        if (request.items().size() > MAX_ITEMS) {
            throw ApiException.invalidField("items", "A training-set version holds at most " + MAX_ITEMS
                    + " items, not " + request.items().size() + ".");
        }
        String notes = Texts.optional(request.notes(), "notes", 4000);
        List<Frozen> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < request.items().size(); i++) {
            Frozen item = resolve(set.labId, request.items().get(i), i);
            Integer earlier = seen.putIfAbsent(item.image.id + "/" + item.version.id, i);
            if (earlier != null) {
                throw new ApiException(400, "training-set.duplicate-item", "Items " + earlier + " and " + i
                        + " both freeze image " + item.image.id + " with annotation version " + item.version.id
                        + "; list each pair once.", Map.of("item", i, "duplicateOf", earlier));
            }
            items.add(item);
        }
        Instant now = clock.instant();
        set.latestVersion++;
        set.updatedAt = now;
        String hash = ContentHash.of(items.stream().map(f -> new ContentHash.Entry(f.image.sha256,
                f.version.sha256, f.version.kind, ContentHash.sorted(f.roles))).toList());
        TrainingSetVersionEntity version = TrainingSetVersionEntity.create(set, hash, notes, access.userId(), now);
        for (int i = 0; i < items.size(); i++) {
            TrainingSetItemEntity.create(version.id, i, items.get(i).image.id, items.get(i).version.id,
                    items.get(i).roles, items.get(i).image.pixelSizeUm);
        }
        TrainingSetEntity.flush();
        return toDto(version);
    }

    /** Versions, newest first. */
    @Transactional
    public PageDto<TrainingSetVersionDto> versions(UUID id, Paging paging) {
        require(id, Role.VIEWER);
        var query = TrainingSetVersionEntity.<TrainingSetVersionEntity>find(
                "trainingSetId = ?1 order by versionNumber desc", id);
        List<TrainingSetVersionEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
        return new PageDto<>(page.stream().map(this::toDto).toList(), paging.page(), paging.size(), query.count());
    }

    /** Version {@code n}, also for a caller outside the lab when it is public or granted to one of theirs. */
    @Transactional
    public TrainingSetVersionDto version(UUID id, int n) {
        if (!sharing.callerIsMember(id)) {
            return toDto(sharing.readableByCaller(id, n));
        }
        TrainingSetEntity set = require(id, Role.VIEWER);
        return toDto(TrainingSetVersionEntity.of(id, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Training set '" + set.name + "' has no version " + n + "; it has " + set.latestVersion + ".",
                Map.of("resource", "training-set version", "id", id + "/" + n))));
    }

    /** The set if the caller holds {@code minimum} in its lab; the same 404 for strangers and missing ones. */
    public TrainingSetEntity require(UUID id, Role minimum) {
        TrainingSetEntity set = TrainingSetEntity.findById(id);
        if (set == null) {
            throw ApiException.notFound("training set", id);
        }
        access.require(set.labId, minimum, "training set", id);
        return set;
    }

    private record Frozen(ImageEntity image, AnnotationEntity annotation, AnnotationVersionEntity version,
                          Map<String, String> roles) {
    }

    private Frozen resolve(UUID labId, TrainingItemRequest item, int index) {
        if (item == null || item.imageId() == null) {
            throw itemField(index, "imageId", "Item " + index + " needs an imageId.");
        }
        if (item.annotationId() == null) {
            throw itemField(index, "annotationId", "Item " + index + " needs an annotationId.");
        }
        ImageEntity image = ImageEntity.findById(item.imageId());
        if (image == null || !image.labId.equals(labId)) {
            throw notFound("image", item.imageId(), index);
        }
        AnnotationEntity annotation = AnnotationEntity.findById(item.annotationId());
        if (annotation == null || !annotation.labId.equals(labId)) {
            throw notFound("annotation", item.annotationId(), index);
        }
        if (!annotation.imageId.equals(image.id)) {
            throw new ApiException(400, "training-set.annotation-not-of-image", "Item " + index + ": annotation '"
                    + annotation.name + "' belongs to another image than " + image.id + ".",
                    Map.of("item", index, "annotationId", annotation.id.toString(), "imageId", image.id.toString()));
        }
        int n = item.annotationVersion() == null ? annotation.latestVersion : item.annotationVersion();
        AnnotationVersionEntity version = AnnotationVersionEntity.of(annotation.id, n)
                .orElseThrow(() -> notFound("annotation version", annotation.id + "/" + n, index));
        return new Frozen(image, annotation, version, ChannelRoles.check(image.channels, image.channelNames,
                item.channelRoles(), index, image.id.toString()));
    }

    private static ApiException itemField(int index, String field, String message) {
        return ChannelRoles.itemField(index, field, message);
    }

    private static ApiException notFound(String what, Object id, int index) {
        ApiException plain = ApiException.notFound(what, id);
        Map<String, Object> details = new LinkedHashMap<>(plain.details());
        details.put("item", index);
        return new ApiException(404, plain.code(), plain.getMessage(), details);
    }

    /** A version with its items (in the caller's transaction; no access check). */
    public TrainingSetVersionDto toDto(TrainingSetVersionEntity v) {
        List<TrainingSetItemEntity> rows = TrainingSetItemEntity.list(
                "trainingSetVersionId = ?1 order by position", v.id);
        List<TrainingItemDto> items = new ArrayList<>();
        for (TrainingSetItemEntity row : rows) {
            ImageEntity image = ImageEntity.findById(row.imageId);
            AnnotationVersionEntity version = AnnotationVersionEntity.findById(row.annotationVersionId);
            items.add(new TrainingItemDto(row.imageId, image.sha256, version.annotationId, version.id,
                    version.versionNumber, version.kind, version.sha256, row.channelRoles, row.pixelSizeUm));
        }
        return new TrainingSetVersionDto(v.id, v.trainingSetId, v.versionNumber, v.contentHash, v.notes, items,
                v.createdBy, v.createdAt);
    }
}
