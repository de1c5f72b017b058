package org.labscale.tracking;

import org.labscale.tracking.link.Link;
import org.labscale.tracking.link.Spot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a track graph (spots and links) into CTC-style {@link Track}s. A spot continues its predecessor's track when it
 * is that predecessor's only successor, its only predecessor, and in the next frame; otherwise it starts a new track,
 * whose parent is the predecessor's track when it has exactly one predecessor (a division or a closed gap) and none
 * when it has none (a birth) or several (a merge). So every track is contiguous, and a parent ends before its
 * children begin, as the CTC requires.
 */
public final class Lineage {

    private final List<Track> tracks;
    private final Map<Integer, Integer> trackOfSpot;

    private Lineage(List<Track> tracks, Map<Integer, Integer> trackOfSpot) {
        this.tracks = tracks;
        this.trackOfSpot = trackOfSpot;
    }

    /**
     * @throws IllegalArgumentException a link names an unknown spot or does not go forward in time
     */
    public static Lineage of(Collection<Spot> spots, Collection<Link> links) {
        Map<Integer, Spot> byId = new HashMap<>();
        for (Spot s : spots) {
            byId.put(s.id(), s);
        }
        Map<Integer, List<Spot>> predecessors = new HashMap<>();
        Map<Integer, List<Spot>> successors = new HashMap<>();
        for (Link link : links) {
            Spot source = byId.get(link.source());
            Spot target = byId.get(link.target());
            if (source == null || target == null) {
                throw new IllegalArgumentException("link " + link + " names a spot that is not in the series");
            }
            if (target.frame() <= source.frame()) {
                throw new IllegalArgumentException("link " + link + " does not go forward in time");
            }
            successors.computeIfAbsent(source.id(), k -> new ArrayList<>()).add(target);
            predecessors.computeIfAbsent(target.id(), k -> new ArrayList<>()).add(source);
        }
        List<Spot> ordered = new ArrayList<>(spots);
        ordered.sort(Comparator.comparingInt(Spot::frame).thenComparingInt(Spot::id));
        Map<Integer, Integer> trackOfSpot = new HashMap<>();
        List<List<Spot>> members = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        for (Spot spot : ordered) {
            List<Spot> preds = predecessors.getOrDefault(spot.id(), List.of());
            if (preds.size() == 1) {
                Spot p = preds.get(0);
                boolean continues = successors.get(p.id()).size() == 1 && p.frame() + 1 == spot.frame();
                int predecessorTrack = trackOfSpot.get(p.id());
                if (continues) {
                    members.get(predecessorTrack - 1).add(spot);
                    trackOfSpot.put(spot.id(), predecessorTrack);
                    continue;
                }
                parents.add(predecessorTrack);
            } else {
                parents.add(0);
            }
            List<Spot> list = new ArrayList<>();
            list.add(spot);
            members.add(list);
            trackOfSpot.put(spot.id(), members.size());
        }
        List<Track> tracks = new ArrayList<>(members.size());
        for (int k = 0; k < members.size(); k++) {
            List<Spot> list = members.get(k);
            tracks.add(new Track(k + 1, parents.get(k), list.get(0).frame(), list.get(list.size() - 1).frame(), list));
        }
        return new Lineage(Collections.unmodifiableList(tracks), trackOfSpot);
    }

    public List<Track> tracks() {
        return tracks;
    }

    /** The id of the track that holds the spot. */
    public int trackOf(int spotId) {
        Integer track = trackOfSpot.get(spotId);
        if (track == null) {
            throw new IllegalArgumentException("spot " + spotId + " is not in this lineage");
        }
        return track;
    }

    /** Number of divisions: tracks with at least two children. */
    public int divisions() {
        Map<Integer, Integer> children = new HashMap<>();
        for (Track t : tracks) {
            if (t.parent() > 0) {
                children.merge(t.parent(), 1, Integer::sum);
            }
        }
        return (int) children.values().stream().filter(c -> c >= 2).count();
    }
}
