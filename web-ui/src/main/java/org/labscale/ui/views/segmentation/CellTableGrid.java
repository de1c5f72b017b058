package org.labscale.ui.views.segmentation;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.labscale.ui.service.CellTable;
import org.labscale.ui.service.CellTable.Cell;

/**
 * The per-cell table of one segmented image: label, area, centroid and the mean intensity of every channel, sortable
 * by any column and filtered by area (and label). Selecting a row fires {@link CellSelected}; {@link #select(int)}
 * selects a cell from outside (a click in the viewer) and scrolls to it.
 */
public class CellTableGrid extends VerticalLayout {

    /** A row was selected by the user (the cell may be null when the selection was cleared). */
    public static class CellSelected extends ComponentEvent<CellTableGrid> {
        private final transient Cell cell;

        CellSelected(CellTableGrid source, Cell cell) {
            super(source, true);
            this.cell = cell;
        }

        public Optional<Cell> cell() {
            return Optional.ofNullable(cell);
        }
    }

    final Grid<Cell> grid = new Grid<>();
    final IntegerField minArea = new IntegerField("Area at least (px)");
    final IntegerField maxArea = new IntegerField("Area at most (px)");
    final IntegerField label = new IntegerField("Label");
    final Span count = new Span();
    private final CellTable table;
    private final ListDataProvider<Cell> rows;
    private boolean selectingFromOutside;

    public CellTableGrid(CellTable table) {
        this.table = table;
        setPadding(false);
        setSpacing(false);
        grid.setId("cells-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("22rem");
        grid.setSelectionMode(Grid.SelectionMode.SINGLE);
        grid.addColumn(Cell::label).setHeader("Label").setKey("label").setSortable(true)
                .setComparator(Comparator.comparingInt(Cell::label)).setAutoWidth(true).setFlexGrow(0);
        for (String column : table.columns()) {
            if (shown(column)) {
                int k = table.column(column);
                grid.addColumn(c -> HistogramChart.number(c.values()[k])).setHeader(CellTable.heading(column))
                        .setKey(column).setSortable(true).setTextAlign(ColumnTextAlign.END)
                        .setComparator(Comparator.comparingDouble(c -> c.values()[k])).setAutoWidth(true);
            }
        }
        rows = new ListDataProvider<>(table.cells());
        grid.setItems(rows);
        grid.addSelectionListener(e -> {
            if (!selectingFromOutside) {
                fireEvent(new CellSelected(this, e.getFirstSelectedItem().orElse(null)));
            }
        });
        minArea.setId("cells-min-area");
        maxArea.setId("cells-max-area");
        label.setId("cells-label");
        for (IntegerField f : List.of(minArea, maxArea, label)) {
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.setClearButtonVisible(true);
            f.setWidth("10rem");
            f.addValueChangeListener(e -> filter());
        }
        count.setId("cells-count");
        count.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        HorizontalLayout filters = new HorizontalLayout(minArea, maxArea, label, count);
        filters.setAlignItems(Alignment.BASELINE);
        add(filters, grid);
        setFlexGrow(1, grid);
        filter();
    }

    /** Geometry beyond the centroid (the bounding box) and integrated intensities stay in the CSV download. */
    static boolean shown(String column) {
        return !column.startsWith("bbox_") && !column.startsWith("integrated_") && !column.equals("class");
    }

    private void filter() {
        int area = table.column("area");
        Integer lo = minArea.getValue(), hi = maxArea.getValue(), wanted = label.getValue();
        rows.setFilter(c -> (wanted == null || c.label() == wanted)
                && (area < 0 || ((lo == null || c.values()[area] >= lo) && (hi == null || c.values()[area] <= hi))));
        count.setText(rows.size(new com.vaadin.flow.data.provider.Query<>()) + " of " + table.cells().size()
                + " cells");
    }

    /** Selects the row of cell {@code label} (none for 0 or an unknown label) and scrolls it into view. */
    public void select(int label) {
        selectingFromOutside = true;
        try {
            Optional<Cell> cell = table.cells().stream().filter(c -> c.label() == label).findFirst();
            if (cell.isEmpty()) {
                grid.deselectAll();
                return;
            }
            grid.select(cell.get());
            List<Cell> shown = rows.fetch(new com.vaadin.flow.data.provider.Query<>(0, Integer.MAX_VALUE, grid
                    .getDataCommunicator().getBackEndSorting(), grid.getDataCommunicator().getInMemorySorting(),
                    null)).toList();
            int index = shown.indexOf(cell.get());
            if (index >= 0) {
                grid.scrollToIndex(index);
            }
        } finally {
            selectingFromOutside = false;
        }
    }

    public Registration addCellSelectedListener(ComponentEventListener<CellSelected> listener) {
        return addListener(CellSelected.class, listener);
    }
}
