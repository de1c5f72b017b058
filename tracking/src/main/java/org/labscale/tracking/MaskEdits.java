package org.labscale.tracking;

import org.labscale.imaging.labels.LabelImage;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Changes the tracker made to the segmentation's masks (objects parted into two, see
 * {@link org.labscale.tracking.daughters.MergedDaughters}): per frame, pixels given a new label. Only the changed
 * pixels are kept, so a long series' masks can stay on disk; {@link #apply} gives a frame's mask as the tracked spots
 * see it.
 */
public final class MaskEdits {

    /** No change. */
    public static final MaskEdits NONE = new MaskEdits(Map.of());

    /** Pixels (row-major indices) that take {@code label}. */
    public record Relabel(int[] pixels, int label) {
    }

    private final Map<Integer, List<Relabel>> byFrame;

    public MaskEdits(Map<Integer, List<Relabel>> byFrame) {
        Map<Integer, List<Relabel>> copy = new TreeMap<>();
        byFrame.forEach((frame, edits) -> copy.put(frame, List.copyOf(edits)));
        this.byFrame = Collections.unmodifiableMap(copy);
    }

    /** The frames with changes, in order. */
    public Set<Integer> frames() {
        return byFrame.keySet();
    }

    /** The changes of one frame (empty when none). */
    public List<Relabel> of(int frame) {
        return byFrame.getOrDefault(frame, List.of());
    }

    /** {@code mask} of frame {@code frame} with this frame's changes made (the same image when there are none). */
    public LabelImage apply(int frame, LabelImage mask) {
        List<Relabel> edits = byFrame.get(frame);
        if (edits == null) {
            return mask;
        }
        int[] labels = mask.toArray();
        for (Relabel edit : edits) {
            for (int p : edit.pixels()) {
                labels[p] = edit.label();
            }
        }
        return LabelImage.of(mask.width(), mask.height(), labels);
    }
}
