package org.labscale.ui.views.tracking;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.stream.Collectors;
import org.labscale.ui.service.SeriesTracks;

/**
 * The track the user picked in the series viewer: its id in its colour, its mother track and daughters, the frames
 * it spans, and its cell's area over those frames.
 */
class TrackPanel extends Div {

    private final SeriesTracks tracks;
    final Span title = new Span();
    final Span facts = new Span();
    private final Div curve = new Div();

    TrackPanel(SeriesTracks tracks) {
        this.tracks = tracks;
        setId("series-track");
        title.setId("series-track-title");
        title.getStyle().set("font-weight", "600").set("display", "block");
        facts.setId("series-track-facts");
        facts.getStyle().set("font-size", "var(--lumo-font-size-s)").set("display", "block");
        curve.setId("series-track-curve");
        add(title, facts, curve);
        show(0);
    }

    /** Shows track {@code id}, or the hint for 0 or a label that is no track. */
    void show(int id) {
        getElement().setAttribute("data-track", Integer.toString(id));
        curve.removeAll();
        SeriesTracks.Track track = id == 0 ? null : tracks.track(id).orElse(null);
        if (track == null) {
            title.setText("Click a cell to follow its track.");
            title.getStyle().remove("color");
            facts.setText("");
            return;
        }
        String colour = TrackColours.css(id);
        title.setText("Track " + id);
        title.getStyle().set("color", colour);
        List<Integer> daughters = tracks.daughters(id);
        facts.setText((track.parent() == 0 ? "No mother track" : "Daughter of track " + track.parent())
                + " \u00b7 frames " + (track.firstFrame() + 1) + "\u2013" + (track.lastFrame() + 1) + " ("
                + track.points().size() + (track.points().size() == 1 ? " cell)" : " cells)") + (daughters.isEmpty() ? ""
                : " \u00b7 divides into " + daughters.stream().map(String::valueOf)
                .collect(Collectors.joining(" and "))));
        curve.add(new Html("<div>" + AreaCurveSvg.render(track, colour) + "</div>"));
    }
}
