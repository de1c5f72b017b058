package org.labscale.tracking.ctc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads, checks and writes CTC track files: one "L B E P" line per track, whitespace separated. */
public final class CtcTrackFile {

    private CtcTrackFile() {
    }

    /**
     * @return the tracks by label, in file order
     * @throws IllegalArgumentException a malformed line, or a file that breaks the CTC's rules (see {@link #check})
     */
    public static Map<Integer, CtcTrack> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.getFileName().toString());
    }

    /**
     * The tracks of a track file's text.
     *
     * @param source names the text in messages (a file name, a payload field)
     * @return the tracks by label, in text order
     * @throws IllegalArgumentException a malformed line, or tracks that break the CTC's rules (see {@link #check})
     */
    public static Map<Integer, CtcTrack> parse(String text, String source) {
        Map<Integer, CtcTrack> tracks = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\\R", -1)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 4) {
                throw new IllegalArgumentException(source + " line " + lineNumber
                        + ": expected 4 numbers \"L B E P\", found \"" + line.trim() + "\"");
            }
            CtcTrack track;
            try {
                track = new CtcTrack(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + lineNumber
                        + ": not an integer in \"" + line.trim() + "\"", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": " + e.getMessage(), e);
            }
            if (tracks.put(track.label(), track) != null) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": track "
                        + track.label() + " is declared twice");
            }
        }
        check(tracks.values());
        return tracks;
    }

    /**
     * Checks the CTC's rules across tracks: unique labels, every parent declared, and every parent ending before its
     * child begins.
     */
    public static void check(Collection<CtcTrack> tracks) {
        Map<Integer, CtcTrack> byLabel = new LinkedHashMap<>();
        for (CtcTrack t : tracks) {
            if (byLabel.put(t.label(), t) != null) {
                throw new IllegalArgumentException("track " + t.label() + " is declared twice");
            }
        }
        for (CtcTrack t : tracks) {
            if (t.parent() == 0) {
                continue;
            }
            CtcTrack parent = byLabel.get(t.parent());
            if (parent == null) {
                throw new IllegalArgumentException("track " + t.label() + " names parent " + t.parent()
                        + ", which is not declared");
            }
            if (parent.end() >= t.begin()) {
                throw new IllegalArgumentException("track " + t.label() + " begins at frame " + t.begin()
                        + " but its parent " + parent.label() + " ends at frame " + parent.end()
                        + "; a parent must end before its children begin");
            }
        }
    }

    /** Writes the tracks in label order after checking them. */
    public static void write(Path file, Collection<CtcTrack> tracks) throws IOException {
        check(tracks);
        List<CtcTrack> sorted = new ArrayList<>(tracks);
        sorted.sort(Comparator.comparingInt(CtcTrack::label));
        StringBuilder text = new StringBuilder();
        for (CtcTrack t : sorted) {
            text.append(t.label()).append(' ').append(t.begin()).append(' ').append(t.end()).append(' ')
                    .append(t.parent()).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
