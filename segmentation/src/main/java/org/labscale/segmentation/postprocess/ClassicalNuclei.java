package org.labscale.segmentation.postprocess;

import java.util.Arrays;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.stats.Otsu;

/**
 * Nuclei found in a nuclear-marker channel without a net, to seed ACTIVE_CONTOURS when no nuclear model is named
 * (the paper seeds its cytoplasm contours with nuclei). Nuclear markers are uneven: on HeLa-S3's H2B channel the
 * brightest nuclei are ten times the dimmest, and a threshold on raw intensities finds only the bright ones (40% of
 * the cells had no seed). So the plane is clipped at its 99.5th percentile (a hot pixel stays a speck), smoothed by a
 * Gaussian of {@value #SIGMA} px and taken to a log scale above its black level ({@code log(v - p0.5 + (p50 -
 * p0.5))}: the 0.5th percentile as the black level, the median's rise above it as the unit, so the scale is
 * independent of offset and gain). Then three steps:
 * <ol>
 *   <li>a pixel is nuclear when its log value is above Otsu's threshold (Otsu 1979; between the 0.5th and 99.5th
 *       percentiles, so a few hot pixels do not squeeze the histogram) and {@value #LOCAL_OFFSET} above the mean of the
 *       {@value #WINDOW} px square around it (about three nuclear diameters at the paper's magnification: this parts
 *       nuclei packed as in MCF10A colonies, where a global threshold merges them); touching nuclei are split by the
 *       distance-transform watershed ({@link DistanceTransformWatershed}, necks of at least {@value #H} px);</li>
 *   <li>the dim pass: nuclei too dim for Otsu's threshold, or beside bright ones that lift the plain local mean, are
 *       found {@value #DIM_OFFSET} above the mean of the background pixels alone (those under Otsu's threshold) in the
 *       same window; those that touch no nucleus of step 1 and reach {@value #DIM_SHARE} of its median area are added
 *       (on HeLa-S3 set5 the cells without a seed fell from 16 to 8, most of the rest at the image's edge);</li>
 *   <li>touching nuclei whose outline has no neck are parted at their dimmer seam ({@link PeakParting}: peaks rising
 *       {@value #PEAK_H} in log units, i.e. about 10%, above the saddle of the plane smoothed by a further
 *       {@value #PEAK_SIGMA} px; on MCF10A's packed DAPI nuclei the cells sharing a neighbour's seed fell from 7 to
 *       2).</li>
 * </ol>
 * Holes are filled and nuclei under {@code minArea} pixels dropped. Labels 1..N in raster order.
 */
public final class ClassicalNuclei {

    static final double SIGMA = 1.5;
    static final double H = 2.0;
    static final int WINDOW = 81;
    static final double LOCAL_OFFSET = 0.1;
    static final double DIM_OFFSET = 0.2;
    static final double DIM_SHARE = 0.3;
    static final double PEAK_SIGMA = 2.0;
    static final double PEAK_H = 0.1;
    private static final int BINS = 256;

    private final int minArea;
    private final boolean dimPass;
    private final double peakH;

    /** @param minArea smallest nucleus kept, in pixels */
    public ClassicalNuclei(int minArea) {
        this(minArea, true, PEAK_H);
    }

    /**
     * @param dimPass step 2, the dim pass
     * @param peakH   step 3's least rise of a peak over its saddle (log units), or NaN to leave step 3 out
     */
    ClassicalNuclei(int minArea, boolean dimPass, double peakH) {
        if (minArea < 0) {
            throw new IllegalArgumentException("minArea must be 0 or more, not " + minArea);
        }
        this.minArea = minArea;
        this.dimPass = dimPass;
        this.peakH = peakH;
    }

    /** The nuclei of one nuclear-marker plane (raw intensities, bright nuclei). */
    public LabelImage segment(FloatPlane nuclear) {
        int w = nuclear.width();
        int h = nuclear.height();
        float[] sorted = nuclear.pixels().clone();
        Arrays.sort(sorted);
        float black = percentile(sorted, 0.005);
        float top = percentile(sorted, 0.995);
        float unit = Math.max(percentile(sorted, 0.5) - black, Math.max(1e-6f * (top - black), Float.MIN_NORMAL));
        float[] clipped = new float[sorted.length];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.min(nuclear.pixels()[i], top);
        }
        float[] log = GaussianBlur.blur(clipped, w, h, SIGMA);
        for (int i = 0; i < log.length; i++) {
            log[i] = (float) Math.log(Math.max(log[i] - black, 0) + unit);
        }
        double threshold = otsu(log);
        float[] local = AdaptiveThreshold.localMeans(log, w, h, WINDOW);
        float[] foreground = new float[log.length];
        for (int i = 0; i < log.length; i++) {
            foreground[i] = log[i] > threshold && log[i] > local[i] + LOCAL_OFFSET ? 1f : 0f;
        }
        LabelImage nuclei = new DistanceTransformWatershed(0.5, H).segment(foreground, w, h);
        if (dimPass) {
            float[] background = backgroundMeans(log, threshold, w, h, WINDOW);
            float[] dim = new float[log.length];
            for (int i = 0; i < log.length; i++) {
                dim[i] = log[i] > background[i] + DIM_OFFSET ? 1f : 0f;
            }
            nuclei = addDisjoint(nuclei, new DistanceTransformWatershed(0.5, H).segment(dim, w, h), DIM_SHARE);
        }
        if (!Double.isNaN(peakH)) {
            nuclei = PeakParting.part(GaussianBlur.blur(log, w, h, PEAK_SIGMA), nuclei, peakH);
        }
        return CellFilter.sizes(minArea, Integer.MAX_VALUE).apply(HoleFilling.fill(nuclei));
    }

    /**
     * {@code first}'s nuclei and those of {@code second} that touch none of them and have at least {@code share} of
     * the median area of {@code first}'s, labels 1..N in raster order.
     */
    static LabelImage addDisjoint(LabelImage first, LabelImage second, double share) {
        int[] a = first.toArray();
        int[] b = second.toArray();
        boolean[] touches = new boolean[second.maxLabel() + 1];
        for (int i = 0; i < a.length; i++) {
            touches[b[i]] |= a[i] != 0;
        }
        int[] firstAreas = Arrays.copyOfRange(Labels.areas(a), 1, first.maxLabel() + 1);
        Arrays.sort(firstAreas);
        int least = firstAreas.length == 0 ? 0 : (int) (share * firstAreas[firstAreas.length / 2]);
        int[] areas = Labels.areas(b);
        for (int k = 1; k < areas.length; k++) {
            touches[k] |= areas[k] < least;
        }
        int offset = first.maxLabel();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0 && b[i] != 0 && !touches[b[i]]) {
                a[i] = offset + b[i];
            }
        }
        Labels.relabelInRasterOrder(a);
        return LabelImage.of(first.width(), first.height(), a);
    }

    /**
     * The mean of the background pixels (at or below {@code threshold}) in the {@code window} square around each
     * pixel, so a bright neighbour does not lift a dim nucleus's reference; the plain local mean where the window
     * holds no background pixel.
     */
    static float[] backgroundMeans(float[] log, double threshold, int w, int h, int window) {
        float[] masked = new float[log.length];
        float[] isBackground = new float[log.length];
        for (int i = 0; i < log.length; i++) {
            isBackground[i] = log[i] <= threshold ? 1f : 0f;
            masked[i] = log[i] * isBackground[i];
        }
        float[] sums = AdaptiveThreshold.localMeans(masked, w, h, window);
        float[] shares = AdaptiveThreshold.localMeans(isBackground, w, h, window);
        float[] plain = null;
        for (int i = 0; i < log.length; i++) {
            if (shares[i] > 1e-3f) {
                sums[i] /= shares[i];
            } else {
                plain = plain == null ? AdaptiveThreshold.localMeans(log, w, h, window) : plain;
                sums[i] = plain[i];
            }
        }
        return sums;
    }

    private static float percentile(float[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    /** Otsu's threshold of {@code values} over {@value #BINS} bins between their 0.5th and 99.5th percentiles. */
    static double otsu(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
        double hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        return Otsu.threshold(values, lo, hi, BINS);
    }
}
