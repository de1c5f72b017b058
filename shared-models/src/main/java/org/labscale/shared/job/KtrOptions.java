package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The kinase translocation reporter read-out of a {@link TrackingPayload} (Van Valen et al. 2016, Fig 4): for every
 * tracked nucleus in every frame, the reporter channel's mean over the nucleus, over an inner and an outer cytoring
 * (the background pixels nearest the nucleus within that many pixels; the outer ring stands for the cytoplasm), the
 * cytoplasm-to-nucleus ratio, and the two-compartment estimate (a two-component Gaussian mixture fitted to the
 * cytoplasm's pixels, reporting the component nearer the nucleus). The series' frames are segmented by the job's
 * model reading the first channel(s); the reporter is another channel of the same frames. With a cytoplasm model, each
 * frame's cells are also segmented by it with ACTIVE_CONTOURS seeded by that frame's nuclei (as a SEGMENTATION job
 * with a nuclear model; default post-processing), and the reporter's mean over each cell less its nucleus is reported
 * beside the rings.
 *
 * @param channel      the reporter channel by name (one of the series' channel names), or null
 * @param channelIndex the reporter channel by index from 0, or null; exactly one of the two is given
 * @param innerRing    inner cytoring width in pixels, 1 to {@value #MAX_RING} (default 5)
 * @param outerRing    outer cytoring width, the cytoplasm, more than {@code innerRing} and at most {@value #MAX_RING}
 *                     (default 25)
 * @param cytoplasmModelId      a cytoplasm model of the lab whose cells give each nucleus its cytoplasm; null: the
 *                              rings only
 * @param cytoplasmModelVersion its version, 1 or more; null: the latest when the job is leased
 * @param cytoplasmChannelMap   which series channel (from 0) each of the cytoplasm model's channel roles reads; a role
 *                              it does not name reads channel i for the model's i-th role (as a SEGMENTATION job's
 *                              {@code channelMap})
 */
public record KtrOptions(String channel, Integer channelIndex, Integer innerRing, Integer outerRing,
                         UUID cytoplasmModelId, Integer cytoplasmModelVersion,
                         Map<String, Integer> cytoplasmChannelMap) {

    public static final int MAX_RING = 200;

    /** The rings only, without a cytoplasm model. */
    public KtrOptions(String channel, Integer channelIndex, Integer innerRing, Integer outerRing) {
        this(channel, channelIndex, innerRing, outerRing, null, null, null);
    }

    /** This record with the default ring widths filled in. */
    public KtrOptions withDefaults() {
        return new KtrOptions(channel, channelIndex, innerRing == null ? 5 : innerRing,
                outerRing == null ? 25 : outerRing, cytoplasmModelId, cytoplasmModelVersion, cytoplasmChannelMap);
    }

    /** Human sentences naming each invalid value (empty when valid), fields prefixed {@code ktr.}. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        boolean named = channel != null && !channel.isBlank();
        if (named == (channelIndex != null)) {
            out.add("ktr needs exactly one of ktr.channel (the reporter channel's name) and ktr.channelIndex (its"
                    + " index from 0).");
        }
        if (channelIndex != null && channelIndex < 0) {
            out.add("ktr.channelIndex must be 0 or more, not " + channelIndex + ".");
        }
        KtrOptions d = withDefaults();
        if (d.innerRing() < 1 || d.innerRing() > MAX_RING) {
            out.add("ktr.innerRing must be between 1 and " + MAX_RING + " pixels, not " + d.innerRing() + ".");
        }
        if (d.outerRing() <= d.innerRing() || d.outerRing() > MAX_RING) {
            out.add("ktr.outerRing must be more than ktr.innerRing (" + d.innerRing() + ") and at most " + MAX_RING
                    + " pixels, not " + d.outerRing() + ".");
        }
        if (cytoplasmModelId == null && (cytoplasmModelVersion != null || cytoplasmChannelMap != null)) {
            out.add("ktr.cytoplasmModelVersion and ktr.cytoplasmChannelMap need ktr.cytoplasmModelId (the cytoplasm"
                    + " model).");
        }
        if (cytoplasmModelVersion != null && cytoplasmModelVersion < 1) {
            out.add("ktr.cytoplasmModelVersion must be 1 or more, not " + cytoplasmModelVersion + ".");
        }
        if (cytoplasmChannelMap != null) {
            cytoplasmChannelMap.forEach((role, index) -> {
                if (index == null || index < 0) {
                    out.add("ktr.cytoplasmChannelMap." + role + " must be a channel index of 0 or more, not " + index
                            + ".");
                }
            });
        }
        return out;
    }
}
