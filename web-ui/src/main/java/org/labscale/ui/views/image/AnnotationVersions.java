package org.labscale.ui.views.image;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.ui.views.project.Formats;

/**
 * The versions of one annotation, newest first: number, kind, cells, the derived 3-class map's share of boundary and
 * interior pixels, who made it and when. The newest is selected when an annotation is shown; selecting another
 * version tells the listener, which draws that version's class map over the image.
 */
class AnnotationVersions extends VerticalLayout {

    final Grid<AnnotationVersionDto> grid = new Grid<>();
    private final Span caption = new Span();
    private Consumer<AnnotationVersionDto> listener = v -> { };

    AnnotationVersions() {
        setPadding(false);
        setSpacing(false);
        caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        grid.setId("annotation-versions");
        grid.addColumn(v -> "v" + v.version()).setKey("version").setHeader("Version").setWidth("4.5rem")
                .setFlexGrow(0);
        grid.addColumn(v -> v.cellCount() > 0 ? v.cellCount() + " cells" : kind(v)).setKey("cells")
                .setHeader("Content").setAutoWidth(true);
        grid.addColumn(AnnotationVersions::classShares).setKey("classes").setHeader("Boundary / interior")
                .setAutoWidth(true);
        grid.addColumn(v -> v.createdByEmail() == null ? "" : v.createdByEmail()).setKey("by").setHeader("By")
                .setAutoWidth(true);
        grid.addColumn(v -> Formats.instant(v.createdAt())).setKey("when").setHeader("When").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                listener.accept(e.getValue());
            }
        });
        add(caption, grid);
        show(null, List.of());
    }

    /** Called with the version a user picks in the list. */
    void onSelect(Consumer<AnnotationVersionDto> listener) {
        this.listener = listener;
    }

    /** Lists {@code versions} of {@code annotation} (null: none chosen) and selects the newest. */
    void show(AnnotationDto annotation, List<AnnotationVersionDto> versions) {
        setVisible(annotation != null);
        caption.setText(annotation == null ? "" : "Versions of \u201c" + annotation.name() + "\u201d (the selected one is"
                + " drawn over the image as its 3-class map)");
        List<AnnotationVersionDto> newestFirst = versions.stream()
                .sorted((a, b) -> Integer.compare(b.version(), a.version())).toList();
        grid.setItems(newestFirst);
        if (!newestFirst.isEmpty()) {
            grid.select(newestFirst.get(0));
        }
    }

    /** The version whose class map is shown, or null. */
    AnnotationVersionDto selected() {
        return grid.asSingleSelect().getValue();
    }

    private static String kind(AnnotationVersionDto v) {
        return v.kind() == null ? "" : v.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "12.3% / 40.1%": the class map's boundary and interior (all interior classes) pixels of all pixels. */
    static String classShares(AnnotationVersionDto v) {
        List<Long> counts = v.classPixelCounts();
        if (counts == null || counts.size() < 2) {
            return "";
        }
        long total = counts.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "";
        }
        long interior = counts.stream().skip(2).mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100.0 * counts.get(1) / total, 100.0 * interior / total);
    }
}
