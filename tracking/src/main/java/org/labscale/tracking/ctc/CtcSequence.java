package org.labscale.tracking.ctc;

import org.labscale.imaging.ImageRejectedException;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracking in CTC layout: one 16-bit label mask per frame whose values are track labels, and the tracks.
 *
 * @param frames one mask per frame, index = frame
 * @param tracks the tracks by label
 */
public record CtcSequence(List<LabelImage> frames, Map<Integer, CtcTrack> tracks) {

    private static final Pattern SEG_FILE = Pattern.compile("man_seg(\\d{3,4})\\.tif");

    public CtcSequence {
        frames = List.copyOf(frames);
        tracks = Map.copyOf(tracks);
    }

    /** The reference of a CTC sequence folder: {@code TRA/man_track.txt} and {@code TRA/man_trackTTT.tif}. */
    public static CtcSequence readReference(Path sequenceGt) throws IOException {
        Path tra = sequenceGt.resolve("TRA");
        return new CtcSequence(readMasks(tra, "man_track"), CtcTrackFile.read(tra.resolve("man_track.txt")));
    }

    /**
     * The sequence's first {@code count} frames: tracks that begin later are dropped, the rest end at frame
     * {@code count - 1} at the latest (a parent always begins before its children, so no kept track loses its parent).
     *
     * @throws IllegalArgumentException {@code count} is not in 1..frames
     */
    public CtcSequence firstFrames(int count) {
        if (count < 1 || count > frames.size()) {
            throw new IllegalArgumentException("a sequence of " + frames.size() + " frames has no first " + count);
        }
        Map<Integer, CtcTrack> kept = new TreeMap<>();
        for (CtcTrack t : tracks.values()) {
            if (t.begin() < count) {
                kept.put(t.label(), new CtcTrack(t.label(), t.begin(), Math.min(t.end(), count - 1), t.parent()));
            }
        }
        return new CtcSequence(frames.subList(0, count), kept);
    }

    /** A result folder: {@code res_track.txt} and {@code maskTTT.tif}. */
    public static CtcSequence readResult(Path resultDir) throws IOException {
        return new CtcSequence(readMasks(resultDir, "mask"), CtcTrackFile.read(resultDir.resolve("res_track.txt")));
    }

    /**
     * The reference segmentations of a CTC sequence folder, {@code SEG/man_segTTT.tif}, by frame: the CTC annotates
     * only some frames. Empty when there is no {@code SEG} folder.
     */
    public static Map<Integer, LabelImage> readSegmentationReference(Path sequenceGt) throws IOException {
        Path seg = sequenceGt.resolve("SEG");
        Map<Integer, LabelImage> frames = new TreeMap<>();
        if (!Files.isDirectory(seg)) {
            return frames;
        }
        LabelImageReader reader = new LabelImageReader();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(seg, "man_seg*.tif")) {
            for (Path file : files) {
                Matcher m = SEG_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    try {
                        frames.put(Integer.parseInt(m.group(1)), reader.read(file));
                    } catch (ImageRejectedException e) {
                        throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return frames;
    }

    /** {@code prefix000.tif}, {@code prefix001.tif}, ... (or four digits) from frame 0 until the first missing one. */
    public static List<LabelImage> readMasks(Path dir, String prefix) throws IOException {
        List<LabelImage> frames = new ArrayList<>();
        LabelImageReader reader = new LabelImageReader();
        while (true) {
            Path file = maskFile(dir, prefix, frames.size());
            if (file == null) {
                return frames;
            }
            try {
                frames.add(reader.read(file));
            } catch (ImageRejectedException e) {
                throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The mask of a frame, if any, as {@code prefixTTT.tif} or {@code prefixTTTT.tif}. */
    public static Path maskFile(Path dir, String prefix, int frame) {
        for (String pattern : new String[] {"%s%03d.tif", "%s%04d.tif"}) {
            Path file = dir.resolve(String.format(pattern, prefix, frame));
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
