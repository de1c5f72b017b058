package org.labscale.imaging.labels;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.RejectionCode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Checks an annotation against its image and its declared {@link LabelKind}, and summarises it.
 *
 * <ul>
 *   <li>All kinds: same width and height as the image ({@code mask.size-mismatch}); at least one non-background pixel
 *       ({@code mask.empty}).</li>
 *   <li>CLASS_MAP: values below {@code maxClasses} ({@code mask.too-many-classes}).</li>
 *   <li>INSTANCE_MASK: any non-negative labels, gaps allowed; a single label split into several separate objects is
 *       refused as a probable binary mask ({@code mask.invalid-values}).</li>
 *   <li>BINARY_MASK: exactly two values, 0 and one non-zero value ({@code mask.invalid-values}).</li>
 * </ul>
 */
public final class LabelValidator {

    /** Default cap on classes: background, boundary and up to 14 interior classes. */
    public static final int DEFAULT_MAX_CLASSES = 16;

    private final int maxClasses;

    /** A validator allowing {@link #DEFAULT_MAX_CLASSES} classes. */
    public LabelValidator() {
        this(DEFAULT_MAX_CLASSES);
    }

    /** @param maxClasses classes a class map may use, 3..256 (it is stored as 8-bit PNG) */
    public LabelValidator(int maxClasses) {
        if (maxClasses < 3 || maxClasses > 256) {
            throw new IllegalArgumentException("maxClasses must be in 3..256, got " + maxClasses);
        }
        this.maxClasses = maxClasses;
    }

    /**
     * Validates {@code labels} as {@code kind} for an image of {@code imageWidth x imageHeight}.
     *
     * @throws ImageRejectedException with a {@code mask.*} code
     */
    public LabelSummary validate(LabelImage labels, LabelKind kind, int imageWidth, int imageHeight)
            throws ImageRejectedException {
        checkSize(labels, imageWidth, imageHeight);
        int[] data = labels.data();
        boolean anyForeground = false;
        for (int v : data) {
            if (v != 0) {
                anyForeground = true;
                break;
            }
        }
        if (!anyForeground) {
            throw new ImageRejectedException(RejectionCode.MASK_EMPTY, "The annotation contains only background (0);"
                    + " it must mark at least one cell.");
        }
        return switch (kind) {
            case CLASS_MAP -> classMap(labels);
            case INSTANCE_MASK -> instances(labels);
            case BINARY_MASK -> binary(labels);
        };
    }

    /** Refuses an annotation whose size differs from its image's. */
    public static void checkSize(LabelImage labels, int imageWidth, int imageHeight) throws ImageRejectedException {
        checkSize(labels.width(), labels.height(), imageWidth, imageHeight);
    }

    /**
     * Refuses an annotation of {@code width x height} pixels whose image has another size. Takes plain dimensions so
     * a caller can check them from the file's header ({@code ImageProbe}) before decoding a possibly huge wrong file.
     *
     * @throws ImageRejectedException {@code mask.size-mismatch}, naming both sizes
     */
    public static void checkSize(int width, int height, int imageWidth, int imageHeight)
            throws ImageRejectedException {
        if (width != imageWidth || height != imageHeight) {
            throw new ImageRejectedException(RejectionCode.MASK_SIZE_MISMATCH, "The annotation is " + width + " x "
                    + height + " pixels but its image is " + imageWidth + " x " + imageHeight
                    + "; they must be the same size.");
        }
    }

    private LabelSummary classMap(LabelImage labels) throws ImageRejectedException {
        int[] data = labels.data();
        for (int i = 0; i < data.length; i++) {
            if (data[i] >= maxClasses) {
                throw new ImageRejectedException(RejectionCode.MASK_TOO_MANY_CLASSES, "Class map value " + data[i]
                        + " at x=" + (i % labels.width()) + ", y=" + (i / labels.width()) + " is not allowed; use 0"
                        + " for background, 1 for boundary and 2.." + (maxClasses - 1) + " for interior classes (at"
                        + " most " + maxClasses + " classes).");
            }
        }
        return new LabelSummary(LabelKind.CLASS_MAP, labels.width(), labels.height(), OptionalInt.empty(),
                histogram(data));
    }

    private LabelSummary instances(LabelImage labels) throws ImageRejectedException {
        BitSet seen = new BitSet();
        for (int v : labels.data()) {
            seen.set(v);
        }
        seen.clear(0);
        int cells = seen.cardinality();
        if (cells == 1) {
            int components = ConnectedComponentLabeling.count(labels, Connectivity.EIGHT);
            if (components > 1) {
                throw new ImageRejectedException(RejectionCode.MASK_INVALID_VALUES, "The instance mask uses the single"
                        + " label " + seen.nextSetBit(0) + " for " + components + " separate objects; it looks like a"
                        + " binary mask: upload it as BINARY_MASK, or give every cell its own label.");
            }
        }
        LabelImage classes = BoundaryInteriorMap.classMap(labels, LabelKind.INSTANCE_MASK);
        return new LabelSummary(LabelKind.INSTANCE_MASK, labels.width(), labels.height(), OptionalInt.of(cells),
                histogram(classes.data()));
    }

    private LabelSummary binary(LabelImage labels) throws ImageRejectedException {
        TreeSet<Integer> values = new TreeSet<>();
        for (int v : labels.data()) {
            if (values.add(v) && values.size() > 8) {
                break;
            }
        }
        if (values.size() != 2 || values.first() != 0) {
            List<Integer> shown = new ArrayList<>(values).subList(0, Math.min(values.size(), 8));
            throw new ImageRejectedException(RejectionCode.MASK_INVALID_VALUES, "A binary mask must contain exactly"
                    + " two values, 0 (background) and one foreground value such as 1 or 255; this one contains "
                    + (values.size() > 8 ? "more than 8 values, starting " + shown : shown) + ".");
        }
        LabelImage cells = ConnectedComponentLabeling.label(labels, Connectivity.EIGHT);
        LabelImage classes = BoundaryInteriorMap.fromInstances(cells, Connectivity.EIGHT);
        return new LabelSummary(LabelKind.BINARY_MASK, labels.width(), labels.height(),
                OptionalInt.of(cells.maxLabel()), histogram(classes.data()));
    }

    private static List<Long> histogram(int[] classes) {
        long[] counts = new long[256];
        int max = 0;
        for (int c : classes) {
            counts[c]++;
            max = Math.max(max, c);
        }
        List<Long> out = new ArrayList<>(max + 1);
        for (int c = 0; c <= max; c++) {
            out.add(counts[c]);
        }
        return out;
    }
}
