package org.labscale.ui.views.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labscale.shared.model.ModelCard;

/** How a model card's task, metrics and settings read for people. */
public final class ModelTexts {

    /** The card's validation metrics that have a name for people, in the order shown. */
    static final Map<String, String> METRICS = orderedMetrics();

    private ModelTexts() {
    }

    private static Map<String, String> orderedMetrics() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("meanPerCellJaccard", "Mean per-cell Jaccard (recommended post-processing)");
        m.put("meanPerCellDice", "Mean per-cell Dice (recommended post-processing)");
        m.put("validationObjectF1", "Object F1: cells found and matched (recommended post-processing)");
        m.put("balancedPixelAccuracy", "Balanced pixel accuracy (mean of the classes)");
        m.put("validationLoss", "Validation loss (ensemble)");
        m.put("defaultPostProcessingJaccard", "Mean per-cell Jaccard with the default post-processing");
        m.put("defaultPostProcessingObjectF1", "Object F1 with the default post-processing");
        m.put("validationReferenceCells", "Cells annotated on the validation images");
        m.put("validationSegmentedCells", "Cells the model found there");
        m.put("validationImages", "Validation images");
        m.put("medianCellDiameter", "Median cell diameter (px)");
        m.put("receptiveFieldPerCellDiameter", "Receptive field / cell diameter");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** "nuclear → background, boundary, interior". */
    static String task(ModelCard card) {
        if (card == null) {
            return "";
        }
        return String.join(" + ", card.channels() == null ? List.of() : card.channels()) + " \u2192 "
                + String.join(", ", card.classes() == null ? List.of() : card.classes());
    }

    /** The net's name (its preset's, for a preset), or empty. */
    static String preset(ModelCard card) {
        return card == null || card.net() == null || card.net().name() == null ? "" : card.net().name();
    }

    /**
     * The pixel size the model was trained at and what it means for a segmentation job ("0.13 µm per pixel: ..."),
     * or that it has none.
     */
    public static String pixelSize(ModelCard card) {
        if (card == null || card.pixelSizeUm() == null) {
            return "None: every image is segmented as it is, whatever its magnification";
        }
        return org.labscale.ui.views.project.Formats.micrometres(card.pixelSizeUm()) + " \u00b5m per pixel: images"
                + " with a pixel size are resampled to it, and their cells mapped back";
    }

    /** A metric, or empty when the card lacks it. */
    static String metric(ModelCard card, String key) {
        Double v = card == null || card.validationMetrics() == null ? null : card.validationMetrics().get(key);
        return v == null ? "" : number(v);
    }

    /** Whole numbers without decimals, others with three. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
