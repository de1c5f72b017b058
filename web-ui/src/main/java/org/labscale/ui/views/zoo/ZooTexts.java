package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Locale;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.ZooEntryDto;

/** How a zoo entry's task, Jaccard and visibility read for people. */
final class ZooTexts {

    private ZooTexts() {
    }

    /** "nuclear → background, boundary, interior". */
    static String task(ZooEntryDto e) {
        return String.join(" + ", e.channels() == null ? List.of() : e.channels()) + " \u2192 "
                + String.join(", ", e.classes() == null ? List.of() : e.classes());
    }

    /** "0.812 on 3 held-out images", or "not measured". */
    static String jaccard(ZooEntryDto e) {
        if (e.meanPerCellJaccard() == null) {
            return "not measured";
        }
        String value = String.format(Locale.ROOT, "%.3f", e.meanPerCellJaccard());
        Integer n = e.validationImages();
        return n == null ? value : value + " on " + n + " held-out image" + (n == 1 ? "" : "s");
    }

    /** A coloured badge: public (green), shared with named labs (blue), private to its lab (grey). */
    static Span badge(ZooEntryDto e) {
        Visibility v = e.visibility() == null ? Visibility.PRIVATE : e.visibility();
        Span badge = new Span(switch (v) {
            case PUBLIC -> "public";
            case SHARED -> "shared";
            case PRIVATE -> "private";
        });
        String colour = switch (v) {
            case PUBLIC -> "success";
            case SHARED -> "primary";
            case PRIVATE -> "contrast";
        };
        badge.getStyle().set("padding", "0 var(--lumo-space-s)").set("border-radius", "1em")
                .set("font-size", "var(--lumo-font-size-s)").set("font-weight", "500")
                .set("color", "var(--lumo-" + colour + (v == Visibility.PRIVATE ? "-80pct)" : "-text-color)"))
                .set("background", "var(--lumo-" + colour + (v == Visibility.PRIVATE ? "-10pct)" : "-color-10pct)"));
        badge.addClassName("zoo-visibility");
        badge.getElement().setAttribute("data-visibility", v.name());
        return badge;
    }
}
