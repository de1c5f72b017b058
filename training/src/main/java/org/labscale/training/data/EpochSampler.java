package org.labscale.training.data;

import java.util.SplittableRandom;

import org.labscale.shared.job.EpochSize;

/**
 * Draws one epoch's training pixels at run time, without materialising patches or even the epoch's list of pixels:
 * the per-class arrays of a {@link PixelSplit} are shuffled in place at the start of each epoch and read in a
 * round-robin over classes. With class balancing (Van Valen et al. 2016: down-sampling so that every class is equally
 * represented) every class contributes the same number of pixels, at most the rarest class's count, and the epoch has
 * {@code min(patchesPerEpoch, classes x rarest)} patches ({@link EpochSize}, which the API's estimate counts too). Without balancing, pixels are drawn in proportion to their
 * classes. Memory is the split's arrays, whatever {@code patchesPerEpoch} is.
 */
public final class EpochSampler {

    private final int[][] byClass;
    private final int[] all;
    private final boolean balance;
    private final int patchesPerEpoch;
    private int perClass;

    public EpochSampler(PixelSplit split, boolean balance, int patchesPerEpoch) {
        this.byClass = split.train();
        this.balance = balance;
        this.patchesPerEpoch = patchesPerEpoch;
        if (balance) {
            all = null;
        } else {
            int n = 0;
            for (int[] ids : byClass) {
                n += ids.length;
            }
            all = new int[n];
            int i = 0;
            for (int[] ids : byClass) {
                System.arraycopy(ids, 0, all, i, ids.length);
                i += ids.length;
            }
        }
    }

    /** Shuffles for a new epoch and answers its number of patches. */
    public int startEpoch(SplittableRandom random) {
        long[] pixels = new long[byClass.length];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = byClass[k].length;
        }
        int size = (int) EpochSize.patches(pixels, balance, patchesPerEpoch);
        if (!balance) {
            partialShuffle(all, size, random);
            return size;
        }
        int classes = byClass.length;
        perClass = (size + classes - 1) / classes;
        for (int[] ids : byClass) {
            partialShuffle(ids, perClass, random);
        }
        return size;
    }

    /** The {@code j}-th pixel id of the current epoch ({@code 0 <= j <} {@link #startEpoch}'s answer). */
    public int sample(int j) {
        if (!balance) {
            return all[j];
        }
        int classes = byClass.length;
        return byClass[j % classes][j / classes];
    }

    /** Makes the first {@code n} entries a uniformly random sample of the array, in random order. */
    private static void partialShuffle(int[] values, int n, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(values.length - i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
