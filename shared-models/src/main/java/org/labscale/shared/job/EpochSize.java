package org.labscale.shared.job;

/**
 * How many patches one training epoch trains: the payload's {@code patchesPerEpoch}, at most what the training side of
 * the validation split holds. With class balancing (Van Valen et al. 2016: every class down-sampled to the rarest)
 * that is {@code classes x} the rarest class's training pixels, else all training pixels. The training library's
 * samplers draw this many per epoch, and the API's cost estimate counts them (a small training set with a large
 * {@code patchesPerEpoch} trains far fewer patches than the payload names).
 */
public final class EpochSize {

    private EpochSize() {
    }

    /**
     * @param trainingPixels  training-side pixels per class (index = class value)
     * @param balance         {@code balanceClasses}
     * @param patchesPerEpoch the payload's
     */
    public static long patches(long[] trainingPixels, boolean balance, int patchesPerEpoch) {
        long total = 0;
        long rarest = Long.MAX_VALUE;
        for (long n : trainingPixels) {
            total += n;
            rarest = Math.min(rarest, n);
        }
        long available = balance ? (trainingPixels.length == 0 ? 0 : trainingPixels.length * rarest) : total;
        return Math.min(patchesPerEpoch, available);
    }
}
