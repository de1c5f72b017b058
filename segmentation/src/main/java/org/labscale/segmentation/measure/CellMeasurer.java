package org.labscale.segmentation.measure;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.segmentation.postprocess.CellTypeClassifier.CellClass;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-cell measurements in one pass over the label mask: area, centroid, bounding box, crack perimeter, eccentricity
 * from the second central moments (the ellipse of equal moments; as in Haralick and Shapiro, "Computer and Robot
 * Vision" vol. 1, 1992, and scikit-image's regionprops), and mean and integrated intensity of every channel. Labels
 * absent from the mask are skipped.
 */
public final class CellMeasurer {

    private CellMeasurer() {
    }

    /**
     * @param cells    the label mask
     * @param channels the raw image channels, each the size of the mask
     * @param classes  one entry per label 1..max from {@code CellTypeClassifier}, or null (then class "interior", 1)
     */
    public static List<CellMeasurement> measure(LabelImage cells, List<FloatPlane> channels, List<CellClass> classes) {
        int w = cells.width();
        int h = cells.height();
        for (FloatPlane c : channels) {
            if (c.width() != w || c.height() != h) {
                throw new IllegalArgumentException("channel is " + c.width() + " x " + c.height() + " but the mask "
                        + w + " x " + h);
            }
        }
        int[] labels = cells.toArray();
        int n = cells.maxLabel();
        int[] area = new int[n + 1];
        double[] sx = new double[n + 1];
        double[] sy = new double[n + 1];
        double[] sxx = new double[n + 1];
        double[] syy = new double[n + 1];
        double[] sxy = new double[n + 1];
        int[] minX = filled(n + 1, Integer.MAX_VALUE);
        int[] minY = filled(n + 1, Integer.MAX_VALUE);
        int[] maxX = filled(n + 1, -1);
        int[] maxY = filled(n + 1, -1);
        int[] perimeter = new int[n + 1];
        double[][] sums = new double[channels.size()][n + 1];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int l = labels[i];
                if (l == 0) {
                    continue;
                }
                area[l]++;
                sx[l] += x;
                sy[l] += y;
                sxx[l] += (double) x * x;
                syy[l] += (double) y * y;
                sxy[l] += (double) x * y;
                minX[l] = Math.min(minX[l], x);
                minY[l] = Math.min(minY[l], y);
                maxX[l] = Math.max(maxX[l], x);
                maxY[l] = Math.max(maxY[l], y);
                perimeter[l] += (x == 0 || labels[i - 1] != l ? 1 : 0) + (x == w - 1 || labels[i + 1] != l ? 1 : 0)
                        + (y == 0 || labels[i - w] != l ? 1 : 0) + (y == h - 1 || labels[i + w] != l ? 1 : 0);
                for (int c = 0; c < channels.size(); c++) {
                    sums[c][l] += channels.get(c).pixels()[i];
                }
            }
        }
        List<CellMeasurement> out = new ArrayList<>();
        for (int l = 1; l <= n; l++) {
            if (area[l] == 0) {
                continue;
            }
            double a = area[l];
            double cx = sx[l] / a;
            double cy = sy[l] / a;
            double[] mean = new double[channels.size()];
            double[] integrated = new double[channels.size()];
            for (int c = 0; c < channels.size(); c++) {
                integrated[c] = sums[c][l];
                mean[c] = sums[c][l] / a;
            }
            double eccentricity = eccentricity(sxx[l] / a - cx * cx, syy[l] / a - cy * cy, sxy[l] / a - cx * cy);
            CellClass cls = classes == null ? null : classes.get(l - 1);
            out.add(new CellMeasurement(l, area[l], cx, cy, minX[l], minY[l], maxX[l], maxY[l], perimeter[l],
                    eccentricity, mean, integrated, cls == null ? "interior" : cls.className(),
                    cls == null ? 1.0 : cls.score()));
        }
        return out;
    }

    /** sqrt(1 - minor/major) of the eigenvalues of the covariance [[mu20, mu11], [mu11, mu02]]. */
    static double eccentricity(double mu20, double mu02, double mu11) {
        double half = (mu20 + mu02) / 2;
        double root = Math.sqrt(((mu20 - mu02) / 2) * ((mu20 - mu02) / 2) + mu11 * mu11);
        double major = half + root;
        double minor = half - root;
        if (major <= 1e-12) {
            return 0;
        }
        return Math.sqrt(Math.max(0, 1 - Math.max(0, minor) / major));
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
