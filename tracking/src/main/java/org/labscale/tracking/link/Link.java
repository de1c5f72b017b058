package org.labscale.tracking.link;

/**
 * A directed edge of the track graph, from a spot to a later one.
 *
 * @param source the earlier spot's id
 * @param target the later spot's id
 * @param cost   the linking cost that the assignment paid for it
 * @param kind   which step of the tracker made it
 */
public record Link(int source, int target, double cost, Kind kind) {

    public enum Kind {
        /** Consecutive frames, from the frame-to-frame step. */
        FRAME_TO_FRAME,
        /** A segment's end to a later segment's start, across up to the maximal frame gap. */
        GAP_CLOSING,
        /** A segment's middle to a segment's start in the next frame: a division. */
        SPLITTING,
        /** A segment's end to a segment's middle in the next frame. */
        MERGING
    }
}
