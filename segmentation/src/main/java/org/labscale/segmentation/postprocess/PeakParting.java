package org.labscale.segmentation.postprocess;

import org.labscale.imaging.labels.LabelImage;

/**
 * Parts touching nuclei at the dimmer seam between their bright domes, where their outline has no neck for the
 * distance transform (packed DAPI nuclei of MCF10A colonies). Each nucleus that holds two or more h-maxima of the
 * (smoothed) plane rising at least {@code peakH} above the saddle to a brighter one (Soille, "Morphological Image
 * Analysis", 2003, ch. 6.3.4) is flooded downhill from them ({@link MeyerFlooding}); a nucleus with one peak stays as
 * it is. The pixels along the border of two nuclei are a barrier the peaks neither cross nor claim, so parting never
 * merges a nucleus with its neighbour (they stay unlabelled in a parted nucleus: a seed need not reach its outline).
 */
final class PeakParting {

    private PeakParting() {
    }

    /** {@code nuclei} parted by the peaks of {@code smooth} (the same size), labels 1..N in raster order. */
    static LabelImage part(float[] smooth, LabelImage nuclei, double peakH) {
        int w = nuclei.width();
        int h = nuclei.height();
        int[] labels = nuclei.toArray();
        int n = labels.length;
        Labels.checkSize(w, h, smooth.length, "the plane");
        float low = Float.MAX_VALUE;
        for (float v : smooth) {
            low = Math.min(low, v);
        }
        boolean[] open = new boolean[n];
        float[] inside = new float[n];
        float[] elevation = new float[n];
        for (int i = 0; i < n; i++) {
            open[i] = labels[i] != 0 && !onBorder(labels, i, w, h);
            inside[i] = open[i] ? smooth[i] : low;
            elevation[i] = -smooth[i];
        }
        int[] peaks = DistanceTransformWatershed.hMaxima(inside, open, peakH, w, h);
        int maxPeak = 0;
        for (int v : peaks) {
            maxPeak = Math.max(maxPeak, v);
        }
        int[] firstPeak = new int[nuclei.maxLabel() + 1];
        boolean[] several = new boolean[nuclei.maxLabel() + 1];
        for (int i = 0; i < n; i++) {
            int k = labels[i];
            if (peaks[i] != 0) {
                several[k] |= firstPeak[k] != 0 && firstPeak[k] != peaks[i];
                firstPeak[k] = firstPeak[k] == 0 ? peaks[i] : firstPeak[k];
            }
        }
        int[] parts = new int[n];
        boolean[] allowed = new boolean[n];
        for (int i = 0; i < n; i++) {
            int k = labels[i];
            if (k != 0 && several[k]) {
                parts[i] = peaks[i];
                allowed[i] = open[i];
            } else if (k != 0) {
                parts[i] = maxPeak + k;
            }
        }
        MeyerFlooding.flood(elevation, parts, allowed, w, h);
        Labels.relabelInRasterOrder(parts);
        return LabelImage.of(w, h, parts);
    }

    /** A labelled pixel with an 8-neighbour of another non-zero label. */
    private static boolean onBorder(int[] labels, int i, int w, int h) {
        int x = i % w;
        int y = i / w;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int qx = x + dx;
                int qy = y + dy;
                if (qx >= 0 && qy >= 0 && qx < w && qy < h) {
                    int q = labels[qy * w + qx];
                    if (q != 0 && q != labels[i]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
