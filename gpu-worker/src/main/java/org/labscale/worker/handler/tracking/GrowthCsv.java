package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.labscale.tracking.growth.CellGrowth;
import org.labscale.tracking.growth.GrowthAnalysis;

/**
 * A growth report as CSV, one row per cell per frame:
 * {@code track_id,spot_id,frame,area,growth_rate_per_hour,likely_merge} (the rate is {@code d ln(area)/dt}, empty
 * where the cell has no predecessor).
 */
final class GrowthCsv {

    static final String HEADER = "track_id,spot_id,frame,area,growth_rate_per_hour,likely_merge";

    private GrowthCsv() {
    }

    /** @param report analysed with the frame interval in hours */
    static void write(GrowthAnalysis.Report report, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (CellGrowth c : report.cells()) {
            out.write(c.trackId() + "," + c.spotId() + "," + c.frame() + "," + format(c.area()) + ","
                    + (Double.isNaN(c.growthRate()) ? "" : format(c.growthRate())) + "," + c.likelyMerge() + "\n");
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
