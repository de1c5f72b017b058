package org.labscale.api.trainingset.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.annotation.persistence.AnnotationEntity;
import org.labscale.api.annotation.persistence.AnnotationVersionEntity;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.storage.ObjectStore;
import org.labscale.api.trainingset.persistence.TrainingSetEntity;
import org.labscale.api.trainingset.persistence.TrainingSetItemEntity;
import org.labscale.api.trainingset.persistence.TrainingSetVersionEntity;
import org.labscale.api.trainingset.service.TrainingSetService;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A training-set version as a zip: each distinct image file once under {@code images/}, each mask under
 * {@code masks/} (named by SHA-256), and {@link PackageManifest manifest.json} listing them with checksums. Whoever
 * may read the version's manifest may export it (its lab, a lab it is granted to, any signed-in user when public);
 * others get the 404 of a missing training set. Exporting only reads: nothing is written anywhere.
 */
@ApplicationScoped
public class TrainingSetExport {

    @Inject
    TrainingSetService trainingSets;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /** A package being exported: its file name and how to write it. */
    public record Exported(String fileName, Writer body) {
    }

    /** Writes the zip to a stream (called while the answer is sent). */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One file of the package: its stored object, checksum and size; the extension follows from its bytes. */
    private record Stored(String folder, String key, String sha256, long sizeBytes) {
    }

    /** What to write; the items name their mask by SHA-256 until the file's path is known. */
    /** {@code pixelSizes}: each image's pixel size as the version froze it (not the image's of today). */
    private record Plan(PackageManifest head, List<Stored> files, List<ImageEntity> images, List<Double> pixelSizes,
                        List<PackageManifest.ItemEntry> items) {
    }

    public Exported export(UUID setId, int n) {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> plan(setId, n));
        String fileName = plan.head().name().replaceAll("[^A-Za-z0-9._-]", "_") + "-v" + n + ".training-set.zip";
        return new Exported(fileName, out -> write(plan, out));
    }

    private Plan plan(UUID setId, int n) {
        TrainingSetVersionDto dto = trainingSets.version(setId, n); // the access rule: 404 for whoever may not read
        TrainingSetEntity set = TrainingSetEntity.findById(setId);
        TrainingSetVersionEntity version = TrainingSetVersionEntity.findById(dto.id());
        LabEntity lab = LabEntity.findById(set.labId);
        Map<String, Stored> files = new LinkedHashMap<>();
        Map<UUID, Integer> imageIndex = new LinkedHashMap<>();
        List<ImageEntity> images = new ArrayList<>();
        List<Double> pixelSizes = new ArrayList<>();
        List<PackageManifest.ItemEntry> items = new ArrayList<>();
        for (TrainingSetItemEntity row : TrainingSetItemEntity.<TrainingSetItemEntity>list(
                "trainingSetVersionId = ?1 order by position", version.id)) {
            ImageEntity image = ImageEntity.findById(row.imageId);
            Integer index = imageIndex.computeIfAbsent(image.id, id -> {
                images.add(image);
                pixelSizes.add(row.pixelSizeUm);
                return images.size() - 1;
            });
            files.putIfAbsent("image/" + image.sha256, new Stored(PackageManifest.IMAGES, image.objectKey,
                    image.sha256, image.sizeBytes));
            AnnotationVersionEntity av = AnnotationVersionEntity.findById(row.annotationVersionId);
            AnnotationEntity annotation = AnnotationEntity.findById(av.annotationId);
            files.putIfAbsent("mask/" + av.sha256, new Stored(PackageManifest.MASKS, av.objectKey, av.sha256,
                    av.sizeBytes));
            items.add(new PackageManifest.ItemEntry(index, av.sha256, av.kind, annotation.name,
                    row.channelRoles));
        }
        PackageManifest head = new PackageManifest(PackageManifest.FORMAT, PackageManifest.FORMAT_VERSION, set.name,
                set.description, version.notes, version.versionNumber, version.contentHash,
                new PackageManifest.Source(lab.name, set.id, version.id, clock.instant()), null, null, null);
        return new Plan(head, List.copyOf(files.values()), images, pixelSizes, items);
    }

    private void write(Plan plan, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, String> paths = new LinkedHashMap<>(); // folder + sha256 -> path in the zip
        List<PackageManifest.FileEntry> listed = new ArrayList<>();
        for (Stored file : plan.files()) {
            try (InputStream in = new BufferedInputStream(store.open(file.key()))) {
                String path = file.folder() + file.sha256() + extension(in);
                paths.put(file.folder() + file.sha256(), path);
                listed.add(new PackageManifest.FileEntry(path, file.sha256(), file.sizeBytes()));
                zip.putNextEntry(new ZipEntry(path));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        List<PackageManifest.ImageEntry> images = new ArrayList<>();
        for (int k = 0; k < plan.images().size(); k++) {
            ImageEntity i = plan.images().get(k);
            images.add(new PackageManifest.ImageEntry(paths.get(PackageManifest.IMAGES + i.sha256), i.name,
                    i.pageMode, i.channelNames == null ? List.of() : List.of(i.channelNames),
                    plan.pixelSizes().get(k)));
        }
        List<PackageManifest.ItemEntry> items = plan.items().stream().map(i -> new PackageManifest.ItemEntry(
                i.image(), paths.get(PackageManifest.MASKS + i.mask()), i.kind(), i.annotation(),
                i.channelRoles())).toList();
        PackageManifest h = plan.head();
        PackageManifest manifest = new PackageManifest(h.format(), h.formatVersion(), h.name(), h.description(),
                h.notes(), h.version(), h.contentHash(), h.source(), listed, images, items);
        zip.putNextEntry(new ZipEntry(PackageManifest.FILE_NAME));
        zip.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
    }

    /** ".tif" or ".png" from the first bytes (images and masks are stored as uploaded), ".bin" otherwise. */
    private static String extension(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4 && ((magic[0] == 'I' && magic[1] == 'I') || (magic[0] == 'M' && magic[1] == 'M'))) {
            return ".tif";
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') {
            return ".png";
        }
        return ".bin";
    }
}
