package org.labscale.shared.image;

import java.util.List;

/** The original sample values of every channel at one pixel of one frame. */
public record PixelValuesDto(int x, int y, int frame, List<Double> values) {
}
