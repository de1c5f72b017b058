package org.labscale.shared.job;

import java.util.ArrayList;
import java.util.List;

/**
 * The kinase translocation reporter read-out of a {@link TrackingPayload} (Van Valen et al. 2016, Fig 4): for every
 * tracked nucleus in every frame, the reporter channel's mean over the nucleus, over an inner and an outer cytoring
 * (the background pixels nearest the nucleus within that many pixels; the outer ring stands for the cytoplasm), the
 * cytoplasm-to-nucleus ratio, and the two-compartment estimate (a two-component Gaussian mixture fitted to the
 * cytoplasm's pixels, reporting the component nearer the nucleus). The series' frames are segmented by the job's
 * model reading the first channel(s); the reporter is another channel of the same frames.
 *
 * @param channel      the reporter channel by name (one of the series' channel names), or null
 * @param channelIndex the reporter channel by index from 0, or null; exactly one of the two is given
 * @param innerRing    inner cytoring width in pixels, 1 to {@value #MAX_RING} (default 5)
 * @param outerRing    outer cytoring width, the cytoplasm, more than {@code innerRing} and at most {@value #MAX_RING}
 *                     (default 25)
 */
public record KtrOptions(String channel, Integer channelIndex, Integer innerRing, Integer outerRing) {

    public static final int MAX_RING = 200;

    /** This record with the default ring widths filled in. */
    public KtrOptions withDefaults() {
        return new KtrOptions(channel, channelIndex, innerRing == null ? 5 : innerRing,
                outerRing == null ? 25 : outerRing);
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
        return out;
    }
}
