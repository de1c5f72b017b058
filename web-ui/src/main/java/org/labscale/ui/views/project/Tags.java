package org.labscale.ui.views.project;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** A project's tags as Lumo badges. */
final class Tags {

    private Tags() {
    }

    static Div badges(List<String> tags) {
        Div box = new Div();
        box.addClassName("tags");
        box.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        for (String tag : tags == null ? List.<String>of() : tags) {
            Span badge = new Span(tag);
            badge.getElement().getThemeList().add("badge");
            box.add(badge);
        }
        return box;
    }
}
