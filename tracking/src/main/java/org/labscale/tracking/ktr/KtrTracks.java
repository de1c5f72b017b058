package org.labscale.tracking.ktr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Spot;

/** Per-frame KTR measurements joined to the tracks: each cell's reporter read-out over time. */
public final class KtrTracks {

    /** One cell of a track in one frame with its read-out. */
    public record Row(int trackId, int frame, KtrCell cell) {
    }

    private KtrTracks() {
    }

    /**
     * @param perFrame each frame's cells by frame index, from {@link KtrMeasurer#measure}
     * @return rows in track order, then frame order; a spot without a measurement (its frame not measured) is left
     *         out
     */
    public static List<Row> join(TrackingResult result, Map<Integer, List<KtrCell>> perFrame) {
        Map<Integer, Map<Integer, KtrCell>> byLabel = new HashMap<>();
        perFrame.forEach((frame, cells) -> {
            Map<Integer, KtrCell> m = new HashMap<>();
            cells.forEach(c -> m.put(c.label(), c));
            byLabel.put(frame, m);
        });
        List<Row> rows = new ArrayList<>();
        for (Track track : result.lineage().tracks()) {
            for (Spot s : track.spots()) {
                KtrCell cell = byLabel.getOrDefault(s.frame(), Map.of()).get(s.label());
                if (cell != null) {
                    rows.add(new Row(track.id(), s.frame(), cell));
                }
            }
        }
        return rows;
    }
}
