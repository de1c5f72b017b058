package org.labscale.tracking;

import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** Turns each labelled object of each frame into a {@link Spot}: centroid, area and mean intensity. */
public final class SpotMeasurer {

    private SpotMeasurer() {
    }

    /**
     * Spots numbered from 0 in frame order, then label order.
     *
     * @throws IllegalArgumentException frames of different sizes, or a frame index repeated
     */
    public static List<Spot> measure(List<LabelFrame> frames) {
        List<Spot> spots = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int width = -1;
        int height = -1;
        List<LabelFrame> ordered = new ArrayList<>(frames);
        ordered.sort(Comparator.comparingInt(LabelFrame::frame));
        for (LabelFrame frame : ordered) {
            if (!seen.add(frame.frame())) {
                throw new IllegalArgumentException("frame " + frame.frame() + " appears twice in the series");
            }
            if (width < 0) {
                width = frame.labels().width();
                height = frame.labels().height();
            } else if (frame.labels().width() != width || frame.labels().height() != height) {
                throw new IllegalArgumentException("frame " + frame.frame() + " is " + frame.labels().width() + "x"
                        + frame.labels().height() + " but the series' first frame is " + width + "x" + height);
            }
            spots.addAll(measureFrame(frame, spots.size()));
        }
        return spots;
    }

    /** The spots of one frame in label order, numbered from {@code firstId}. */
    public static List<Spot> measureFrame(LabelFrame frame, int firstId) {
        List<Spot> out = new ArrayList<>();
        int[] labels = frame.labels().toArray();
        int w = frame.labels().width();
        int max = frame.labels().maxLabel();
        long[] area = new long[max + 1];
        double[] sx = new double[max + 1];
        double[] sy = new double[max + 1];
        double[] si = new double[max + 1];
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            if (l > 0) {
                area[l]++;
                sx[l] += p % w;
                sy[l] += p / w;
                if (frame.intensity() != null) {
                    si[l] += frame.intensity()[p];
                }
            }
        }
        for (int l = 1; l <= max; l++) {
            if (area[l] > 0) {
                double mean = frame.intensity() == null ? Double.NaN : si[l] / area[l];
                out.add(new Spot(firstId + out.size(), frame.frame(), sx[l] / area[l], sy[l] / area[l], l, area[l],
                        mean));
            }
        }
        return out;
    }
}
