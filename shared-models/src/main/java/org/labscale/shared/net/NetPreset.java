package org.labscale.shared.net;

import java.util.List;

/**
 * A named, documented net with the input channels (roles, in input order) and classes (in output order) it is meant
 * for. A training payload may name a preset instead of listing layers.
 *
 * @param net         the layers and receptive field; {@code net.name()} is the preset's name
 * @param channels    default channel roles, e.g. {@code ["phase","nuclear"]}
 * @param classes     default class names, background first, e.g. {@code ["background","boundary","interior"]}
 * @param description what it is for and how it is built
 */
public record NetPreset(NetSpec net, List<String> channels, List<String> classes, String description) {

    public NetPreset {
        channels = List.copyOf(channels);
        classes = List.copyOf(classes);
        net.validate(channels.size(), classes.size());
    }

    /** The preset's name, e.g. {@code nuclear-net}. */
    public String name() {
        return net.name();
    }
}
