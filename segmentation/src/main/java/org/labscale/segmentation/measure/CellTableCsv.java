package org.labscale.segmentation.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes cell measurements as CSV (RFC 4180: comma separated, header row, fields with commas or quotes quoted),
 * numbers in the ROOT locale with a dot as decimal separator, one row per cell:
 * {@code label,area,centroid_x,centroid_y,bbox_min_x,bbox_min_y,bbox_max_x,bbox_max_y,perimeter,eccentricity,}
 * then {@code mean_<channel>,integrated_<channel>} per channel, then {@code class,score}.
 */
public final class CellTableCsv {

    private CellTableCsv() {
    }

    /** @param channelNames one name per channel, in the order of the measurements' intensity arrays */
    public static void write(List<CellMeasurement> cells, List<String> channelNames, Writer out) {
        try {
            StringBuilder header = new StringBuilder("label,area,centroid_x,centroid_y,bbox_min_x,bbox_min_y,"
                    + "bbox_max_x,bbox_max_y,perimeter,eccentricity");
            for (String name : channelNames) {
                header.append(',').append(quote("mean_" + name)).append(',').append(quote("integrated_" + name));
            }
            out.write(header.append(",class,score\n").toString());
            for (CellMeasurement c : cells) {
                StringBuilder row = new StringBuilder();
                row.append(c.label()).append(',').append(c.area()).append(',').append(num(c.centroidX())).append(',')
                        .append(num(c.centroidY())).append(',').append(c.minX()).append(',').append(c.minY())
                        .append(',').append(c.maxX()).append(',').append(c.maxY()).append(',').append(c.perimeter())
                        .append(',').append(num(c.eccentricity()));
                for (int k = 0; k < channelNames.size(); k++) {
                    row.append(',').append(num(c.meanIntensity()[k])).append(',')
                            .append(num(c.integratedIntensity()[k]));
                }
                row.append(',').append(quote(c.className())).append(',').append(num(c.score())).append('\n');
                out.write(row.toString());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the cell table failed", e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
