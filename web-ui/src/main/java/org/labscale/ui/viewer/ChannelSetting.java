package org.labscale.ui.viewer;

/**
 * How the viewer shows one channel.
 *
 * @param index   zero-based channel
 * @param visible whether it is part of the composite
 * @param color   its colour as six hex digits, e.g. {@code 00ff00}
 * @param min     the value shown black
 * @param max     the value shown in full colour
 */
public record ChannelSetting(int index, boolean visible, String color, double min, double max) {
}
