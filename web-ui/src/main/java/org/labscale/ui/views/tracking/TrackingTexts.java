package org.labscale.ui.views.tracking;

import java.util.Map;

/** The words the time-lapse pages use for the tracking job's figures. */
final class TrackingTexts {

    private static final Map<String, String> FIGURES = Map.of(
            "lineage-tree", "Lineage tree: tracks over time, daughters below their mother",
            "growth-rate-histogram", "Growth rates, d ln(area)/dt per hour (divisions negative)",
            "growth-rate-map", "Last frame, cells coloured by growth rate",
            "ktr-cytoplasm-to-nuclear", "Kinase reporter: cytoplasm / nucleus per track");

    private TrackingTexts() {
    }

    /** A figure's title from its name ({@code lineage-tree}), or the name in words for one not known here. */
    static String figureTitle(String name) {
        String known = FIGURES.get(name);
        if (known != null) {
            return known;
        }
        String words = name.replace('-', ' ');
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
