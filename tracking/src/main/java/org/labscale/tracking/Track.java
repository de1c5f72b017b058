package org.labscale.tracking;

import org.labscale.tracking.link.Spot;

import java.util.List;

/**
 * A contiguous track in the Cell Tracking Challenge's sense: one object followed through consecutive frames, until it
 * divides, merges, disappears or jumps a gap (the continuation then being a new track with this one as parent).
 *
 * @param id         from 1, the track's label in the CTC masks
 * @param parent     the track this one continues after a division or gap, or 0
 * @param firstFrame first frame
 * @param lastFrame  last frame
 * @param spots      one spot per frame, in frame order
 */
public record Track(int id, int parent, int firstFrame, int lastFrame, List<Spot> spots) {

    public Track {
        spots = List.copyOf(spots);
    }
}
