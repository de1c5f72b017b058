package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.labscale.ui.service.SegmentationResult;
import org.labscale.ui.service.SegmentationResult.Scores;

/**
 * Scores against the reference annotations: one row per scored image and a last row pooled over all of them
 * (mean per-cell Jaccard and Dice of matched cells, object F1 with precision and recall, SEG, and the counts).
 */
public class ScoresGrid extends Grid<ScoresGrid.Row> {

    /** One line of the table; {@code name} "All images" for the pooled scores. */
    public record Row(String name, Scores scores) {
    }

    static final String ALL = "All images";

    public ScoresGrid(SegmentationResult result) {
        setId("result-scores");
        addThemeVariants(GridVariant.LUMO_COMPACT);
        setAllRowsVisible(true);
        addColumn(Row::name).setHeader("Image").setKey("image").setAutoWidth(true).setFlexGrow(1);
        addColumn(r -> Integer.toString(r.scores().referenceCells())).setHeader("Reference cells").setKey("reference")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        addColumn(r -> Integer.toString(r.scores().segmentedCells())).setHeader("Segmented cells").setKey("segmented")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        score("Jaccard", "jaccard", Scores::meanJaccard, "Mean per-cell Jaccard index (intersection over union) of"
                + " matched cells");
        score("Dice", "dice", Scores::meanDice, "Mean per-cell Dice coefficient of matched cells");
        score("F1", "f1", Scores::f1, "Object F1: a cell matches a reference cell when their Jaccard is above 0.5");
        score("Precision", "precision", Scores::precision, "Matched cells over segmented cells");
        score("Recall", "recall", Scores::recall, "Matched cells over reference cells");
        score("SEG", "seg", Scores::seg, "Cell Tracking Challenge SEG: mean Jaccard over reference cells, 0 where"
                + " unmatched");
        setItems(rows(result));
        setPartNameGenerator(r -> ALL.equals(r.name()) ? "overall" : null);
    }

    static List<Row> rows(SegmentationResult result) {
        List<Row> rows = new ArrayList<>();
        result.images().stream().filter(i -> i.scores() != null).forEach(i -> rows.add(new Row(i.name(), i.scores())));
        if (result.overall() != null) {
            rows.add(new Row(ALL, result.overall()));
        }
        return rows;
    }

    private void score(String header, String key, ToDoubleFunction<Scores> value, String tooltip) {
        addColumn(r -> format(value.applyAsDouble(r.scores()))).setHeader(header).setKey(key)
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setTooltipGenerator(r -> tooltip);
    }

    static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "\u2014";
    }
}
