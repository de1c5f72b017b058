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
 * independent of offset and gain). A pixel is nuclear when its log value is
 * above Otsu's threshold (Otsu 1979; between the 0.5th and 99.5th percentiles, so a few hot pixels do not squeeze the
 * histogram) and {@value #LOCAL_OFFSET} above the mean of the {@value #WINDOW} px square around it (about three
 * nuclear diameters at the paper's magnification: this parts nuclei packed as in MCF10A colonies, where a global
 * threshold merges them). Touching nuclei are split by the distance-transform watershed
 * ({@link DistanceTransformWatershed}, necks of at least {@value #H} px), holes filled and nuclei under
 * {@code minArea} pixels dropped. Labels 1..N in raster order.
 */
public final class ClassicalNuclei {

    static final double SIGMA = 1.5;
    static final double H = 2.0;
    static final int WINDOW = 81;
    static final double LOCAL_OFFSET = 0.1;
    private static final int BINS = 256;

    private final int minArea;

    /** @param minArea smallest nucleus kept, in pixels */
    public ClassicalNuclei(int minArea) {
        if (minArea < 0) {
            throw new IllegalArgumentException("minArea must be 0 or more, not " + minArea);
        }
        this.minArea = minArea;
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
        LabelImage split = new DistanceTransformWatershed(0.5, H).segment(foreground, w, h);
        return CellFilter.sizes(minArea, Integer.MAX_VALUE).apply(HoleFilling.fill(split));
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
