package org.labscale.tracking;

import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.List;

/**
 * What {@link Tracker} produces.
 *
 * @param spots   every object of every frame
 * @param links   the track graph's edges
 * @param lineage the graph cut into CTC-style tracks with parents
 */
public record TrackingResult(List<Spot> spots, List<Link> links, Lineage lineage) {

    public TrackingResult {
        spots = List.copyOf(spots);
        links = List.copyOf(links);
    }
}
