package org.labscale.tracking.daughters;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.ktr.NearestNucleus;

import java.util.PriorityQueue;

/**
 * Splits one object of a label image in two by a seeded watershed on its Euclidean distance transform (the distance
 * of each object pixel to the nearest pixel outside it; Beucher and Meyer's flooding, the classic way of parting
 * touching nuclei). Two given points stand for the two parts: the object's pixels are first divided by which point
 * is nearer, and each half's pixel deepest inside the object (highest distance) becomes a seed; from the two seeds
 * the object is flooded from the inside out, highest distance first, each pixel joining the part of the 4-neighbour
 * that reached it. Where the floods meet lies the object's narrowest neck between the seeds.
 *
 * <p>{@link Parts#neck()} measures how pinched the object is there: the highest distance on the line where the two
 * parts meet (the neck's half-width) over the smaller of the parts' highest distances (their inscribed radii). Two
 * round nuclei touching give well under 1; one convex nucleus cut anywhere gives about 1, for its deepest pixel lies
 * on or next to the cut.
 */
public final class DistanceWatershed {

    private DistanceWatershed() {
    }

    /**
     * The two parts of an object.
     *
     * @param first  pixel indices (row-major, in the whole image) of the part of the first point
     * @param second pixel indices of the part of the second point
     * @param neck   the neck's half-width over the smaller part's inscribed radius, in (0, 1] as a rule
     */
    public record Parts(int[] first, int[] second, double neck) {
    }

    /**
     * @param mask  the frame's labels
     * @param label the object to split
     * @return the parts, or null when the object is absent or one of the points has no pixel of the object nearer
     *         to it than to the other point
     */
    public static Parts split(LabelImage mask, int label, double x1, double y1, double x2, double y2) {
        int w = mask.width();
        int[] labels = mask.toArray();
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int xMax = -1;
        int yMax = -1;
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == label) {
                x0 = Math.min(x0, p % w);
                xMax = Math.max(xMax, p % w);
                y0 = Math.min(y0, p / w);
                yMax = Math.max(yMax, p / w);
            }
        }
        if (xMax < 0) {
            return null;
        }
        // The object's bounding box with a margin of one pixel outside it, so that the image's edge counts as
        // outside too; the distance transform is that of the box's other pixels.
        int cw = xMax - x0 + 3;
        int ch = yMax - y0 + 3;
        int[] outside = new int[cw * ch];
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int x = x0 + cx - 1;
                int y = y0 + cy - 1;
                boolean in = x >= 0 && y >= 0 && x < w && y < mask.height() && labels[y * w + x] == label;
                outside[cy * cw + cx] = in ? 0 : 1;
            }
        }
        NearestNucleus edt = NearestNucleus.of(LabelImage.of(cw, ch, outside));
        double[] depth = new double[cw * ch];
        int[] seed = {-1, -1};
        for (int c = 0; c < depth.length; c++) {
            if (outside[c] == 0) {
                depth[c] = Math.sqrt(edt.distance2(c % cw, c / cw));
                double x = x0 + c % cw - 1;
                double y = y0 + c / cw - 1;
                double d1 = (x - x1) * (x - x1) + (y - y1) * (y - y1);
                double d2 = (x - x2) * (x - x2) + (y - y2) * (y - y2);
                int half = d1 <= d2 ? 0 : 1;
                if (seed[half] < 0 || depth[c] > depth[seed[half]]) {
                    seed[half] = c;
                }
            }
        }
        if (seed[0] < 0 || seed[1] < 0) {
            return null;
        }
        int[] part = new int[cw * ch];
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> depth[a] != depth[b]
                ? Double.compare(depth[b], depth[a]) : Integer.compare(a, b));
        part[seed[0]] = 1;
        part[seed[1]] = 2;
        queue.add(seed[0]);
        queue.add(seed[1]);
        double pass = 0;
        int[] sizes = new int[3];
        while (!queue.isEmpty()) {
            int c = queue.poll();
            sizes[part[c]]++;
            for (int n : new int[]{c - 1, c + 1, c - cw, c + cw}) {
                if (outside[n] != 0) {
                    continue; // the margin keeps every neighbour of an object pixel inside the box
                }
                if (part[n] == 0) {
                    part[n] = part[c];
                    queue.add(n);
                } else if (part[n] != part[c]) {
                    pass = Math.max(pass, Math.min(depth[c], depth[n]));
                }
            }
        }
        for (int c = 0; c < part.length; c++) {
            if (outside[c] == 0 && part[c] == 0) { // a piece not 4-connected to the seeds: the nearer point's part
                double x = x0 + c % cw - 1;
                double y = y0 + c / cw - 1;
                double d1 = (x - x1) * (x - x1) + (y - y1) * (y - y1);
                part[c] = d1 <= (x - x2) * (x - x2) + (y - y2) * (y - y2) ? 1 : 2;
                sizes[part[c]]++;
            }
        }
        double[] peak = new double[3];
        int[][] out = {null, new int[sizes[1]], new int[sizes[2]]};
        int[] fill = new int[3];
        for (int c = 0; c < part.length; c++) {
            if (part[c] > 0) {
                peak[part[c]] = Math.max(peak[part[c]], depth[c]);
                out[part[c]][fill[part[c]]++] = (y0 + c / cw - 1) * w + x0 + c % cw - 1;
            }
        }
        return new Parts(out[1], out[2], pass / Math.min(peak[1], peak[2]));
    }
}
