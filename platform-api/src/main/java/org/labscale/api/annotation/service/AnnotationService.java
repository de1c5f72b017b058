package org.labscale.api.annotation.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;

import org.labscale.api.account.persistence.UserEntity;
import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ImageIngest;
import org.labscale.api.image.service.ImageService;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.Rejections;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.image.service.StoredObjects;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.account.Role;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.api.PageDto;

/**
 * Annotations of an image: each a name ("default", "nuclei", ...) with a fixed kind and a series of immutable
 * versions. Uploading under an existing name appends version N+1. Like images, a rejected file leaves nothing behind:
 * all checks run before the first S3 write, and writes are undone if the row cannot be inserted.
 */
@ApplicationScoped
public class AnnotationService {

    public static final String DEFAULT_NAME = "default";

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    LabAccess access;

    @Inject
    ImageService images;

    @Inject
    AnnotationMasks masks;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectStore store;

    @Inject
    StoredObjects objects;

    /** An annotation's stored objects, after the access check. */
    public record Stored(String key, String downloadName) {
    }

    /** The image's lab, if the caller may annotate it (404 / 403 otherwise); checked before an upload's body is read. */
    public UUID authorize(UUID imageId) {
        return QuarkusTransaction.requiringNew().call(() -> images.require(imageId, Role.MEMBER).labId);
    }

    /**
     * Validates {@code file} and stores it as the next version of the image's annotation {@code name}.
     *
     * @return the annotation with the new version as its latest
     */
    public AnnotationDto upload(UUID imageId, Path file, String fileName, String kindValue, String nameValue) {
        AnnotationKind kind = kind(kindValue);
        String name = nameValue == null || nameValue.isBlank() ? DEFAULT_NAME : Texts.required(nameValue, "name", 200);
        ImageEntity image = QuarkusTransaction.requiringNew().call(() -> {
            ImageEntity i = images.require(imageId, Role.MEMBER);
            AnnotationEntity.byName(imageId, name).ifPresent(a -> checkKind(a, kind));
            return i;
        });
        String what = "'" + (fileName == null ? name : fileName) + "'";
        long size = size(file);
        if (size > config.upload().maxBytes()) {
            throw Rejections.tooLarge(size, config.upload().maxBytes());
        }
        AnnotationMasks.Reading reading = masks.read(file, kind, image.width, image.height, what);
        String sha256 = ImageIngest.sha256(file);

        UUID labId = image.labId;
        UUID versionId = UUID.randomUUID();
        String classMapKey = StorageKeys.classMap(labId, versionId);
        LabBlobs.BlobWriter writer = blobs.fromFile(file, "application/octet-stream");
        boolean done = false;
        try {
            blobs.putIfAbsent(labId, sha256, writer);
            store.putBytes(classMapKey, reading.classMap(), "image/png");
            AnnotationDto dto = QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
                images.require(imageId, Role.MEMBER);
                // Serialises uploads to one image, so "find or create by name, then append N+1" cannot race.
                ImageEntity.findById(imageId, LockModeType.PESSIMISTIC_WRITE);
                blobs.lockAndEnsure(labId, sha256, writer);
                Instant now = clock.instant();
                AnnotationEntity annotation = AnnotationEntity.byName(imageId, name).orElse(null);
                if (annotation == null) {
                    annotation = new AnnotationEntity();
                    annotation.id = UUID.randomUUID();
                    annotation.labId = labId;
                    annotation.imageId = imageId;
                    annotation.name = name;
                    annotation.kind = kind;
                    annotation.createdAt = now;
                } else {
                    checkKind(annotation, kind);
                }
                annotation.latestVersion++;
                annotation.updatedAt = now;
                annotation.persist();
                AnnotationVersionEntity version = new AnnotationVersionEntity();
                version.id = versionId;
                version.annotationId = annotation.id;
                version.labId = labId;
                version.versionNumber = annotation.latestVersion;
                version.kind = kind;
                version.sha256 = sha256;
                version.sizeBytes = size;
                version.objectKey = StorageKeys.blob(labId, sha256);
                version.classPixelCounts = reading.summary().classPixelCounts().toArray(Long[]::new);
                version.cellCount = reading.summary().cellCount().orElse(0);
                version.createdBy = access.userId();
                version.createdAt = now;
                version.persist();
                AnnotationEntity.flush();
                return toDto(annotation, version, emails(List.of(version)));
            });
            done = true;
            return dto;
        } finally {
            if (!done) {
                blobs.deleteQuietly(classMapKey);
                blobs.collect(labId, sha256);
            }
        }
    }

    @Transactional
    public List<AnnotationDto> list(UUID imageId) {
        images.require(imageId, Role.VIEWER);
        List<AnnotationEntity> annotations = AnnotationEntity.list("imageId = ?1 order by lower(name)", imageId);
        List<AnnotationVersionEntity> latest = new ArrayList<>();
        for (AnnotationEntity a : annotations) {
            AnnotationVersionEntity.of(a.id, a.latestVersion).ifPresent(latest::add);
        }
        Map<UUID, String> emails = emails(latest);
        Map<UUID, AnnotationVersionEntity> byAnnotation = new HashMap<>();
        latest.forEach(v -> byAnnotation.put(v.annotationId, v));
        return annotations.stream().map(a -> toDto(a, byAnnotation.get(a.id), emails)).toList();
    }

    @Transactional
    public AnnotationDto get(UUID annotationId) {
        AnnotationEntity a = require(annotationId, Role.VIEWER);
        AnnotationVersionEntity latest = AnnotationVersionEntity.of(a.id, a.latestVersion).orElse(null);
        return toDto(a, latest, emails(latest == null ? List.of() : List.of(latest)));
    }

    /** The annotation's entity version, for the ETag. */
    @Transactional
    public long etagVersion(UUID annotationId) {
        return require(annotationId, Role.VIEWER).version;
    }

    /** Versions, newest first. */
    @Transactional
    public PageDto<AnnotationVersionDto> versions(UUID annotationId, Paging paging) {
        require(annotationId, Role.VIEWER);
        var query = AnnotationVersionEntity.<AnnotationVersionEntity>find(
                "annotationId = ?1 order by versionNumber desc", annotationId);
        List<AnnotationVersionEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
        Map<UUID, String> emails = emails(page);
        return new PageDto<>(page.stream().map(v -> toDto(v, emails)).toList(), paging.page(), paging.size(),
                query.count());
    }

    /** Where version {@code n}'s original mask is. */
    @Transactional
    public Stored mask(UUID annotationId, int n) {
        AnnotationEntity a = require(annotationId, Role.VIEWER);
        AnnotationVersionEntity v = version(a, n);
        return new Stored(v.objectKey, a.name + "-v" + n);
    }

    /**
     * Where version {@code n}'s derived class map is. It is written at upload; should it be missing (lost bucket
     * content), it is derived again from the mask and stored.
     */
    public Stored classMap(UUID annotationId, int n) {
        AnnotationVersionEntity v = QuarkusTransaction.requiringNew().call(() ->
                version(require(annotationId, Role.VIEWER), n));
        return new Stored(ensureClassMap(v), "class-map-v" + n + ".png");
    }

    /** The key of a version's derived class map, derived again and stored first if it is missing (no access check). */
    public String ensureClassMap(AnnotationVersionEntity v) {
        String key = StorageKeys.classMap(v.labId, v.id);
        if (!store.exists(key)) {
            store.putBytes(key, derive(v), "image/png");
        }
        return key;
    }

    public void delete(UUID annotationId, String ifMatch) {
        StoredObjects.Garbage garbage = QuarkusTransaction.requiringNew().call(() -> {
            AnnotationEntity a = require(annotationId, Role.MEMBER);
            Etags.requireMatch(ifMatch, a.version);
            if (AnnotationEntity.inTrainingSet(annotationId)) {
                throw ApiException.conflict("annotation.in-training-set", "A version of annotation '" + a.name
                        + "' is part of a training-set version, which is immutable; it cannot be deleted.");
            }
            StoredObjects.Garbage g = objects.ofAnnotation(a.labId, a.id);
            a.delete(); // versions go with it (ON DELETE CASCADE)
            return g;
        });
        objects.dispose(garbage);
    }

    /** The annotation if the caller holds {@code minimum} in its lab; the same 404 for strangers and missing ones. */
    public AnnotationEntity require(UUID annotationId, Role minimum) {
        AnnotationEntity a = AnnotationEntity.findById(annotationId);
        if (a == null) {
            throw ApiException.notFound("annotation", annotationId);
        }
        access.require(a.labId, minimum, "annotation", annotationId);
        return a;
    }

    private static AnnotationVersionEntity version(AnnotationEntity a, int n) {
        return AnnotationVersionEntity.of(a.id, n).orElseThrow(() -> new ApiException(404, "not-found",
                "Annotation '" + a.name + "' has no version " + n + "; its versions are 1.." + a.latestVersion + ".",
                Map.of("resource", "annotation version", "id", a.id + "/" + n)));
    }

    private byte[] derive(AnnotationVersionEntity v) {
        Path temp = null;
        try {
            temp = Files.createTempFile("labscale-mask-", ".bin");
            store.download(v.objectKey, temp);
            ImageEntity image = QuarkusTransaction.requiringNew().call(() -> ImageEntity.<ImageEntity>findById(
                    AnnotationEntity.<AnnotationEntity>findById(v.annotationId).imageId));
            return masks.read(temp, v.kind, image.width, image.height, "version " + v.versionNumber).classMap();
        } catch (IOException e) {
            throw new UncheckedIOException("deriving the class map of annotation version " + v.id + " failed", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static void checkKind(AnnotationEntity a, AnnotationKind kind) {
        if (a.kind != kind) {
            throw new ApiException(409, "annotation.kind-mismatch", "Annotation '" + a.name + "' holds " + a.kind
                    + " versions; a new version must be " + a.kind + " too, not " + kind
                    + ". Upload it under another name.", Map.of("kind", a.kind.name()));
        }
    }

    private static AnnotationKind kind(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField("kind", "kind is required: CLASS_MAP, INSTANCE_MASK or BINARY_MASK.");
        }
        try {
            return AnnotationKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("kind", "kind must be CLASS_MAP, INSTANCE_MASK or BINARY_MASK, not '"
                    + value + "'.");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of the uploaded annotation failed", e);
        }
    }

    private static Map<UUID, String> emails(Collection<AnnotationVersionEntity> versions) {
        List<UUID> ids = versions.stream().map(v -> v.createdBy).filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> emails = new HashMap<>();
        if (!ids.isEmpty()) {
            UserEntity.<UserEntity>list("id in ?1", ids).forEach(u -> emails.put(u.id, u.email));
        }
        return emails;
    }

    private static AnnotationDto toDto(AnnotationEntity a, AnnotationVersionEntity latest, Map<UUID, String> emails) {
        return new AnnotationDto(a.id, a.imageId, a.name, a.kind, a.latestVersion,
                latest == null ? null : toDto(latest, emails), a.createdAt, a.updatedAt);
    }

    static AnnotationVersionDto toDto(AnnotationVersionEntity v, Map<UUID, String> emails) {
        return new AnnotationVersionDto(v.id, v.annotationId, v.versionNumber, v.kind, v.sha256, v.sizeBytes,
                Arrays.asList(v.classPixelCounts), v.cellCount, v.createdBy, emails.get(v.createdBy), v.createdAt);
    }
}
