package org.labscale.tracking.io;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.labscale.tracking.growth.GrowthAnalysis;

/**
 * The paper's merge check (cells whose area grows by {@link GrowthAnalysis#MERGE_GROWTH 30%} or more from one frame
 * to the next) as CSV, one row per frame and a last row {@code all} over the whole series:
 * {@code frame,cells,cells_with_predecessor,likely_merges,likely_merge_fraction}. The fraction is of the cells with a
 * predecessor, the only ones the check can judge.
 */
public final class MergeCheckCsv {

    public static final String HEADER = "frame,cells,cells_with_predecessor,likely_merges,likely_merge_fraction";

    private MergeCheckCsv() {
    }

    public static void write(GrowthAnalysis.Report report, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        int cells = 0;
        for (GrowthAnalysis.FrameSummary f : report.frames()) {
            out.write(row(Integer.toString(f.frame()), f.cells(), f.withPredecessor(), f.likelyMerges(),
                    f.likelyMergeFraction()));
            cells += f.cells();
        }
        out.write(row("all", cells, report.cellsWithPredecessor(), report.likelyMerges(),
                report.likelyMergeFraction()));
    }

    private static String row(String frame, int cells, int with, int merges, double fraction) {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f\n", frame, cells, with, merges, fraction);
    }
}
