package org.labscale.tracking.link;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reproduces TrackMate's LAP tracker edge for edge on the spots of {@code shared/vendor/laptrack} (TrackMate's own
 * outputs, kept by the laptrack project as its reference) in the five settings its README gives: squared Euclidean
 * costs, cutoffs of 15 px everywhere, gap closing over at most 2 frames where on, TrackMate's alternative costs.
 * Skips when the folder is absent ({@code -Dlabscale.vendor.dir=...} points elsewhere).
 */
class TrackMateReferenceTest {

    private static final double CUTOFF = 15;

    static Stream<Arguments> settings() {
        TrackerSettings linking = TrackerSettings.linkingOnly(CUTOFF);
        TrackerSettings gaps = linking.withGapClosing(CUTOFF, 2);
        return Stream.of(
                Arguments.of("without_gap_closing", linking),
                Arguments.of("with_gap_closing", gaps),
                Arguments.of("with_splitting", gaps.withSplitting(CUTOFF)),
                Arguments.of("with_merging", gaps.withMerging(CUTOFF)),
                Arguments.of("with_splitting_merging", gaps.withSplitting(CUTOFF).withMerging(CUTOFF)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void shouldReproduceTrackMateEdgesExactly(String name, TrackerSettings settings) throws IOException {
        Reference reference = Reference.load(name);
        Set<String> actual = reference.edges(new LapTracker(settings).track(reference.spots));

        Set<String> missing = new TreeSet<>(reference.edges);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(reference.edges);
        assertEquals(Set.of(), missing, "TrackMate edges not found (" + reference.edges.size() + " expected)");
        assertEquals(Set.of(), extra, "edges TrackMate does not have");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void shouldMissTrackMateEdgesWithAnotherAlternativeCostRule(String name, TrackerSettings settings)
            throws IOException {
        // The comparison is sensitive: half TrackMate's alternative-cost factor, and the median instead of the 90th
        // percentile in the segment step, change the edges in every setting.
        Reference reference = Reference.load(name);
        TrackerSettings other = new TrackerSettings(settings.linkingMaxDistance(), settings.linkingPenalties(),
                settings.gapClosing(), settings.gapClosingMaxDistance(), settings.maxFrameGap(),
                settings.gapClosingPenalties(), settings.splitting(), settings.splittingMaxDistance(),
                settings.splittingPenalties(), settings.merging(), settings.mergingMaxDistance(),
                settings.mergingPenalties(), 0.5, 0.5);
        assertNotEquals(reference.edges, reference.edges(new LapTracker(other).track(reference.spots)));
    }

    /** TrackMate's spots and edges for one setting, edges written as text for readable differences. */
    private record Reference(List<Spot> spots, Map<Integer, Spot> byId, Set<String> edges) {

        static Reference load(String name) throws IOException {
            Path dir = Path.of(System.getProperty("labscale.vendor.dir", "../../shared/vendor"), "laptrack");
            Path spotsFile = dir.resolve("trackmate_tracks_" + name + "_spots.csv");
            Path edgesFile = dir.resolve("trackmate_tracks_" + name + "_edges.csv");
            assumeTrue(Files.isRegularFile(spotsFile) && Files.isRegularFile(edgesFile),
                    "TrackMate reference files not found in " + dir.toAbsolutePath()
                            + "; set -Dlabscale.vendor.dir=... to run this test");
            List<Spot> spots = readSpots(spotsFile);
            Map<Integer, Spot> byId = new HashMap<>();
            spots.forEach(s -> byId.put(s.id(), s));
            Set<String> edges = new TreeSet<>();
            for (String[] row : rows(edgesFile)) {
                edges.add(edge(byId, Integer.parseInt(row[1]), Integer.parseInt(row[2])));
            }
            return new Reference(spots, byId, edges);
        }

        Set<String> edges(List<Link> links) {
            Set<String> out = new TreeSet<>();
            for (Link link : links) {
                out.add(edge(byId, link.source(), link.target()));
            }
            return out;
        }
    }

    /** An edge written from its earlier spot to its later one, whichever way the file stores it. */
    private static String edge(Map<Integer, Spot> byId, int a, int b) {
        Spot first = byId.get(a);
        Spot second = byId.get(b);
        if (first.frame() > second.frame()) {
            Spot t = first;
            first = second;
            second = t;
        }
        return first.id() + "@" + first.frame() + "->" + second.id() + "@" + second.frame();
    }

    private static List<Spot> readSpots(Path file) throws IOException {
        List<Spot> spots = new ArrayList<>();
        for (String[] row : rows(file)) {
            spots.add(Spot.point(Integer.parseInt(row[1]), Integer.parseInt(row[2]), Double.parseDouble(row[3]),
                    Double.parseDouble(row[4])));
        }
        return spots;
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }
}
