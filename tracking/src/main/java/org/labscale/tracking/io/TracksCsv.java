package org.labscale.tracking.io;

import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Spot;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Tracks as CSV, one row per cell per frame:
 * {@code track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,mean_intensity}; unknown values are empty.
 */
public final class TracksCsv {

    public static final String HEADER = "track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,"
            + "mean_intensity";

    private TracksCsv() {
    }

    public static void write(TrackingResult result, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (Track track : result.lineage().tracks()) {
            for (Spot s : track.spots()) {
                out.write(track.id() + "," + track.parent() + "," + s.frame() + "," + s.label() + ","
                        + number(s.x()) + "," + number(s.y()) + "," + number(s.area()) + ","
                        + number(s.meanIntensity()) + "\n");
            }
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
