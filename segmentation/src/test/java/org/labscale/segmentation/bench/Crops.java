package org.labscale.segmentation.bench;

import java.util.HashMap;
import java.util.Map;

import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

/** Rectangles cut from a plane or a label image for the studies; a crop is {@code {x, y, width, height}}. */
public final class Crops {

    private Crops() {
    }

    /** The crop of {@code plane}, or the plane itself when {@code c} is null. */
    public static FloatPlane cut(FloatPlane plane, int[] c) {
        if (c == null) {
            return plane;
        }
        float[] out = new float[c[2] * c[3]];
        for (int y = 0; y < c[3]; y++) {
            System.arraycopy(plane.pixels(), (c[1] + y) * plane.width() + c[0], out, y * c[2], c[2]);
        }
        return new FloatPlane(c[2], c[3], out);
    }

    /** The crop of {@code labels}, renumbered 1..N in order of first appearance as an upload is; null: as it is. */
    public static LabelImage cut(LabelImage labels, int[] c) {
        if (c == null) {
            return labels;
        }
        int[] all = labels.toArray();
        int[] out = new int[c[2] * c[3]];
        for (int y = 0; y < c[3]; y++) {
            System.arraycopy(all, (c[1] + y) * labels.width() + c[0], out, y * c[2], c[2]);
        }
        Map<Integer, Integer> renumbered = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) {
                out[i] = renumbered.computeIfAbsent(out[i], k -> renumbered.size() + 1);
            }
        }
        return LabelImage.of(c[2], c[3], out);
    }
}
