package org.labscale.shared.job;

import java.util.SplittableRandom;

/**
 * Which images a training job holds out whole for validation when the payload leaves the choice to
 * {@code validationFraction}: {@code round(fraction x images)} of them, at least one and at least one fewer than all,
 * in a seeded random order. The training library splits with it and the API predicts the split with it at submit
 * (the cost estimate's held-out images), so both agree as long as they list the images in the same order (training
 * sets in payload order, items by position).
 */
public final class ValidationSplit {

    private ValidationSplit() {
    }

    /** The random source of a payload's split: seeded by the payload's seed, shared by all members. */
    public static SplittableRandom random(long payloadSeed) {
        return new SplittableRandom(new SplittableRandom(payloadSeed).nextLong());
    }

    /**
     * Per image (in order), whether it is held out; all false when there are fewer than two images (the training
     * then holds out pixels). Draws from {@code random}.
     */
    public static boolean[] heldOut(int images, double fraction, SplittableRandom random) {
        boolean[] out = new boolean[images];
        if (images < 2) {
            return out;
        }
        int held = (int) Math.max(1, Math.min(images - 1, Math.round(fraction * images)));
        int[] order = permutation(images, random);
        for (int i = 0; i < held; i++) {
            out[order[i]] = true;
        }
        return out;
    }

    /** A uniformly random order of {@code 0 .. n-1}. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, order.length, random);
        return order;
    }

    /** Fisher-Yates: a uniformly random order of the first {@code n} entries, in place. */
    public static void shuffle(int[] values, int n, SplittableRandom random) {
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
