package org.labscale.training.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.labscale.shared.job.ValidationSplit;

import org.labscale.training.TrainingException;
import org.labscale.training.TrainingException.Code;

/**
 * Which annotated pixels train and which validate, per class. Pixels are numbered across the images ({@code id =
 * offset of its image + y * width + x}, see {@link PatchExtractor}). With several images whole images are held out
 * (about {@code fraction} of them, at least one, at least one left for training), so validation measures
 * generalisation to unseen images, as the paper's held-out data intends ({@link ValidationSplit}, which the API uses to
 * predict the split at submit); if that leaves a class without pixels on either side, or there is one image, a random
 * {@code fraction} of the pixels is held out instead. Seeded. Images the user chose ({@code validationImageIds}) are
 * held out as chosen, and a class left without pixels on either side is then an error.
 */
public final class PixelSplit {

    private final int[][] train;
    private final int[][] validation;
    private final boolean byImage;

    private boolean[] validationImages;

    private PixelSplit(int[][] train, int[][] validation, boolean byImage) {
        this.train = train;
        this.validation = validation;
        this.byImage = byImage;
    }

    /**
     * @throws TrainingException CLASS_WITHOUT_PIXELS naming the class when a class has no annotated pixel at all
     */
    public static PixelSplit of(List<TrainingImage> images, List<String> classNames, double fraction, long seed)
            throws TrainingException {
        return of(images, classNames, fraction, seed, null);
    }

    /**
     * @param chosen names ({@link TrainingImage#name()}) of the images to hold out whole; null: by {@code fraction}
     * @throws TrainingException CLASS_WITHOUT_PIXELS naming the class when a class has no annotated pixel at all, or
     *                           none on one side of a chosen split; NO_DATA when a chosen name is not an image here or
     *                           every image is chosen
     */
    public static PixelSplit of(List<TrainingImage> images, List<String> classNames, double fraction, long seed,
                                Set<String> chosen) throws TrainingException {
        int classes = classNames.size();
        if (images.isEmpty()) {
            throw new TrainingException(Code.NO_DATA, "There are no annotated images to train on.");
        }
        long total = 0;
        int[] counts = new int[classes];
        for (TrainingImage image : images) {
            total += image.pixels();
            for (byte c : image.classes()) {
                counts[c]++;
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new TrainingException(Code.NO_DATA, "The training images hold " + total + " pixels, more than"
                    + " the " + Integer.MAX_VALUE + " one job can train on; split the training set.");
        }
        for (int k = 0; k < classes; k++) {
            if (counts[k] == 0) {
                throw new TrainingException(Code.CLASS_WITHOUT_PIXELS, "No annotated pixel is of class \""
                        + classNames.get(k) + "\" (class-map value " + k + "), so the net cannot learn it; annotate"
                        + " some or remove the class.");
            }
        }
        if (chosen != null) {
            return chosen(images, classNames, chosen);
        }
        SplittableRandom random = new SplittableRandom(seed);
        if (images.size() >= 2) {
            boolean[] validationImage = ValidationSplit.heldOut(images.size(), fraction, random);
            PixelSplit split = build(images, classes, (image, pixel) -> validationImage[image]);
            if (split.everyClassOnBothSides()) {
                PixelSplit out = new PixelSplit(split.train, split.validation, true);
                out.validationImages = validationImage;
                return out;
            }
        }
        SplittableRandom pixels = random.split();
        PixelSplit split = build(images, classes, (image, pixel) -> pixels.nextDouble() < fraction);
        for (int k = 0; k < classes; k++) {
            if (split.train[k].length == 0) {
                throw new TrainingException(Code.CLASS_WITHOUT_PIXELS, "Class \"" + classNames.get(k) + "\" has"
                        + " too few annotated pixels (" + counts[k] + ") to train and validate on.");
            }
        }
        return split;
    }

    private static PixelSplit chosen(List<TrainingImage> images, List<String> classNames, Set<String> chosen)
            throws TrainingException {
        boolean[] validationImage = new boolean[images.size()];
        Set<String> found = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            if (chosen.contains(images.get(i).name())) {
                validationImage[i] = true;
                found.add(images.get(i).name());
            }
        }
        if (!found.containsAll(chosen)) {
            Set<String> missing = new TreeSet<>(chosen);
            missing.removeAll(found);
            throw new TrainingException(Code.NO_DATA, "validationImageIds names " + missing + ", not images of the"
                    + " training sets; choose among the training sets' images.");
        }
        if (found.size() == images.size()) {
            throw new TrainingException(Code.NO_DATA, "validationImageIds holds out every image, leaving none to"
                    + " train on; leave at least one out of validationImageIds.");
        }
        PixelSplit split = build(images, classNames.size(), (image, pixel) -> validationImage[image]);
        for (int k = 0; k < classNames.size(); k++) {
            if (split.train[k].length == 0 || split.validation[k].length == 0) {
                throw new TrainingException(Code.CLASS_WITHOUT_PIXELS, "With the held-out images " + chosen
                        + ", class \"" + classNames.get(k) + "\" has no annotated pixel on the "
                        + (split.train[k].length == 0 ? "training" : "validation") + " side; choose other"
                        + " validationImageIds, or leave them out to hold out validationFraction.");
            }
        }
        PixelSplit out = new PixelSplit(split.train, split.validation, true);
        out.validationImages = validationImage;
        return out;
    }

    private interface Holdout {
        boolean validation(int image, int pixel);
    }

    private static PixelSplit build(List<TrainingImage> images, int classes, Holdout holdout) {
        IntList[] train = new IntList[classes];
        IntList[] validation = new IntList[classes];
        for (int k = 0; k < classes; k++) {
            train[k] = new IntList();
            validation[k] = new IntList();
        }
        int offset = 0;
        for (int i = 0; i < images.size(); i++) {
            byte[] classOf = images.get(i).classes();
            for (int p = 0; p < classOf.length; p++) {
                (holdout.validation(i, p) ? validation : train)[classOf[p]].add(offset + p);
            }
            offset += classOf.length;
        }
        int[][] t = new int[classes][];
        int[][] v = new int[classes][];
        for (int k = 0; k < classes; k++) {
            t[k] = train[k].toArray();
            v[k] = validation[k].toArray();
        }
        return new PixelSplit(t, v, false);
    }

    private boolean everyClassOnBothSides() {
        for (int k = 0; k < train.length; k++) {
            if (train[k].length == 0 || validation[k].length == 0) {
                return false;
            }
        }
        return true;
    }

    /** Training pixel ids of each class (shuffled in place by {@link EpochSampler}). */
    public int[][] train() {
        return train;
    }

    /** Held-out pixel ids of each class. */
    public int[][] validation() {
        return validation;
    }

    /** Whether whole images were held out. */
    public boolean byImage() {
        return byImage;
    }

    /** Whether image {@code i} (in the order given) was held out whole; false for every image of a pixel split. */
    public boolean heldOut(int i) {
        return validationImages != null && validationImages[i];
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** For messages and tests: number of pixels per class on each side. */
    public List<int[]> counts() {
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < train.length; k++) {
            out.add(new int[] {train[k].length, validation[k].length});
        }
        return out;
    }
}
