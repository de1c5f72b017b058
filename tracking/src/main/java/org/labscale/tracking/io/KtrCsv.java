package org.labscale.tracking.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import org.labscale.tracking.ktr.KtrCell;
import org.labscale.tracking.ktr.KtrMeasurer;
import org.labscale.tracking.ktr.KtrTracks;

/**
 * A kinase translocation reporter read-out as CSV, one row per cell per frame:
 * {@code track_id,frame,label,nuclear_mean,cytoplasm_mean,cytoplasm_to_nuclear,ring<i>_mean,ring<o>_mean,
 * two_compartment_mean,two_compartment_weight,two_compartment_to_nuclear,cytoplasm_pixels}, where {@code i} and
 * {@code o} are the cytoring widths in pixels and the cytoplasm is the outer ring; empty where undefined. With a
 * whole-cell segmentation ({@link org.labscale.tracking.ktr.CellCytoplasm}) three more columns follow:
 * {@code cell_cytoplasm_mean,cell_cytoplasm_to_nuclear,cell_cytoplasm_pixels}.
 */
public final class KtrCsv {

    private KtrCsv() {
    }

    public static String header(KtrMeasurer measurer) {
        return "track_id,frame,label,nuclear_mean,cytoplasm_mean,cytoplasm_to_nuclear,ring" + measurer.innerRing()
                + "_mean,ring" + measurer.outerRing() + "_mean,two_compartment_mean,two_compartment_weight,"
                + "two_compartment_to_nuclear,cytoplasm_pixels";
    }

    /** The header with the whole-cell cytoplasm's columns ({@code cellCytoplasm}) or without. */
    public static String header(KtrMeasurer measurer, boolean cellCytoplasm) {
        return header(measurer) + (cellCytoplasm ? ",cell_cytoplasm_mean,cell_cytoplasm_to_nuclear,"
                + "cell_cytoplasm_pixels" : "");
    }

    public static void write(List<KtrTracks.Row> rows, KtrMeasurer measurer, Writer out) throws IOException {
        write(rows, measurer, false, out);
    }

    /** @param cellCytoplasm whether the rows carry a whole-cell segmentation's cytoplasm (its columns are written) */
    public static void write(List<KtrTracks.Row> rows, KtrMeasurer measurer, boolean cellCytoplasm, Writer out)
            throws IOException {
        out.write(header(measurer, cellCytoplasm));
        out.write('\n');
        for (KtrTracks.Row row : rows) {
            KtrCell c = row.cell();
            out.write(row.trackId() + "," + row.frame() + "," + c.label() + "," + n(c.nuclearMean()) + ","
                    + n(c.outerRingMean()) + "," + n(c.cytoplasmToNuclear()) + "," + n(c.innerRingMean()) + ","
                    + n(c.outerRingMean()) + "," + n(c.twoCompartmentMean()) + "," + n(c.twoCompartmentWeight())
                    + "," + n(c.twoCompartmentToNuclear()) + "," + c.cytoplasmPixels());
            if (cellCytoplasm) {
                out.write("," + n(c.cellCytoplasmMean()) + "," + n(c.cellCytoplasmToNuclear()) + ","
                        + c.cellCytoplasmPixels());
            }
            out.write('\n');
        }
    }

    private static String n(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
