package org.labscale.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.labscale.cli.CliException;

/**
 * Pairs microscopy images with their label images (masks) for {@code training-sets create --images ... --masks ...},
 * before anything is sent. Images and masks are files or folders (a folder stands for its TIFF and PNG files, sorted
 * by name). Masks given as files pair with the images in order; a mask folder holds, for image {@code a.tif}, either
 * a file of the same name or {@code a<suffix>.tif|.tiff|.png} (suffix {@code _mask} by default); without masks the
 * {@code a<suffix>.*} files beside each image are its masks (and are not images themselves).
 */
final class ImageMaskPairs {

    /** File endings of images and masks. */
    static final List<String> EXTENSIONS = List.of(".tif", ".tiff", ".png");

    /** One image and its mask. */
    record Pair(Path image, Path mask) {
    }

    private ImageMaskPairs() {
    }

    /**
     * @param images     image files or folders (at least one)
     * @param masks      mask files (as many as the images) or one folder; empty: beside each image
     * @param maskSuffix what a mask's name adds to its image's name, before the extension
     * @return every image with its mask, in the images' order; a usage error (exit 2) naming what is missing
     */
    static List<Pair> of(List<Path> images, List<Path> masks, String maskSuffix) {
        List<Path> imageFiles = new ArrayList<>();
        for (Path p : images) {
            if (Files.isDirectory(p)) {
                imageFiles.addAll(files(p).stream().filter(f -> !stem(f).endsWith(maskSuffix)).toList());
            } else {
                imageFiles.add(ImagesCommand.readable(p));
            }
        }
        if (imageFiles.isEmpty()) {
            throw CliException.usage("No TIFF or PNG images in " + images + ".");
        }
        List<Pair> pairs = new ArrayList<>();
        if (!masks.isEmpty() && masks.stream().noneMatch(Files::isDirectory)) {
            if (masks.size() != imageFiles.size()) {
                throw CliException.usage(imageFiles.size() + " images but " + masks.size() + " masks: give one mask "
                        + "per image, in the same order, or a folder of masks.");
            }
            for (int i = 0; i < masks.size(); i++) {
                pairs.add(new Pair(imageFiles.get(i), ImagesCommand.readable(masks.get(i))));
            }
            return pairs;
        }
        if (masks.size() > 1) {
            throw CliException.usage("Give mask files, one per image, or one folder of masks; not " + masks + ".");
        }
        for (Path image : imageFiles) {
            Path folder = masks.isEmpty() ? image.toAbsolutePath().getParent() : masks.get(0);
            pairs.add(new Pair(image, maskOf(image, folder, maskSuffix, !masks.isEmpty())
                    .orElseThrow(() -> CliException.usage("No mask for " + image + " in " + folder + ": looked for "
                            + (masks.isEmpty() ? "" : image.getFileName() + " and ") + stem(image) + maskSuffix
                            + " with " + String.join(", ", EXTENSIONS) + "."))));
        }
        return pairs;
    }

    private static Optional<Path> maskOf(Path image, Path folder, String suffix, boolean sameNameAllowed) {
        if (sameNameAllowed) {
            Path same = folder.resolve(image.getFileName().toString());
            if (Files.isRegularFile(same) && !same.toAbsolutePath().normalize()
                    .equals(image.toAbsolutePath().normalize())) {
                return Optional.of(same);
            }
        }
        return EXTENSIONS.stream().map(ext -> folder.resolve(stem(image) + suffix + ext)).filter(Files::isRegularFile)
                .findFirst();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).filter(f -> EXTENSIONS.stream().anyMatch(ext -> f.getFileName()
                    .toString().toLowerCase(Locale.ROOT).endsWith(ext))).sorted().toList();
        } catch (IOException e) {
            throw CliException.usage("Cannot list " + folder + ": " + e.getMessage());
        }
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
