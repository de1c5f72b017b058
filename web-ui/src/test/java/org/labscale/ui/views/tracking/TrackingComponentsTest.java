package org.labscale.ui.views.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.TrackerOptions;
import org.labscale.ui.service.SeriesTracks;

/** The tracking pages' components without a server: the tracker form, the track panel, colours and titles. */
class TrackingComponentsTest {

    @Test
    void shouldPrefillThePresetsValuesAndReturnWhatIsEntered() {
        TrackerForm form = new TrackerForm();
        assertEquals(new TrackerOptions("nuclei", 30.0, 1, true, 5), form.getValue(), "the nuclei preset by default");
        form.preset.setValue("bacteria");
        assertEquals(new TrackerOptions("bacteria", 10.0, 0, true, 0), form.getValue());
        form.maxDistance.setValue(12.5);
        form.divisions.setValue(false);
        form.mergedDaughters.setValue(2);
        assertEquals(new TrackerOptions("bacteria", 12.5, 0, false, 2), form.getValue());
        assertTrue(form.mergedDaughters.getHelperText().contains("narrowest neck"));
        assertTrue(form.gapFrames.getHelperText().contains("reappears"));
    }

    @Test
    void shouldDescribeThePickedTrackWithItsLineageAndAreaCurve() {
        SeriesTracks tracks = SeriesTracks.read(new StringReader("""
                track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,mean_intensity
                1,0,0,2,10,20,120,
                1,0,1,4,10.5,20,130,
                1,0,2,4,10.5,20,150,
                2,1,3,1,8,19,70,
                3,1,3,3,13,21,66,
                """));
        TrackPanel panel = new TrackPanel(tracks);
        assertEquals("Click a cell to follow its track.", panel.title.getText());
        panel.show(1);
        assertEquals("Track 1", panel.title.getText());
        assertEquals("No mother track \u00b7 frames 1\u20133 (3 cells) \u00b7 divides into 2 and 3",
                panel.facts.getText());
        assertEquals("1", panel.getElement().getAttribute("data-track"));
        panel.show(3);
        assertEquals("Daughter of track 1 \u00b7 frames 4\u20134 (1 cell)", panel.facts.getText());
        panel.show(77);
        assertEquals("Click a cell to follow its track.", panel.title.getText(), "a label that is no track");
    }

    @Test
    void shouldDrawOneAreaPointPerFrameInTheTracksColour() {
        SeriesTracks tracks = SeriesTracks.read(new StringReader("""
                track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,mean_intensity
                8,0,0,2,10,20,120,
                8,0,1,4,10.5,20,,
                8,0,2,4,10.5,20,150,
                """));
        String svg = AreaCurveSvg.render(tracks.track(8).orElseThrow(), TrackColours.css(8));
        assertEquals(2, svg.split("<circle").length - 1, "the frame without an area is left out");
        assertTrue(svg.contains("stroke='#4477aa'"), "track 8 wraps round to the palette's first colour: " + svg);
    }

    @Test
    void shouldDrawABarPerFrameWithItsLikelyMergesOnTop() {
        String svg = FrameBarsSvg.render(java.util.List.of(new org.labscale.ui.service.SeriesReport.FrameMerges(0,
                10, 0, 0), new org.labscale.ui.service.SeriesReport.FrameMerges(1, 12, 10, 3)));
        assertEquals(2, svg.split("class='cells'").length - 1);
        assertEquals(1, svg.split("class='merges'").length - 1, "only the frame with merges has a red top");
        assertTrue(svg.contains("frame 2: 12 cells, 3 likely merges"), svg);
    }

    @Test
    void shouldColourTracksLikeTheFiguresAndNameFigures() {
        assertEquals("#4477aa", TrackColours.css(1));
        assertEquals("#ee6677", TrackColours.css(2));
        assertEquals("#888888", TrackColours.css(7));
        assertEquals(TrackColours.css(1), TrackColours.css(8));
        assertEquals("Lineage tree: tracks over time, daughters below their mother",
                TrackingTexts.figureTitle("lineage-tree"));
        assertEquals("Cell volume plot", TrackingTexts.figureTitle("cell-volume-plot"));
    }

    @Test
    void shouldCountInWordsThatAgreeWithTheNumber() {
        assertEquals("1 division", SeriesView.count(1, "division"));
        assertEquals("0 divisions", SeriesView.count(0, "division"));
        assertEquals("14 tracks", SeriesView.count(14, "track"));
    }
}
