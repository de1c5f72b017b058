package org.labscale.api.trainingset.archive;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.labscale.api.common.ApiException;
import org.labscale.shared.annotation.AnnotationKind;
import org.labscale.shared.image.PageMode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code manifest.json} of a training-set package (format {@value #FORMAT} version {@value #FORMAT_VERSION}): every
 * other file of the zip with its SHA-256 and size, the images (a file and how to read it) and the items (an image,
 * a mask file, its kind and annotation name, the channel roles). {@code contentHash} is the version's
 * {@link org.labscale.api.trainingset.service.ContentHash}; optional for packages made elsewhere, checked when given.
 * The schema is documented in {@code docs/training-set-package.md}; {@link #check} enforces it field by field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageManifest(String format, Integer formatVersion, String name, String description, String notes,
                              Integer version, String contentHash, Source source, List<FileEntry> files,
                              List<ImageEntry> images, List<ItemEntry> items) {

    public static final String FORMAT = "labscale-training-set";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    static final String IMAGES = "images/";
    static final String MASKS = "masks/";

    private static final Pattern PATH = Pattern.compile("^(images|masks)/[A-Za-z0-9][A-Za-z0-9._-]{0,199}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    /** Where an exported package came from (informative: an import cannot verify it, so it is not trusted). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String labName, UUID trainingSetId, UUID versionId, Instant exportedAt) {
    }

    /** A file of the zip. */
    public record FileEntry(String path, String sha256, Long sizeBytes) {
    }

    /**
     * An image: its file and what the uploader said about it; {@code pixelSizeUm} as the exported version froze it
     * (the imported version freezes it likewise).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageEntry(String file, String name, PageMode pageMode, List<String> channelNames,
                             Double pixelSizeUm) {
    }

    /** One frozen item: image (index into {@code images}), mask file, kind, annotation name, channel roles. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemEntry(Integer image, String mask, AnnotationKind kind, String annotation,
                            Map<String, String> channelRoles) {
    }

    /**
     * Refuses a manifest that breaks the schema, naming the field ({@code details.field}, e.g. {@code items[3].mask}):
     * the format, a name, files with safe unique paths, SHA-256 and sizes (each at most {@code maxFileBytes}, all
     * together at most {@code maxTotalBytes}), images and items that name listed files of the right folder, at most
     * {@code maxItems} items, each file used.
     *
     * @return the files by path
     */
    public Map<String, FileEntry> check(long maxFileBytes, long maxTotalBytes, int maxItems) {
        if (!FORMAT.equals(format)) {
            throw invalid("format", "format must be '" + FORMAT + "', not " + quoted(format) + ".");
        }
        if (formatVersion == null || formatVersion != FORMAT_VERSION) {
            throw invalid("formatVersion", "This Labscale reads formatVersion " + FORMAT_VERSION + ", not "
                    + formatVersion + ".");
        }
        required(files, "files");
        Map<String, FileEntry> byPath = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            String field = "files[" + i + "]";
            if (f == null || f.path() == null || !PATH.matcher(f.path()).matches()) {
                throw invalid(field + ".path", field + ".path must be images/<name> or masks/<name> (letters, digits,"
                        + " . _ -), not " + quoted(f == null ? null : f.path()) + ".");
            }
            if (byPath.put(f.path(), f) != null) {
                throw invalid(field + ".path", "The file '" + f.path() + "' is listed twice.");
            }
            if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
                throw invalid(field + ".sha256", field + ".sha256 must be 64 lower-case hex digits, not "
                        + quoted(f.sha256()) + ".");
            }
            if (f.sizeBytes() == null || f.sizeBytes() < 1 || f.sizeBytes() > maxFileBytes) {
                throw invalid(field + ".sizeBytes", field + ".sizeBytes must be 1 to " + maxFileBytes + ", not "
                        + f.sizeBytes() + ".");
            }
            total += f.sizeBytes();
        }
        if (total > maxTotalBytes) {
            throw new ApiException(413, "training-set-package.too-large", "The package's files hold " + total
                    + " bytes unpacked; at most " + maxTotalBytes + " are accepted.",
                    Map.of("sizeBytes", total, "maxBytes", maxTotalBytes));
        }
        Set<String> used = new HashSet<>();
        required(images, "images");
        for (int i = 0; i < images.size(); i++) {
            ImageEntry image = images.get(i);
            String field = "images[" + i + "]";
            if (image == null) {
                throw invalid(field, field + " is null.");
            }
            listed(byPath, image.file(), IMAGES, field + ".file");
            used.add(image.file());
        }
        required(items, "items");
        if (items.size() > maxItems) {
            throw invalid("items", "A training-set version holds at most " + maxItems + " items, not "
                    + items.size() + ".");
        }
        for (int i = 0; i < items.size(); i++) {
            ItemEntry item = items.get(i);
            String field = "items[" + i + "]";
            if (item == null) {
                throw invalid(field, field + " is null.");
            }
            if (item.image() == null || item.image() < 0 || item.image() >= images.size()) {
                throw invalid(field + ".image", field + ".image must index images (0.." + (images.size() - 1)
                        + "), not " + item.image() + ".");
            }
            listed(byPath, item.mask(), MASKS, field + ".mask");
            used.add(item.mask());
            if (item.kind() == null) {
                throw invalid(field + ".kind", field + ".kind must be one of " + List.of(AnnotationKind.values())
                        + ".");
            }
        }
        for (String path : byPath.keySet()) {
            if (!used.contains(path)) {
                throw invalid("files", "The file '" + path + "' is listed but no image or item uses it.");
            }
        }
        return byPath;
    }

    private static void listed(Map<String, FileEntry> byPath, String path, String folder, String field) {
        if (path == null || !path.startsWith(folder) || !byPath.containsKey(path)) {
            throw invalid(field, field + " must name a file of " + folder + " listed in files, not " + quoted(path)
                    + ".");
        }
    }

    private static void required(List<?> list, String field) {
        if (list == null || list.isEmpty()) {
            throw invalid(field, "The manifest needs at least one entry in " + field + ".");
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'";
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "training-set-package.invalid-manifest", "manifest.json: " + message,
                Map.of("field", field));
    }
}
