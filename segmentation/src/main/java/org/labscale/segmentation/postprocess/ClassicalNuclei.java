package org.labscale.segmentation.postprocess;

import java.util.Arrays;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.resample.PixelSizeResampler;
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
    static final double REFERENCE_RADIUS = 10.0;
    static final double LOWER = 7.0;
    static final double UPPER = 16.0;
    static final double MAX_RESCALE = 4.0;
    static final double MIN_RADIUS = 1.5;
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

    /**
     * The nuclei of one nuclear-marker plane (raw intensities, bright nuclei). The steps' lengths in pixels suit the
     * paper's magnification, where nuclei measure {@value #LOWER}-{@value #UPPER} px in radius ({@link #typicalRadius}:
     * HeLa-S3 11.7-12.7, MCF10A 13.6, BMDM 8.0); a plane whose nuclei are larger or smaller is resampled so they
     * measure {@value #REFERENCE_RADIUS} px, segmented there and its nuclei brought back (nearest neighbour): on the
     * paper's images enlarged twice the share of cells holding exactly one seed fell to 0.78 (HeLa-S3) and 0.49
     * (MCF10A) without this (each nucleus cut into pieces); with it they keep 0.95 and 0.90, and 0.96 / 0.91 at 0.35
     * times. BMDM twice enlarged (radius 15, inside the range) still over-splits (0.87; 2.5 times: 0.98).
     */
    public LabelImage segment(FloatPlane nuclear) {
        Prepared p = prepare(nuclear);
        double radius = typicalRadius(p);
        if (Double.isNaN(radius) || radius >= LOWER && radius <= UPPER) {
            return segment(p);
        }
        double scale = Math.max(1 / MAX_RESCALE, Math.min(MAX_RESCALE, radius / REFERENCE_RADIUS));
        int w = (int) Math.max(1, Math.round(nuclear.width() / scale));
        int h = (int) Math.max(1, Math.round(nuclear.height() / scale));
        LabelImage atReference = segment(prepare(PixelSizeResampler.intensities(nuclear, w, h)));
        LabelImage back = PixelSizeResampler.instances(atReference, nuclear.width(), nuclear.height());
        return CellFilter.sizes(minArea, Integer.MAX_VALUE).apply(back);
    }

    /** The log plane of {@code nuclear} and step 1's foreground, before any nucleus is split. */
    private record Prepared(float[] log, double threshold, float[] foreground, int w, int h) {
    }

    private static Prepared prepare(FloatPlane nuclear) {
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
        return new Prepared(log, threshold, foreground, w, h);
    }

    private LabelImage segment(Prepared p) {
        int w = p.w();
        int h = p.h();
        float[] log = p.log();
        double threshold = p.threshold();
        LabelImage nuclei = new DistanceTransformWatershed(0.5, H).segment(p.foreground(), w, h);
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

    /**
     * The nuclei's typical radius in pixels: the median, over the foreground's 8-connected components, of each
     * component's largest distance to the background (a component of touching nuclei counts once, with the radius of
     * its widest), components under {@value #MIN_RADIUS} px left out as specks; NaN without any.
     */
    static double typicalRadius(FloatPlane nuclear) {
        return typicalRadius(prepare(nuclear));
    }

    private static double typicalRadius(Prepared p) {
        float[] above = new float[p.log().length];
        for (int i = 0; i < above.length; i++) {
            above[i] = p.log()[i] > p.threshold() ? 1f : 0f;
        }
        return typicalRadius(above, p.w(), p.h());
    }

    /** {@link #typicalRadius(FloatPlane)} of a foreground mask (values above 0.5). */
    static double typicalRadius(float[] foreground, int w, int h) {
        boolean[] mask = new boolean[foreground.length];
        int[] binary = new int[foreground.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = foreground[i] > 0.5f;
            binary[i] = mask[i] ? 1 : 0;
        }
        int[] components = ConnectedComponentLabeling.label(LabelImage.of(w, h, binary), Connectivity.EIGHT)
                .toArray();
        float[] distance = DistanceTransformWatershed.distance(mask, w, h);
        int n = 0;
        for (int c : components) {
            n = Math.max(n, c);
        }
        float[] widest = new float[n + 1];
        for (int i = 0; i < components.length; i++) {
            widest[components[i]] = Math.max(widest[components[i]], distance[i]);
        }
        double[] radii = new double[n];
        int kept = 0;
        for (int c = 1; c <= n; c++) {
            if (widest[c] >= MIN_RADIUS) {
                radii[kept++] = widest[c];
            }
        }
        if (kept == 0) {
            return Double.NaN;
        }
        Arrays.sort(radii, 0, kept);
        return radii[kept / 2];
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
