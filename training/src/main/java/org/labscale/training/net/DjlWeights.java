package org.labscale.training.net;

import java.util.ArrayList;
import java.util.List;

import org.labscale.convnet.onnx.NetWeights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

/**
 * Copies the trained parameters of a block built by {@link DjlNets} into plain {@link NetWeights} for the exporter:
 * one layer per {@link Conv2d} or {@link Linear}, with the {@link BatchNorm} that follows it (gamma, beta, running
 * mean and variance).
 */
public final class DjlWeights {

    private DjlWeights() {
    }

    public static NetWeights extract(SequentialBlock block) {
        List<NetWeights.Layer> layers = new ArrayList<>();
        float[] kernel = null;
        float[] bias = null;
        for (Pair<String, Block> child : block.getChildren()) {
            Block b = child.getValue();
            if (b instanceof Conv2d || b instanceof Linear) {
                if (kernel != null) {
                    layers.add(new NetWeights.Layer(kernel, bias, null));
                }
                kernel = values(b, "weight");
                bias = values(b, "bias");
            } else if (b instanceof BatchNorm) {
                layers.add(new NetWeights.Layer(kernel, bias, new NetWeights.BatchNorm(values(b, "gamma"),
                        values(b, "beta"), values(b, "runningMean"), values(b, "runningVar"))));
                kernel = null;
                bias = null;
            }
        }
        if (kernel != null) {
            layers.add(new NetWeights.Layer(kernel, bias, null));
        }
        return new NetWeights(layers);
    }

    private static float[] values(Block block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                NDArray array = p.getValue().getArray();
                return array.toFloatArray();
            }
        }
        throw new IllegalStateException(block.getClass().getSimpleName() + " has no parameter " + name);
    }
}
