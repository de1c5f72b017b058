package org.labscale.shared.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A patch classifier: the input is a {@code receptiveField x receptiveField} patch around a pixel (odd side), the
 * layers run in order, and a final dense layer to the number of classes with a softmax is implied (not listed).
 * The layers must use the whole patch exactly, so that the fully convolutional export predicts for the patch's
 * centre pixel: every max-pool must receive an even side, and at least one pixel must remain before the dense
 * layers. {@link #problems(int, int)} names what is wrong.
 *
 * @param name           a label, e.g. {@code nuclear-net}
 * @param receptiveField patch side in pixels, odd, 3 to 255
 * @param layers         convolutions and max-pools, then dense layers (no convolution after a dense layer)
 */
public record NetSpec(String name, int receptiveField, List<LayerSpec> layers) {

    /** Largest accepted number of input channels or classes. */
    public static final int MAX_CHANNELS = 16;

    public NetSpec {
        layers = layers == null ? null : List.copyOf(layers);
    }

    /**
     * Human sentences for everything that makes this net unusable with {@code channels} input channels and
     * {@code classes} output classes; empty when it is usable.
     */
    public List<String> problems(int channels, int classes) {
        List<String> out = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            out.add("The net needs a name of 1 to 100 characters.");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            out.add("A net takes 1 to " + MAX_CHANNELS + " input channels, not " + channels + ".");
        }
        if (classes < 2 || classes > MAX_CHANNELS) {
            out.add("A net predicts 2 to " + MAX_CHANNELS + " classes, not " + classes + ".");
        }
        if (receptiveField < 3 || receptiveField > 255 || receptiveField % 2 == 0) {
            out.add("The receptive field must be an odd number of pixels from 3 to 255 (a patch centred on a pixel),"
                    + " not " + receptiveField + ".");
            return out;
        }
        if (layers == null || layers.isEmpty()) {
            out.add("The net needs at least one layer.");
            return out;
        }
        int side = receptiveField;
        boolean dense = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            String where = "Layer " + (i + 1) + " (" + describe(layer) + ")";
            if (layer == null) {
                out.add("Layer " + (i + 1) + " is empty.");
                return out;
            } else if (layer instanceof LayerSpec.Conv c) {
                if (dense) {
                    out.add(where + " comes after a dense layer; convolutions and max-pools must come first.");
                    return out;
                }
                if (c.filters() < 1 || c.filters() > 4096 || c.kernel() < 1 || c.kernel() > 15) {
                    out.add(where + ": filters must be 1 to 4096 and the kernel 1 to 15.");
                    return out;
                }
                if (c.kernel() > side) {
                    out.add(where + ": its " + c.kernel() + "x" + c.kernel() + " kernel is larger than the "
                            + side + "x" + side + " map it receives from a " + receptiveField
                            + " px receptive field.");
                    return out;
                }
                side = side - c.kernel() + 1;
            } else if (layer instanceof LayerSpec.MaxPool) {
                if (dense) {
                    out.add(where + " comes after a dense layer; convolutions and max-pools must come first.");
                    return out;
                }
                if (side % 2 != 0) {
                    out.add(where + " receives an odd " + side + "x" + side + " map, so the layers would not use the"
                            + " whole " + receptiveField + " px receptive field; change a kernel or the receptive"
                            + " field.");
                    return out;
                }
                side /= 2;
            } else if (layer instanceof LayerSpec.Dense d) {
                if (d.units() < 1 || d.units() > 4096) {
                    out.add(where + ": units must be 1 to 4096.");
                    return out;
                }
                dense = true;
            }
        }
        return out;
    }

    /** Throws {@link IllegalArgumentException} with every {@link #problems(int, int)} sentence, if any. */
    public NetSpec validate(int channels, int classes) {
        List<String> problems = problems(channels, classes);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        return this;
    }

    /**
     * Side of the feature map the first dense layer (or the implied classifier) sees, for a valid net: the
     * receptive field after every convolution and max-pool.
     */
    public int denseInputSide() {
        int side = receptiveField;
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Conv c) {
                side = side - c.kernel() + 1;
            } else if (layer instanceof LayerSpec.MaxPool) {
                side /= 2;
            }
        }
        return side;
    }

    private static String describe(LayerSpec layer) {
        if (layer instanceof LayerSpec.Conv c) {
            return "conv " + c.filters() + " " + c.kernel() + "x" + c.kernel();
        } else if (layer instanceof LayerSpec.Dense d) {
            return "dense " + d.units();
        } else if (layer instanceof LayerSpec.MaxPool) {
            return "max-pool";
        }
        return "null";
    }
}
