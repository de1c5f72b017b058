package org.labscale.tracking.growth;

import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Single-cell growth from a tracking (Van Valen et al. 2016, Fig 3): each cell's area over time, its instantaneous
 * growth rate {@code d ln(area) / dt} from its predecessor (a daughter's rate is negative, about {@code -ln 2 / dt}, so
 * divisions show in the histogram), and the paper's quality check: a cell whose area grows by 30% or more from one
 * frame to the next is flagged as a likely merge of two cells by the segmentation.
 */
public final class GrowthAnalysis {

    /** The paper's threshold: 30% area growth between frames. */
    public static final double MERGE_GROWTH = 0.30;

    private GrowthAnalysis() {
    }

    /** Flags per frame: cells, those with a predecessor, and those flagged as likely merges. */
    public record FrameSummary(int frame, int cells, int withPredecessor, int likelyMerges) {

        /** Likely merges among the cells with a predecessor (0 when none has one). */
        public double likelyMergeFraction() {
            return withPredecessor == 0 ? 0 : (double) likelyMerges / withPredecessor;
        }
    }

    /**
     * @param cells  one row per cell per frame, in frame then track order
     * @param frames the flags per frame
     */
    public record Report(List<CellGrowth> cells, List<FrameSummary> frames) {

        /** Fraction of the cells that have a predecessor that are flagged as likely merges, over all frames. */
        public double likelyMergeFraction() {
            int with = cellsWithPredecessor();
            return with == 0 ? 0 : (double) likelyMerges() / with;
        }

        /** Cells flagged as likely merges, over all frames. */
        public int likelyMerges() {
            return frames.stream().mapToInt(FrameSummary::likelyMerges).sum();
        }

        /** Cells with a predecessor (those the merge check can judge), over all frames. */
        public int cellsWithPredecessor() {
            return frames.stream().mapToInt(FrameSummary::withPredecessor).sum();
        }

        /**
         * Histogram of the finite growth rates over {@code bins} equal bins from {@code min} to {@code max}; values
         * outside fall in the first or last bin.
         */
        public int[] rateHistogram(double min, double max, int bins) {
            if (!(max > min) || bins < 1) {
                throw new IllegalArgumentException("need min < max and bins >= 1, was " + min + ", " + max + ", "
                        + bins);
            }
            int[] counts = new int[bins];
            for (CellGrowth c : cells) {
                if (Double.isFinite(c.growthRate())) {
                    int b = (int) Math.floor((c.growthRate() - min) / (max - min) * bins);
                    counts[Math.max(0, Math.min(bins - 1, b))]++;
                }
            }
            return counts;
        }
    }

    /**
     * @param frameInterval time between frames (the rates are per this unit), > 0
     * @throws IllegalArgumentException a non-positive interval, or a spot without a positive area
     */
    public static Report analyse(TrackingResult result, double frameInterval) {
        if (!(frameInterval > 0) || !Double.isFinite(frameInterval)) {
            throw new IllegalArgumentException("frameInterval must be a finite number > 0, was " + frameInterval);
        }
        Map<Integer, Spot> byId = new HashMap<>();
        for (Spot s : result.spots()) {
            if (!(s.area() > 0)) {
                throw new IllegalArgumentException("spot " + s.id() + " in frame " + s.frame()
                        + " has no positive area; growth needs segmented cells");
            }
            byId.put(s.id(), s);
        }
        Map<Integer, List<Spot>> predecessors = new HashMap<>();
        for (Link link : result.links()) {
            predecessors.computeIfAbsent(link.target(), k -> new ArrayList<>()).add(byId.get(link.source()));
        }
        List<CellGrowth> cells = new ArrayList<>();
        Map<Integer, int[]> perFrame = new TreeMap<>();
        List<Spot> ordered = new ArrayList<>(result.spots());
        ordered.sort((a, b) -> a.frame() != b.frame() ? Integer.compare(a.frame(), b.frame())
                : Integer.compare(result.lineage().trackOf(a.id()), result.lineage().trackOf(b.id())));
        for (Spot s : ordered) {
            List<Spot> preds = predecessors.getOrDefault(s.id(), List.of());
            double rate = Double.NaN;
            boolean merge = false;
            if (!preds.isEmpty()) {
                // A merge of several predecessors grows from their combined area.
                double before = 0;
                int fromFrame = preds.get(0).frame();
                for (Spot p : preds) {
                    before += p.area();
                    fromFrame = Math.max(fromFrame, p.frame());
                }
                rate = Math.log(s.area() / before) / ((s.frame() - fromFrame) * frameInterval);
                merge = preds.size() == 1 && s.area() >= (1 + MERGE_GROWTH) * before;
            }
            cells.add(new CellGrowth(result.lineage().trackOf(s.id()), s.id(), s.frame(), s.area(), rate, merge));
            int[] counts = perFrame.computeIfAbsent(s.frame(), f -> new int[3]);
            counts[0]++;
            if (!preds.isEmpty()) {
                counts[1]++;
            }
            if (merge) {
                counts[2]++;
            }
        }
        List<FrameSummary> frames = new ArrayList<>();
        perFrame.forEach((f, c) -> frames.add(new FrameSummary(f, c[0], c[1], c[2])));
        return new Report(List.copyOf(cells), List.copyOf(frames));
    }
}
