package org.labscale.tracking.daughters;

import org.labscale.imaging.labels.LabelImage;
import org.labscale.tracking.Lineage;
import org.labscale.tracking.MaskEdits;
import org.labscale.tracking.MaskSource;
import org.labscale.tracking.Track;
import org.labscale.tracking.TrackingResult;
import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parts daughters that the segmentation kept as one object for a few frames after their division. A threshold joins
 * touching nuclei, so two daughters often stay one blob for 2-4 frames and only then come apart: the division is found
 * late (or, with the blob's centroid too far from both daughters, not at all), and every merged frame costs the CTC
 * measures a split and the missing daughter's edges.
 *
 * <p>For each division of the lineage (a track whose last spot, in frame {@code s - 1}, goes on into two spots of
 * frame {@code s}), the track's spots are taken backwards from {@code s - 1}, at most {@code maxFrames} of them and
 * never the track's first (the mother keeps at least one frame). A spot is two merged daughters, and is split, while
 * <ul>
 *   <li>its area is {@value #MIN_AREA}-{@value #MAX_AREA} times the two daughters' areas in the next frame (the
 *       daughters themselves in frame {@code s}, then the parts split in the frame after it), and at least
 *       {@value #MIN_AREA} times the area of the spot before it: mass is conserved (a nucleus that shrank more is the
 *       mother condensing for mitosis, as in frame 38 of SIM+, whose pinched shape passes the next test);</li>
 *   <li>a seeded watershed on its distance transform ({@link DistanceWatershed}), seeded by the next frame's two
 *       daughters moved by the blob's own displacement, parts it at a neck at most {@value #MAX_NECK} of the smaller
 *       part's inscribed radius: two round nuclei touching, not one nucleus (about 1).</li>
 * </ul>
 * The first spot that fails either test ends the walk. Each split spot becomes two spots (new ids; new labels above
 * the frame's highest, both, so that no measurement made on the unsplit mask is taken for a part; the blob's mean
 * intensity, the pixels under each part not being at hand), the mother's track ends before the first split frame, and
 * each daughter's track starts there: the lineage is cut again, so the CTC's rules hold (contiguous tracks, parents
 * ending before children begin).
 *
 * <p>On Fluo-N2DH-SIM+ (Labscale's own segmentation, frames 0-39) the merged frames of four divisions have necks of
 * 0.31-0.83 (in another run's segmentation, the first merged frames 0.86 and 0.88) and areas 0.93-1.18 times their
 * daughters'; the mothers' single frames before them 0.95-1 (and one, 0.76, at 0.70 of the area of the blob after
 * it).
 */
public final class MergedDaughters {

    static final double MIN_AREA = 0.8;
    static final double MAX_AREA = 1.25;
    static final double MAX_NECK = 0.9;

    private final int maxFrames;

    /** @param maxFrames most frames parted before a division, 1 or more */
    public MergedDaughters(int maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be >= 1, was " + maxFrames);
        }
        this.maxFrames = maxFrames;
    }

    /** One spot parted: the blob and its two parts, the first part continuing into the first daughter. */
    private record Parting(Spot blob, Spot first, Spot second, int[] firstPixels, int[] secondPixels) {
    }

    /**
     * @param result a tracking of the objects of {@code masks}
     * @return the tracking with the merged daughters parted (and its {@link TrackingResult#maskEdits()}); {@code
     *         result} itself when nothing was parted
     * @throws IOException a mask cannot be loaded
     */
    public TrackingResult part(TrackingResult result, MaskSource masks) throws IOException {
        Map<Integer, List<Spot>> successors = new HashMap<>();
        Map<Integer, Spot> byId = new HashMap<>();
        Map<Integer, Integer> highestLabel = new HashMap<>();
        int nextId = 0;
        for (Spot s : result.spots()) {
            byId.put(s.id(), s);
            highestLabel.merge(s.frame(), s.label(), Math::max);
            nextId = Math.max(nextId, s.id() + 1);
        }
        for (Link link : result.links()) {
            successors.computeIfAbsent(link.source(), k -> new ArrayList<>()).add(byId.get(link.target()));
        }
        List<List<Parting>> divisions = new ArrayList<>();
        for (Track track : result.lineage().tracks()) {
            List<Spot> spots = track.spots();
            List<Spot> next = successors.getOrDefault(spots.get(spots.size() - 1).id(), List.of());
            if (next.size() != 2 || next.stream().anyMatch(d -> d.frame() != track.lastFrame() + 1)) {
                continue;
            }
            Spot a = next.get(0);
            Spot b = next.get(1);
            Spot later = centre(a, b);
            List<Parting> parted = new ArrayList<>();
            for (int k = spots.size() - 1; k >= Math.max(1, spots.size() - maxFrames); k--) {
                Spot blob = spots.get(k);
                double sum = a.area() + b.area();
                if (!(blob.area() >= MIN_AREA * sum && blob.area() <= MAX_AREA * sum)
                        || blob.area() < MIN_AREA * spots.get(k - 1).area()) {
                    break;
                }
                double dx = blob.x() - later.x();
                double dy = blob.y() - later.y();
                LabelImage mask = masks.mask(blob.frame());
                DistanceWatershed.Parts parts = DistanceWatershed.split(mask, blob.label(), a.x() + dx, a.y() + dy,
                        b.x() + dx, b.y() + dy);
                if (parts == null || parts.neck() > MAX_NECK) {
                    break;
                }
                int label = highestLabel.merge(blob.frame(), 2, Integer::sum);
                Spot first = part(nextId++, blob, label - 1, parts.first(), mask.width());
                Spot second = part(nextId++, blob, label, parts.second(), mask.width());
                parted.add(new Parting(blob, first, second, parts.first(), parts.second()));
                a = first;
                b = second;
                later = blob;
            }
            if (!parted.isEmpty()) {
                divisions.add(parted);
            }
        }
        return divisions.isEmpty() ? result : rebuild(result, divisions, successors, byId);
    }

    /** The area-weighted centre of two spots, as a spot (its other fields unused). */
    private static Spot centre(Spot a, Spot b) {
        double area = a.area() + b.area();
        return Spot.point(-1, a.frame(), (a.x() * a.area() + b.x() * b.area()) / area,
                (a.y() * a.area() + b.y() * b.area()) / area);
    }

    private static Spot part(int id, Spot blob, int label, int[] pixels, int width) {
        double sx = 0;
        double sy = 0;
        for (int p : pixels) {
            sx += p % width;
            sy += p / width;
        }
        return new Spot(id, blob.frame(), sx / pixels.length, sy / pixels.length, label, pixels.length,
                blob.meanIntensity());
    }

    /**
     * The result with each parted blob replaced by its parts: the blobs' links dropped, the mother's last single spot
     * split into the first parts, each part linked to its own part in the next frame and the last parts to the
     * daughters.
     */
    private static TrackingResult rebuild(TrackingResult result, List<List<Parting>> divisions,
                                          Map<Integer, List<Spot>> successors, Map<Integer, Spot> byId) {
        Map<Integer, Parting> byBlob = new HashMap<>();
        Map<Integer, List<MaskEdits.Relabel>> edits = new TreeMap<>();
        result.maskEdits().frames().forEach(f -> edits.put(f, new ArrayList<>(result.maskEdits().of(f))));
        List<Link> added = new ArrayList<>();
        for (List<Parting> parted : divisions) {
            // parted runs backwards in time: parted.get(0) is the frame before the daughters'.
            Parting last = parted.get(0);
            List<Spot> daughters = successors.get(last.blob().id()); // in the order the parts were seeded
            added.add(link(last.first(), daughters.get(0), Link.Kind.FRAME_TO_FRAME));
            added.add(link(last.second(), daughters.get(1), Link.Kind.FRAME_TO_FRAME));
            for (int k = 0; k < parted.size(); k++) {
                Parting p = parted.get(k);
                byBlob.put(p.blob().id(), p);
                edits.computeIfAbsent(p.blob().frame(), f -> new ArrayList<>()).addAll(List.of(
                        new MaskEdits.Relabel(p.firstPixels(), p.first().label()),
                        new MaskEdits.Relabel(p.secondPixels(), p.second().label())));
                if (k + 1 < parted.size()) {
                    Parting earlier = parted.get(k + 1);
                    added.add(link(earlier.first(), p.first(), Link.Kind.FRAME_TO_FRAME));
                    added.add(link(earlier.second(), p.second(), Link.Kind.FRAME_TO_FRAME));
                }
            }
        }
        List<Spot> spots = new ArrayList<>();
        for (Spot s : result.spots()) {
            Parting p = byBlob.get(s.id());
            spots.addAll(p == null ? List.of(s) : List.of(p.first(), p.second()));
        }
        List<Link> links = new ArrayList<>();
        for (Link link : result.links()) {
            if (byBlob.containsKey(link.source())) {
                continue; // a blob's links to the next frame: replaced by its parts'
            }
            Parting earliest = byBlob.get(link.target());
            if (earliest == null) {
                links.add(link);
            } else { // the mother's last single spot divides into the earliest parts
                Spot mother = byId.get(link.source());
                links.add(link(mother, earliest.first(), Link.Kind.SPLITTING));
                links.add(link(mother, earliest.second(), Link.Kind.SPLITTING));
            }
        }
        links.addAll(added);
        return new TrackingResult(spots, links, Lineage.of(spots, links), new MaskEdits(edits));
    }

    private static Link link(Spot source, Spot target, Link.Kind kind) {
        return new Link(source.id(), target.id(), source.squareDistanceTo(target), kind);
    }
}
