package org.labscale.api.trainingset.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.annotation.service.AnnotationMasks;
import org.labscale.api.common.ApiException;
import org.labscale.api.common.NameLock;
import org.labscale.api.common.Texts;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.image.service.ImageIngest;
import org.labscale.api.image.service.ImageMetadata;
import org.labscale.api.image.service.ImageStored;
import org.labscale.api.image.service.Imaging;
import org.labscale.api.image.service.LabBlobs;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.persistence.ProjectEntity;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.trainingset.persistence.TrainingSetEntity;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.api.trainingset.service.ChannelRoles;
import org.labscale.api.trainingset.service.ContentHash;
import org.labscale.api.trainingset.service.TrainingSetService;
import org.labscale.imaging.ImageInfo;
import org.labscale.shared.account.Role;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.Visibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports a training-set package ({@link TrainingSetExport}'s zip) into a lab as a new private training set whose
 * version 1 freezes the package's items: its images go into a new project "<name> (imported)", each mask becomes an
 * annotation of its image.
 *
 * <p>All or nothing, in the order {@link ImageIngest} uses for one image: everything is checked before the first
 * write (the manifest's schema; that the zip holds exactly the listed files with their sizes and SHA-256; every
 * image decoded as an upload would be; every mask against its image's size and kind; channel roles against the
 * image's channels; the recomputed content hash against the manifest's), then the objects are written, then one
 * transaction inserts every row. A refusal is a 4xx naming the file or field; a failure after the first write
 * deletes what this import wrote. The package's {@code source} is not trusted, so the set records no origin; its
 * version's notes name the package.
 */
@ApplicationScoped
public class TrainingSetImport {

    @Inject
    LabAccess access;

    @Inject
    LabscaleConfig config;

    @Inject
    Imaging imaging;

    @Inject
    AnnotationMasks masks;

    @Inject
    LabBlobs blobs;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    TrainingSetService trainingSets;

    @Inject
    Event<ImageStored> stored;

    @Inject
    Clock clock;

    /** An image of the package, checked: where its bytes are, what decoding found, its previews. */
    private record CheckedImage(PackageManifest.ImageEntry entry, Path file, String sha256, long sizeBytes,
                                ImageMetadata metadata, String name, Imaging.Decoded decoded, UUID id) {
    }

    /** An item of the package, checked. */
    private record CheckedItem(int image, PackageManifest.ItemEntry entry, Path mask, String sha256, long sizeBytes,
                               AnnotationMasks.Reading reading, Map<String, String> roles, UUID versionId) {
    }

    private record Checked(PackageManifest manifest, String name, String contentHash, List<CheckedImage> images,
                           List<CheckedItem> items) {
    }

    /**
     * @param body the zip (the caller bounds and closes it)
     * @param name the new set's name; null: the manifest's
     */
    public TrainingSetVersionDto importPackage(UUID labId, InputStream body, String name) {
        QuarkusTransaction.requiringNew().run(() -> access.requireLab(labId, Role.MEMBER));
        Path dir = tempDir();
        try {
            Path zipFile = dir.resolve("package.zip");
            receive(body, zipFile);
            Checked checked;
            try (PackageZip zip = PackageZip.open(zipFile)) {
                checked = check(labId, zip, dir, name);
            }
            return store(labId, checked);
        } finally {
            deleteTree(dir);
        }
    }

    private void receive(InputStream body, Path target) {
        try {
            Files.copy(body, target);
        } catch (IOException e) {
            throw new UncheckedIOException("receiving the training-set package failed", e);
        }
        try {
            if (Files.size(target) == 0) {
                throw ApiException.badRequest("training-set-package.empty", "The body is empty; send the"
                        + " training-set package zip.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the package's size failed", e);
        }
    }

    private Checked check(UUID labId, PackageZip zip, Path dir, String requestedName) {
        PackageManifest manifest = parse(zip.manifest());
        long maxFile = config.upload().maxBytes();
        Map<String, PackageManifest.FileEntry> files = manifest.check(maxFile, 4 * maxFile,
                TrainingSetService.MAX_ITEMS);
        String name = Texts.required(requestedName != null && !requestedName.isBlank() ? requestedName
                : manifest.name(), requestedName != null && !requestedName.isBlank() ? "name" : "manifest name", 200);
        QuarkusTransaction.requiringNew().run(() -> nameFree(labId, name));
        zip.requireExactly(files.keySet());
        Map<String, Path> extracted = new HashMap<>();
        int i = 0;
        for (PackageManifest.FileEntry f : files.values()) {
            Path target = dir.resolve("file-" + i++);
            zip.extract(f, target);
            extracted.put(f.path(), target);
        }
        List<CheckedImage> images = new ArrayList<>();
        for (int k = 0; k < manifest.images().size(); k++) {
            PackageManifest.ImageEntry e = manifest.images().get(k);
            String what = "'" + e.file() + "' (images[" + k + "])";
            ImageMetadata metadata = ImageMetadata.of(e.name(), e.pageMode(), e.channelNames(), e.pixelSizeUm());
            Imaging.Decoded decoded = imaging.validateAndRender(extracted.get(e.file()), metadata.pageMode(), what);
            ImageMetadata.checkChannelCount(metadata.channelNames(), decoded.info().channels());
            PackageManifest.FileEntry f = files.get(e.file());
            images.add(new CheckedImage(e, extracted.get(e.file()), f.sha256(), f.sizeBytes(), metadata,
                    metadata.nameOr(e.file().substring(PackageManifest.IMAGES.length())), decoded,
                    UUID.randomUUID()));
        }
        List<CheckedItem> items = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (int k = 0; k < manifest.items().size(); k++) {
            PackageManifest.ItemEntry e = manifest.items().get(k);
            CheckedImage image = images.get(e.image());
            if (!pairs.add(e.image() + "/" + e.mask())) {
                throw new ApiException(400, "training-set.duplicate-item", "Item " + k + " repeats image " + e.image()
                        + " with mask '" + e.mask() + "'; list each pair once.", Map.of("item", k));
            }
            ImageInfo info = image.decoded().info();
            Map<String, String> roles = ChannelRoles.check(info.channels(),
                    image.metadata().channelNames().toArray(String[]::new), e.channelRoles(), k,
                    "'" + image.entry().file() + "'");
            AnnotationMasks.Reading reading = masks.read(extracted.get(e.mask()), e.kind(), info.width(),
                    info.height(), "'" + e.mask() + "' (items[" + k + "])");
            PackageManifest.FileEntry f = files.get(e.mask());
            items.add(new CheckedItem(e.image(), e, extracted.get(e.mask()), f.sha256(), f.sizeBytes(), reading,
                    roles, UUID.randomUUID()));
        }
        String hash = ContentHash.of(items.stream().map(it -> new ContentHash.Entry(images.get(it.image()).sha256(),
                it.sha256(), it.entry().kind(), ContentHash.sorted(it.roles()))).toList());
        if (manifest.contentHash() != null && !manifest.contentHash().equals(hash)) {
            throw new ApiException(400, "training-set-package.content-hash-mismatch", "The items hash to " + hash
                    + " but manifest.json says contentHash " + manifest.contentHash() + "; the images, masks, kinds"
                    + " or channel roles were changed.", Map.of("expected", manifest.contentHash(), "actual", hash));
        }
        return new Checked(manifest, name, hash, images, items);
    }

    private PackageManifest parse(byte[] json) {
        try {
            return mapper.readerFor(PackageManifest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").reduce("", String::concat);
            field = field.startsWith(".") ? field.substring(1) : field;
            throw PackageManifest.invalid(field.isEmpty() ? "manifest" : field, (field.isEmpty() ? ""
                    : field + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw PackageManifest.invalid("manifest", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading manifest.json failed", e);
        }
    }

    private static void nameFree(UUID labId, String name) {
        if (TrainingSetEntity.nameTaken(labId, name, null)) {
            throw new ApiException(409, "training-set.name-taken", "This lab already has a training set named '"
                    + name + "'; import under another name (?name=).", Map.of("field", "name"));
        }
    }

    private TrainingSetVersionDto store(UUID labId, Checked c) {
        List<String> written = new ArrayList<>();
        Set<String> blobsWritten = new HashSet<>();
        Map<String, LabBlobs.BlobWriter> writers = new LinkedHashMap<>();
        for (CheckedImage image : c.images()) {
            writers.putIfAbsent(image.sha256(), blobs.fromFile(image.file(),
                    ImageIngest.contentType(image.decoded().info().format())));
        }
        for (CheckedItem item : c.items()) {
            writers.putIfAbsent(item.sha256(), blobs.fromFile(item.mask(), "application/octet-stream"));
        }
        boolean done = false;
        try {
            writers.forEach((sha, writer) -> {
                if (blobs.putIfAbsent(labId, sha, writer)) {
                    blobsWritten.add(sha);
                }
            });
            for (CheckedImage image : c.images()) {
                String preview = StorageKeys.preview(labId, image.id());
                written.add(preview);
                store.putBytes(preview, image.decoded().preview(), "image/png");
                String thumbnail = StorageKeys.thumbnail(labId, image.id());
                written.add(thumbnail);
                store.putBytes(thumbnail, image.decoded().thumbnail(), "image/png");
            }
            for (CheckedItem item : c.items()) {
                String classMap = StorageKeys.classMap(labId, item.versionId());
                written.add(classMap);
                store.putBytes(classMap, item.reading().classMap(), "image/png");
            }
            TrainingSetVersionDto dto = QuarkusTransaction.requiringNew().timeout(3600)
                    .call(() -> insert(labId, c, writers));
            done = true;
            for (CheckedImage image : c.images()) {
                ImageInfo info = image.decoded().info();
                stored.fire(new ImageStored(image.id(), StorageKeys.blob(labId, image.sha256()),
                        image.metadata().pageMode(), info.width(), info.height()));
            }
            return dto;
        } finally {
            if (!done) {
                written.forEach(blobs::deleteQuietly);
                blobsWritten.forEach(sha -> blobs.collect(labId, sha));
            }
        }
    }

    private TrainingSetVersionDto insert(UUID labId, Checked c, Map<String, LabBlobs.BlobWriter> writers) {
        access.requireLab(labId, Role.MEMBER);
        NameLock.lock("training_set", labId, c.name());
        nameFree(labId, c.name());
        writers.forEach((sha, writer) -> blobs.lockAndEnsure(labId, sha, writer));
        Instant now = clock.instant();
        UUID user = access.userId();
        ProjectEntity project = new ProjectEntity();
        project.id = UUID.randomUUID();
        project.labId = labId;
        project.name = ProjectEntity.freeName(labId, (c.name().length() > 180 ? c.name().substring(0, 180)
                : c.name()) + " (imported)");
        project.description = "Images of the imported training-set package '" + c.manifest().name() + "'.";
        project.tags = new String[] {"imported"};
        project.createdBy = user;
        project.createdAt = now;
        project.updatedAt = now;
        project.persist();
        for (CheckedImage image : c.images()) {
            persist(image, labId, project.id, user, now);
        }
        Map<String, Integer> annotationNames = new HashMap<>();
        for (CheckedItem item : c.items()) {
            UUID imageId = c.images().get(item.image()).id();
            String base = item.entry().annotation() == null || item.entry().annotation().isBlank() ? "default"
                    : Texts.required(item.entry().annotation(), "annotation", 190);
            int seen = annotationNames.merge(imageId + "/" + base.toLowerCase(), 1, Integer::sum);
            persist(item, labId, imageId, seen == 1 ? base : base + " (" + seen + ")", user, now);
        }
        TrainingSetEntity set = TrainingSetEntity.create(labId, c.name(),
                Texts.optional(c.manifest().description(), "description", 4000), Visibility.PRIVATE, 1, user, now);
        String from = "Imported from the package of '" + c.manifest().name() + "'"
                + (c.manifest().version() == null ? "" : " v" + c.manifest().version()) + ".";
        String notes = c.manifest().notes() == null || c.manifest().notes().isBlank() ? from
                : c.manifest().notes() + "\n" + from;
        String versionNotes = Texts.optional(notes.length() > 4000 ? notes.substring(0, 4000) : notes, "notes", 4000);
        TrainingSetVersionEntity version = TrainingSetVersionEntity.create(set, c.contentHash(), versionNotes, user,
                now);
        for (int i = 0; i < c.items().size(); i++) {
            CheckedItem item = c.items().get(i);
            CheckedImage image = c.images().get(item.image());
            TrainingSetItemEntity.create(version.id, i, image.id(), item.versionId(), item.roles(),
                    image.metadata().pixelSizeUm());
        }
        TrainingSetEntity.flush();
        return trainingSets.toDto(version);
    }

    private static void persist(CheckedImage c, UUID labId, UUID projectId, UUID user, Instant now) {
        ImageInfo info = c.decoded().info();
        ImageEntity image = new ImageEntity();
        image.id = c.id();
        image.labId = labId;
        image.projectId = projectId;
        image.name = c.name();
        image.format = info.format().name();
        image.width = info.width();
        image.height = info.height();
        image.channels = info.channels();
        image.frames = info.frames();
        image.bitsPerSample = info.bitsPerSample();
        image.sampleType = info.sampleType().name();
        image.compression = info.compression();
        image.pageMode = c.metadata().pageMode();
        image.channelNames = c.metadata().channelNames().toArray(String[]::new);
        image.pixelSizeUm = c.metadata().pixelSizeUm();
        image.sha256 = c.sha256();
        image.sizeBytes = c.sizeBytes();
        image.objectKey = StorageKeys.blob(labId, c.sha256());
        image.previewKey = StorageKeys.preview(labId, c.id());
        image.thumbnailKey = StorageKeys.thumbnail(labId, c.id());
        image.createdBy = user;
        image.createdAt = now;
        image.updatedAt = now;
        image.persist();
    }

    private static void persist(CheckedItem c, UUID labId, UUID imageId, String name, UUID user, Instant now) {
        AnnotationEntity annotation = new AnnotationEntity();
        annotation.id = UUID.randomUUID();
        annotation.labId = labId;
        annotation.imageId = imageId;
        annotation.name = name;
        annotation.kind = c.entry().kind();
        annotation.latestVersion = 1;
        annotation.createdAt = now;
        annotation.updatedAt = now;
        annotation.persist();
        AnnotationVersionEntity v = new AnnotationVersionEntity();
        v.id = c.versionId();
        v.annotationId = annotation.id;
        v.labId = labId;
        v.versionNumber = 1;
        v.kind = c.entry().kind();
        v.sha256 = c.sha256();
        v.sizeBytes = c.sizeBytes();
        v.objectKey = StorageKeys.blob(labId, c.sha256());
        v.classPixelCounts = c.reading().summary().classPixelCounts().toArray(Long[]::new);
        v.cellCount = c.reading().summary().cellCount().orElse(0);
        v.createdBy = user;
        v.createdAt = now;
        v.persist();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("labscale-training-set-import-");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temporary folder for the import failed", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temp files only: the OS cleans the folder eventually.
        }
    }
}
