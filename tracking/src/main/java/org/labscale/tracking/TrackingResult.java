package org.labscale.tracking;

import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.List;

/**
 * What {@link Tracker} produces.
 *
 * @param spots     every object of every frame
 * @param links     the track graph's edges
 * @param lineage   the graph cut into CTC-style tracks with parents
 * @param maskEdits what the tracker changed in the segmentation's masks (merged daughters parted), so that the masks
 *                  agree with {@code spots}; {@link MaskEdits#NONE} as a rule
 */
public record TrackingResult(List<Spot> spots, List<Link> links, Lineage lineage, MaskEdits maskEdits) {

    public TrackingResult {
        spots = List.copyOf(spots);
        links = List.copyOf(links);
        if (maskEdits == null) {
            maskEdits = MaskEdits.NONE;
        }
    }

    /** A result whose spots are the segmentation's objects unchanged. */
    public TrackingResult(List<Spot> spots, List<Link> links, Lineage lineage) {
        this(spots, links, lineage, MaskEdits.NONE);
    }
}
