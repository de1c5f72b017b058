package org.labscale.ui.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tracks of a TRACKING job, read from its {@code tracks.csv} (one row per cell per frame:
 * {@code track_id,parent_track_id,frame,label,centroid_x,centroid_y,area,mean_intensity}). A track's id is also its
 * value in the job's CTC masks ({@code ctc/maskTTT.tif}), so a cell clicked in a frame's mask names its track.
 */
public final class SeriesTracks {

    static final List<String> COLUMNS = List.of("track_id", "parent_track_id", "frame", "centroid_x", "centroid_y",
            "area");

    /** One cell of a track in one frame. */
    public record Point(int frame, double x, double y, double area) {
    }

    /**
     * @param id     the track's id (its label in the CTC masks)
     * @param parent the mother track's id, 0 when the track did not come from a division
     * @param points its cells, by frame
     */
    public record Track(int id, int parent, List<Point> points) {
        public int firstFrame() {
            return points.get(0).frame();
        }

        public int lastFrame() {
            return points.get(points.size() - 1).frame();
        }
    }

    private final Map<Integer, Track> tracks;

    private SeriesTracks(Map<Integer, Track> tracks) {
        this.tracks = Collections.unmodifiableMap(tracks);
    }

    public Collection<Track> tracks() {
        return tracks.values();
    }

    public Optional<Track> track(int id) {
        return Optional.ofNullable(tracks.get(id));
    }

    /** The ids of the tracks whose parent is {@code id} (its daughters), in id order. */
    public List<Integer> daughters(int id) {
        return tracks.values().stream().filter(t -> t.parent() == id).map(Track::id).sorted().toList();
    }

    /** Reads the CSV; a file without the columns of {@link #COLUMNS} is refused naming its header. */
    public static SeriesTracks read(Reader csv) {
        try (BufferedReader in = new BufferedReader(csv)) {
            String header = in.readLine();
            Map<Integer, List<Point>> points = new LinkedHashMap<>();
            Map<Integer, Integer> parents = new LinkedHashMap<>();
            if (header == null) {
                return new SeriesTracks(new LinkedHashMap<>());
            }
            List<String> names = Arrays.asList(header.strip().split(","));
            int[] at = new int[COLUMNS.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = names.indexOf(COLUMNS.get(i));
                if (at[i] < 0) {
                    throw new IllegalArgumentException("The track table has no " + COLUMNS.get(i)
                            + " column; its header is: " + header);
                }
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                int id = Integer.parseInt(f[at[0]]);
                parents.put(id, f[at[1]].isEmpty() ? 0 : Integer.parseInt(f[at[1]]));
                points.computeIfAbsent(id, k -> new ArrayList<>()).add(new Point(Integer.parseInt(f[at[2]]),
                        number(f[at[3]]), number(f[at[4]]), number(f[at[5]])));
            }
            Map<Integer, Track> tracks = new LinkedHashMap<>();
            points.forEach((id, list) -> {
                list.sort((a, b) -> Integer.compare(a.frame(), b.frame()));
                tracks.put(id, new Track(id, parents.get(id), List.copyOf(list)));
            });
            return new SeriesTracks(tracks);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the track table failed", e);
        }
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
