package org.labscale.shared.image;

import java.util.List;

/**
 * The distribution of one channel's sample values over a whole plane, for contrast controls.
 *
 * @param channel     zero-based channel
 * @param frame       zero-based frame
 * @param min         smallest finite sample
 * @param max         largest finite sample
 * @param counts      pixels per bin; the bins split [min, max] into {@code counts.size()} equal parts
 * @param p001        0.1th percentile (bin-accurate)
 * @param p005        0.5th percentile
 * @param p995        99.5th percentile
 * @param p999        99.9th percentile
 */
public record ChannelHistogramDto(int channel, int frame, double min, double max, List<Long> counts, double p001,
                                  double p005, double p995, double p999) {
}
