package org.labscale.api.image.tile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fine histogram of one plane's finite samples over [min, max], from which percentiles (auto-contrast) and the
 * coarser histogram the viewer draws are derived. Filled in two passes: {@link #range} first, then {@link #add}.
 */
final class PlaneHistogram {

    /** Fine bins: percentiles are exact to 1/4096 of the range. */
    static final int BINS = 4096;

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final long[] counts;

    PlaneHistogram() {
        this.counts = new long[BINS];
    }

    private PlaneHistogram(double min, double max, long[] counts) {
        this.min = min;
        this.max = max;
        this.counts = counts;
    }

    /** First pass: widens the range to the finite values of {@code row[0..n)}. */
    void range(float[] row, int n) {
        for (int i = 0; i < n; i++) {
            float v = row[i];
            if (Float.isFinite(v)) {
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }
    }

    /** Second pass: counts the finite values of {@code row[0..n)}. */
    void add(float[] row, int n) {
        double scale = max > min ? BINS / (max - min) : 0;
        for (int i = 0; i < n; i++) {
            float v = row[i];
            if (Float.isFinite(v)) {
                counts[Math.min(BINS - 1, (int) ((v - min) * scale))]++;
            }
        }
    }

    /** Smallest finite sample (0 for a plane without any). */
    double min() {
        return Double.isFinite(min) ? min : 0;
    }

    /** Largest finite sample (0 for a plane without any). */
    double max() {
        return Double.isFinite(max) ? max : 0;
    }

    /** The value below which {@code fraction} of the finite samples lie, interpolated within its bin. */
    double percentile(double fraction) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0 || max() <= min()) {
            return min();
        }
        double target = fraction * total;
        double width = (max() - min()) / BINS;
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            if (seen + counts[i] >= target && counts[i] > 0) {
                return min() + width * (i + (target - seen) / counts[i]);
            }
            seen += counts[i];
        }
        return max();
    }

    /** The counts merged into {@code bins} equal bins over the same range ({@code bins} divides {@link #BINS}). */
    List<Long> coarse(int bins) {
        int per = BINS / bins;
        List<Long> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            long sum = 0;
            for (int i = b * per; i < (b + 1) * per; i++) {
                sum += counts[i];
            }
            out.add(sum);
        }
        return out;
    }

    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeDouble(min());
            out.writeDouble(max());
            for (long c : counts) {
                out.writeLong(c);
            }
        }
    }

    static PlaneHistogram read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            double min = in.readDouble();
            double max = in.readDouble();
            long[] counts = new long[BINS];
            for (int i = 0; i < BINS; i++) {
                counts[i] = in.readLong();
            }
            return new PlaneHistogram(min, max, counts);
        }
    }
}
