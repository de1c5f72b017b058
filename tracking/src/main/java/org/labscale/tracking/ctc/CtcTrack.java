package org.labscale.tracking.ctc;

/**
 * One line of a Cell Tracking Challenge track file ({@code man_track.txt}, {@code res_track.txt}): "L B E P".
 *
 * @param label  the track's label in every mask of the sequence, > 0
 * @param begin  first frame
 * @param end    last frame
 * @param parent the parent track's label, or 0
 */
public record CtcTrack(int label, int begin, int end, int parent) {

    public CtcTrack {
        if (label <= 0 || label > 65_535) {
            throw new IllegalArgumentException("a track label must be in 1..65535, was " + label);
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("track " + label + ": frames " + begin + ".." + end
                    + " are not a range from frame 0 on");
        }
        if (parent < 0 || parent == label) {
            throw new IllegalArgumentException("track " + label + " has an invalid parent " + parent);
        }
    }
}
