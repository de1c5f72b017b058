package org.labscale.training.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.shared.job.EpochSize;

/**
 * Run-time sampling for dense training (the dilated net of Li et al. 2014 over crops): a random crop of
 * {@code (receptiveField + k - 1)^2} input pixels whose {@code k x k} output pixels lie in one image (chosen in
 * proportion to its training pixels), rotated by a random multiple of 90 degrees and reflected per crop exactly as
 * {@link PatchExtractor} turns a patch, and a per-pixel target: one-hot class times a mask that keeps each training
 * pixel (never a held-out one) with probability {@code rarest / count(class)} when balancing, so that every class is
 * equally represented in expectation (Van Valen et al. 2016: down-sampling to the rarest class). Input beyond the
 * image is reflected as the exported graph's {@code Pad} does; output pixels beyond it get no loss. Memory: one bit
 * per pixel, whatever the number of patches per epoch.
 */
public final class DenseSampler {

    private final List<TrainingImage> images;
    private final int[] offsets;
    private final long[] cumulativeTrain;
    private final BitSet train = new BitSet();
    private final double[] keep;
    private final int half;
    private final int k;
    private final int inputSide;
    private final int channels;
    private final int classes;
    private final int epochSize;
    private final double expectedPerCrop;

    /**
     * @param outputSide      {@code k}: output pixels per crop side
     * @param patchesPerEpoch the payload's; the epoch is {@code min(patchesPerEpoch, classes x rarest)} masked pixels
     *                        with balancing, else {@code min(patchesPerEpoch, training pixels)} ({@link EpochSize})
     */
    public DenseSampler(List<TrainingImage> images, PixelSplit split, int receptiveField, int outputSide,
                        boolean balance, int patchesPerEpoch) {
        this.images = List.copyOf(images);
        this.half = receptiveField / 2;
        this.k = outputSide;
        this.inputSide = receptiveField + outputSide - 1;
        this.channels = images.get(0).channels().length;
        int[][] byClass = split.train();
        this.classes = byClass.length;
        offsets = new int[images.size() + 1];
        for (int i = 0; i < images.size(); i++) {
            offsets[i + 1] = offsets[i] + images.get(i).pixels();
        }
        int rarest = Integer.MAX_VALUE;
        long[] pixels = new long[classes];
        for (int c = 0; c < classes; c++) {
            for (int id : byClass[c]) {
                train.set(id);
            }
            pixels[c] = byClass[c].length;
            rarest = Math.min(rarest, byClass[c].length);
        }
        keep = new double[classes];
        double kept = 0;
        for (int c = 0; c < classes; c++) {
            keep[c] = balance ? (double) rarest / Math.max(1, byClass[c].length) : 1.0;
            kept += keep[c] * byClass[c].length;
        }
        cumulativeTrain = new long[images.size()];
        long sum = 0;
        long area = 0;
        for (int i = 0; i < images.size(); i++) {
            int n = train.get(offsets[i], offsets[i + 1]).cardinality();
            sum += n;
            area += n > 0 ? images.get(i).pixels() : 0;
            cumulativeTrain[i] = sum;
        }
        epochSize = (int) EpochSize.patches(pixels, balance, patchesPerEpoch);
        // The kept share of the pixels of the images crops come from (borders and uneven images ignored).
        expectedPerCrop = (double) k * k * kept / Math.max(1, area);
    }

    /** Largest {@link #outputSideFor} answer. */
    public static final int MAX_OUTPUT_SIDE = 256;

    /**
     * The output side {@code k} at which a crop's expected masked pixels reach {@code patchesPerCrop}, so that a step
     * averages the loss over about as many pixels as a patch batch of that size (1 to {@link #MAX_OUTPUT_SIDE}).
     */
    public static int outputSideFor(List<TrainingImage> images, PixelSplit split, int receptiveField, boolean balance,
                                    int patchesPerCrop) {
        double perPixel = new DenseSampler(images, split, receptiveField, 1, balance, 1).expectedPerCrop;
        int k = (int) Math.ceil(Math.sqrt(patchesPerCrop / Math.max(1e-9, perPixel)));
        return Math.max(1, Math.min(MAX_OUTPUT_SIDE, k));
    }

    /** Input side: {@code receptiveField + k - 1}. */
    public int inputSide() {
        return inputSide;
    }

    public int outputSide() {
        return k;
    }

    /** Values one crop fills in the input: channels x inputSide x inputSide. */
    public int inputSize() {
        return channels * inputSide * inputSide;
    }

    /** Values one crop fills in the target: classes x k x k. */
    public int targetSize() {
        return classes * k * k;
    }

    /** Masked pixels (patch-equivalents) per epoch. */
    public int epochSize() {
        return epochSize;
    }

    /** Expected masked pixels per crop (for progress reporting). */
    public double expectedPerCrop() {
        return expectedPerCrop;
    }

    /**
     * Writes a random crop into {@code x[xOffset ...]} ({@code [channel][row][column]}) and its masked one-hot target
     * into {@code target[tOffset ...]} ({@code [class][row][column]}, zeros where there is no loss).
     *
     * @param rotation  quarter turns, 0 to 3
     * @param reflected mirror left-right (before rotating)
     * @return the number of masked pixels
     */
    public int crop(SplittableRandom random, int rotation, boolean reflected, float[] x, int xOffset, float[] target,
                    int tOffset) {
        long pick = random.nextLong(cumulativeTrain[cumulativeTrain.length - 1]);
        int i = 0;
        while (cumulativeTrain[i] <= pick) {
            i++;
        }
        TrainingImage image = images.get(i);
        int w = image.width();
        int h = image.height();
        int x0 = random.nextInt(Math.max(0, w - k) + 1);
        int y0 = random.nextInt(Math.max(0, h - k) + 1);
        int s = inputSide;
        int plane = s * s;
        int[] src = new int[2];
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                source(r, c, s, rotation, reflected, src);
                int sx = LocalMeanNormalizer.reflect(x0 - half + src[0], w);
                int sy = LocalMeanNormalizer.reflect(y0 - half + src[1], h);
                int p = sy * w + sx;
                int d = xOffset + r * s + c;
                for (int ch = 0; ch < channels; ch++) {
                    x[d + ch * plane] = image.channels()[ch][p];
                }
            }
        }
        Arrays.fill(target, tOffset, tOffset + targetSize(), 0f);
        int masked = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                source(r, c, k, rotation, reflected, src);
                int sx = x0 + src[0];
                int sy = y0 + src[1];
                if (sx >= w || sy >= h) {
                    continue;
                }
                int p = sy * w + sx;
                if (!train.get(offsets[i] + p)) {
                    continue;
                }
                int cls = image.classes()[p];
                if (keep[cls] >= 1.0 || random.nextDouble() < keep[cls]) {
                    target[tOffset + (cls * k + r) * k + c] = 1f;
                    masked++;
                }
            }
        }
        return masked;
    }

    /**
     * The unturned crop's (column, row) shown at {@code (r, c)} of a {@code side x side} crop turned as
     * {@link PatchExtractor#extract} turns a patch (about the crop's centre, in doubled coordinates).
     */
    private static void source(int r, int c, int side, int rotation, boolean reflected, int[] out) {
        PatchExtractor.turn(2 * c - (side - 1), 2 * r - (side - 1), rotation, reflected, out);
        out[0] = (out[0] + side - 1) / 2;
        out[1] = (out[1] + side - 1) / 2;
    }
}
