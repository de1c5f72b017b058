package org.labscale.worker.handler.tracking;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.labscale.tracking.LabelFrame;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.growth.GrowthAnalysis;
import org.labscale.tracking.ktr.KtrTracks;
import org.labscale.tracking.plot.Figure;
import org.labscale.tracking.plot.Figures;
import org.labscale.tracking.plot.GrowthRateHistogram;
import org.labscale.tracking.plot.GrowthRateMap;
import org.labscale.tracking.plot.LineageTree;
import org.labscale.tracking.plot.TrackLines;

/**
 * The figures of a TRACKING job, each written as {@code figures/<name>.png}, {@code .svg} and {@code .csv} (the
 * plotted numbers): {@code growth-rate-histogram} (rates per hour, Fig 3b of the paper), {@code growth-rate-map}
 * (the last frame's cells coloured by growth rate, Fig 3c) and {@code lineage-tree}; with a kinase-reporter read-out
 * also {@code ktr-cytoplasm-to-nuclear} (Fig 4).
 */
final class TrackingFigures {

    static final String DIR = "figures";
    static final List<String> EXTENSIONS = List.of("png", "svg", "csv");
    static final String RATE_UNIT = "1/h";
    static final int HISTOGRAM_BINS = 40;

    private TrackingFigures() {
    }

    /**
     * @param growth analysed with the frame interval in hours
     * @param last   the series' last frame
     * @return the names written, relative to {@code work}
     */
    static List<String> write(Path work, TrackingResult result, GrowthAnalysis.Report growth, LabelFrame last)
            throws IOException {
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.put("growth-rate-histogram", new GrowthRateHistogram(growth, HISTOGRAM_BINS, RATE_UNIT));
        figures.put("growth-rate-map", GrowthRateMap.of(result, growth, last.frame(), last.labels(), RATE_UNIT));
        figures.put("lineage-tree", new LineageTree(result.lineage()));
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Figure> e : figures.entrySet()) {
            names.addAll(write(work, e.getKey(), e.getValue()));
        }
        return names;
    }

    /**
     * The KTR figure {@code ktr-cytoplasm-to-nuclear}: each track's cytoplasm-to-nucleus ratio over time, one thin
     * line per track.
     *
     * @return the names written, relative to {@code work}
     */
    static List<String> writeKtr(Path work, List<KtrTracks.Row> rows, double hoursPerFrame) throws IOException {
        List<TrackLines.Point> points = rows.stream().map(r -> new TrackLines.Point(r.trackId(), r.frame(),
                r.cell().cytoplasmToNuclear())).toList();
        return write(work, "ktr-cytoplasm-to-nuclear", new TrackLines("Kinase reporter activity",
                "cytoplasm / nucleus", points, hoursPerFrame));
    }

    /** One figure as PNG, SVG and CSV under {@code work/figures/}; the names written, relative to {@code work}. */
    static List<String> write(Path work, String name, Figure figure) throws IOException {
        Path dir = Files.createDirectories(work.resolve(DIR));
        Files.write(dir.resolve(name + ".png"), Figures.png(figure));
        Files.writeString(dir.resolve(name + ".svg"), Figures.svg(figure), StandardCharsets.UTF_8);
        try (Writer out = Files.newBufferedWriter(dir.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
            figure.writeCsv(out);
        }
        return EXTENSIONS.stream().map(ext -> DIR + "/" + name + "." + ext).toList();
    }
}
