package org.labscale.ui.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a finished SEGMENTATION job reported ({@code JobDto.result}, written by the worker's SegmentationHandler):
 * per image its outcome, cell count and scores against the reference annotation where there was one, and the
 * scores pooled over all scored images.
 *
 * @param images  per image, in the job's order
 * @param omitted images beyond the result's limit (listed only in report.json)
 * @param cells   cells found in all images
 * @param overall pooled scores; null when no image had a reference
 */
public record SegmentationResult(List<ImageResult> images, int omitted, int cells, Scores overall) {

    /** One image: {@code error} is set when it failed (and then cells is 0 and scores null). */
    public record ImageResult(UUID imageId, String name, boolean succeeded, int cells, Scores scores, String error) {
    }

    /**
     * Scores against the reference cells (Van Valen et al. 2016; Ulman et al. 2017 for SEG).
     *
     * @param meanJaccard mean per-cell Jaccard index of matched cells
     * @param meanDice    mean per-cell Dice coefficient of matched cells
     * @param f1          object-level F1 (a cell matches at Jaccard above 0.5)
     * @param seg         the Cell Tracking Challenge's SEG (mean Jaccard over reference cells, 0 for unmatched)
     */
    public record Scores(int referenceCells, int segmentedCells, double meanJaccard, double meanDice, double f1,
                         double precision, double recall, double seg) {
    }

    /** Reads the job's result map; an absent or empty result has no images. */
    public static SegmentationResult of(Map<String, Object> result) {
        if (result == null) {
            return new SegmentationResult(List.of(), 0, 0, null);
        }
        List<ImageResult> images = new ArrayList<>();
        if (result.get("images") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Object error = m.get("error") instanceof Map<?, ?> e ? e.get("message") : null;
                    images.add(new ImageResult(UUID.fromString(String.valueOf(m.get("imageId"))),
                            m.get("name") == null ? String.valueOf(m.get("imageId")) : String.valueOf(m.get("name")),
                            "SUCCEEDED".equals(m.get("status")), integer(m.get("cells")), scores(m.get("scores")),
                            error == null ? null : String.valueOf(error)));
                }
            }
        }
        Map<?, ?> overall = result.get("overall") instanceof Map<?, ?> m ? m : Map.of();
        return new SegmentationResult(images, integer(result.get("imagesOmitted")), integer(overall.get("cells")),
                scores(overall.get("scores")));
    }

    /** The result of {@code imageId}, if the job reported it. */
    public java.util.Optional<ImageResult> image(UUID imageId) {
        return images.stream().filter(i -> i.imageId().equals(imageId)).findFirst();
    }

    private static Scores scores(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        return new Scores(integer(m.get("referenceCells")), integer(m.get("segmentedCells")), real(m.get("meanJaccard")),
                real(m.get("meanDice")), real(m.get("f1")), real(m.get("precision")), real(m.get("recall")),
                real(m.get("seg")));
    }

    private static int integer(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static double real(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
