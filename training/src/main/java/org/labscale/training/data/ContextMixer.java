package org.labscale.training.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.labscale.convnet.normalize.LocalMeanNormalizer;

/**
 * Context mixing, an augmentation for nets that tell cell types apart (issue 20): the patch around a training pixel
 * whose surroundings beyond a random straight seam come from another training image, the label staying the centre
 * pixel's. A net trained on separate cultures otherwise learns from the surroundings too (every neighbour of a
 * NIH-3T3 cell in its training images is NIH-3T3, with that culture's illumination and density) and types a cell
 * next to the other culture by its neighbours; mixed patches teach it that a cell's type is its own.
 *
 * <p>The two images' pixels are composed before the local mean is subtracted: over the patch and a margin of half
 * the normalisation window, each pixel is taken from the centre image's or the partner's scaled planes
 * ({@link TrainingImage#scaled()}, each image's own offset and scale) by its side of the seam, reflecting at each
 * image's own borders, then every patch pixel gets the composite's box mean subtracted. So a mixed patch equals the
 * patch of one image made of the two along the seam and normalised whole (each part scaled by its own image's
 * statistics), as a co-culture image or a mosaic would be. Then it is turned and reflected as
 * {@link PatchExtractor} turns a patch.
 *
 * <p>Partners are the images holding training pixels (an image held out whole for validation never lends its
 * pixels), another one than the centre's when there are several; the partner's place is a uniformly random pixel;
 * the seam's normal a uniformly random direction, its distance from the centre uniform in 0 to half the patch. Not
 * thread-safe (one per trainer).
 */
public final class ContextMixer {

    /**
     * One mixed patch's seam, in the centre image's pixel axes before turning: offsets {@code (u, v)} from the centre
     * with {@code u cos(angle) + v sin(angle) > distance} come from image {@code partner}, at the same offsets from
     * its pixel {@code (partnerX, partnerY)}.
     */
    public record Seam(int partner, int partnerX, int partnerY, double angle, double distance) {
    }

    private final List<TrainingImage> images;
    private final int[] partners;
    private final int side;
    private final int half;
    private final int reach;
    private final int extent;
    private final int channels;
    private final float[] composite;
    private final double[] table;
    private final int[] turned = new int[2];

    /**
     * @param images         the training images, each with its {@link TrainingImage#scaled()} planes
     * @param partners       indices of the images that may lend surroundings (those with training pixels)
     * @param receptiveField the patch side (odd)
     * @param window         the normalisation's local-mean window (odd)
     */
    public ContextMixer(List<TrainingImage> images, int[] partners, int receptiveField, int window) {
        if (partners.length == 0) {
            throw new IllegalArgumentException("context mixing needs at least one image with training pixels");
        }
        for (TrainingImage image : images) {
            if (image.scaled() == null) {
                throw new IllegalArgumentException("context mixing needs the scaled planes of image " + image.name());
            }
        }
        this.images = List.copyOf(images);
        this.partners = partners.clone();
        Arrays.sort(this.partners);
        this.side = receptiveField;
        this.half = window / 2;
        this.reach = receptiveField / 2 + half;
        this.extent = 2 * reach + 1;
        this.channels = images.get(0).channels().length;
        this.composite = new float[extent * extent];
        this.table = new double[(extent + 1) * (extent + 1)];
    }

    /** The partners of {@code split}: the images of {@code patches} with at least one training pixel. */
    public static int[] partnersOf(PixelSplit split, PatchExtractor patches, int imageCount) {
        boolean[] has = new boolean[imageCount];
        for (int[] ids : split.train()) {
            for (int id : ids) {
                has[patches.imageOf(id)] = true;
            }
        }
        int[] out = new int[imageCount];
        int n = 0;
        for (int i = 0; i < imageCount; i++) {
            if (has[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A random seam for a patch of image {@code image} (see the class documentation). */
    public Seam randomSeam(int image, SplittableRandom random) {
        int partner;
        if (partners.length == 1) {
            partner = partners[0];
        } else {
            int others = partners.length - (Arrays.binarySearch(partners, image) >= 0 ? 1 : 0);
            int k = random.nextInt(others);
            partner = -1;
            for (int p : partners) {
                if (p != image && k-- == 0) {
                    partner = p;
                    break;
                }
            }
        }
        TrainingImage other = images.get(partner);
        return new Seam(partner, random.nextInt(other.width()), random.nextInt(other.height()),
                random.nextDouble(2 * Math.PI), random.nextDouble() * (side / 2));
    }

    /** {@link #extract(int, int, int, Seam, int, boolean, float[], int)} of pixel {@code y * width + x}. */
    public void extract(int image, int pixel, Seam seam, int rotation, boolean reflected, float[] dst, int offset) {
        int w = images.get(image).width();
        extract(image, pixel % w, pixel / w, seam, rotation, reflected, dst, offset);
    }

    /**
     * Writes the mixed patch around pixel {@code (x, y)} of image {@code image} into {@code dst[offset ...]} as
     * {@code [channel][row][column]}, like {@link PatchExtractor#extract}.
     */
    public void extract(int image, int x, int y, Seam seam, int rotation, boolean reflected, float[] dst,
                        int offset) {
        TrainingImage own = images.get(image);
        TrainingImage other = images.get(seam.partner());
        double cos = Math.cos(seam.angle());
        double sin = Math.sin(seam.angle());
        int r = side / 2;
        int plane = side * side;
        double area = (double) (2 * half + 1) * (2 * half + 1);
        for (int c = 0; c < channels; c++) {
            float[] mine = own.scaled()[c];
            float[] theirs = other.scaled()[c];
            for (int v = -reach; v <= reach; v++) {
                for (int u = -reach; u <= reach; u++) {
                    boolean lent = u * cos + v * sin > seam.distance();
                    TrainingImage from = lent ? other : own;
                    int px = LocalMeanNormalizer.reflect((lent ? seam.partnerX() : x) + u, from.width());
                    int py = LocalMeanNormalizer.reflect((lent ? seam.partnerY() : y) + v, from.height());
                    composite[(v + reach) * extent + u + reach] = (lent ? theirs : mine)[py * from.width() + px];
                }
            }
            // Summed-area table: table[(j + 1) * (extent + 1) + i + 1] = sum of composite[0..j][0..i].
            int t = extent + 1;
            for (int j = 0; j < extent; j++) {
                double row = 0;
                for (int i = 0; i < extent; i++) {
                    row += composite[j * extent + i];
                    table[(j + 1) * t + i + 1] = table[j * t + i + 1] + row;
                }
            }
            for (int v = -r; v <= r; v++) {
                for (int u = -r; u <= r; u++) {
                    PatchExtractor.turn(u, v, rotation, reflected, turned);
                    int cu = turned[0] + reach;
                    int cv = turned[1] + reach;
                    int x0 = cu - half;
                    int y0 = cv - half;
                    int x1 = cu + half + 1;
                    int y1 = cv + half + 1;
                    double box = table[y1 * t + x1] - table[y0 * t + x1] - table[y1 * t + x0] + table[y0 * t + x0];
                    dst[offset + c * plane + (v + r) * side + u + r] =
                            (float) (composite[cv * extent + cu] - box / area);
                }
            }
        }
    }
}
