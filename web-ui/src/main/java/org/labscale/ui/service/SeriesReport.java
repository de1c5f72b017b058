package org.labscale.ui.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the series page shows of a TRACKING job's {@code report.json}: the series (one multi-frame image, or one
 * image per frame), counts, the paper's merge check, the figures, and the Cell Tracking Challenge scores when the job
 * has them ({@code scores}: {@code TRA}, {@code DET}, {@code SEG}).
 *
 * @param imageIds             the series' images: one (its pages the frames) or one per frame
 * @param perFrameImages       whether {@code imageIds} lists one image per frame
 * @param frames               frames in the series
 * @param tracks               tracks found
 * @param divisions            divisions found
 * @param cells                cells over all frames
 * @param frameIntervalMinutes time between frames
 * @param merges               the merge check
 * @param figures              the figures' names (without folder and extension), in report order
 * @param scores               CTC measure name to value; empty when the series had no ground truth
 */
public record SeriesReport(List<UUID> imageIds, boolean perFrameImages, int frames, int tracks, int divisions,
                           int cells, Double frameIntervalMinutes, MergeCheck merges, List<String> figures,
                           Map<String, Double> scores) {

    /** Cells whose area grew by the threshold or more since the previous frame: likely two cells segmented as one. */
    public record MergeCheck(double threshold, int cellsWithPredecessor, int likelyMerges, List<FrameMerges> frames) {
        public double fraction() {
            return cellsWithPredecessor == 0 ? 0 : likelyMerges / (double) cellsWithPredecessor;
        }
    }

    /** One frame's cells and merge check (frame from 0). */
    public record FrameMerges(int frame, int cells, int cellsWithPredecessor, int likelyMerges) {
    }

    /** The CTC measures shown, in this order. */
    public static final List<String> MEASURES = List.of("TRA", "DET", "SEG");

    @SuppressWarnings("unchecked")
    public static SeriesReport of(Map<String, Object> report) {
        List<UUID> images = new ArrayList<>();
        boolean perFrame = report.get("imageIds") instanceof List<?>;
        if (perFrame) {
            ((List<Object>) report.get("imageIds")).forEach(id -> images.add(UUID.fromString(id.toString())));
        } else if (report.get("imageId") != null) {
            images.add(UUID.fromString(report.get("imageId").toString()));
        }
        Map<String, Object> overall = map(report.get("overall"));
        Map<String, Object> check = map(report.get("mergeCheck"));
        List<FrameMerges> perFrameMerges = new ArrayList<>();
        if (check.get("perFrame") instanceof List<?> rows) {
            for (Object row : rows) {
                Map<String, Object> r = map(row);
                perFrameMerges.add(new FrameMerges(integer(r.get("frame")), integer(r.get("cells")),
                        integer(r.get("cellsWithPredecessor")), integer(r.get("likelyMerges"))));
            }
        }
        MergeCheck merges = new MergeCheck(check.get("areaGrowthThreshold") instanceof Number n ? n.doubleValue()
                : 0.3, integer(check.get("cellsWithPredecessor")), integer(check.get("likelyMerges")), perFrameMerges);
        List<String> figures = new ArrayList<>();
        if (report.get("figures") instanceof List<?> names) {
            for (Object name : names) {
                String s = name.toString();
                if (s.startsWith("figures/") && s.endsWith(".png")) {
                    figures.add(s.substring("figures/".length(), s.length() - ".png".length()));
                }
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Object> raw = map(report.get("scores"));
        for (String measure : MEASURES) {
            Object v = raw.containsKey(measure) ? raw.get(measure) : raw.get(measure.toLowerCase(java.util.Locale.ROOT));
            if (v instanceof Number n) {
                scores.put(measure, n.doubleValue());
            }
        }
        return new SeriesReport(List.copyOf(images), perFrame, integer(overall.get("frames")),
                integer(overall.get("tracks")), integer(overall.get("divisions")), integer(overall.get("cells")),
                report.get("frameIntervalMinutes") instanceof Number n ? n.doubleValue() : null, merges,
                List.copyOf(figures), scores);
    }

    /** The image frame {@code t} is read from, and the page of it. */
    public UUID imageOf(int t) {
        return perFrameImages ? imageIds.get(t) : imageIds.get(0);
    }

    /** The CTC mask's name of frame {@code t} ({@code mask007}; four digits past 1000 frames, as the worker writes). */
    public String maskName(int t) {
        return String.format(frames > 1000 ? "mask%04d" : "mask%03d", t);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static int integer(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
