package org.labscale.training.net;

import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A {@link NetSpec} as a DJL patch classifier: input {@code [batch, channels, rf, rf]}, output the logits
 * {@code [batch, classes]} (softmax is in the loss, and in the exported graph). Convolutions are valid with bias,
 * followed by batch normalisation (epsilon {@link NetWeights.BatchNorm#EPSILON}, as in the export) when asked and a
 * ReLU; max-pools are 2x2 stride 2; the first dense layer flattens (channel, row, column) and is a {@link Linear}.
 */
public final class DjlNets {

    private DjlNets() {
    }

    public static SequentialBlock build(NetSpec net, int classes) {
        SequentialBlock block = new SequentialBlock();
        boolean flat = false;
        for (LayerSpec layer : net.layers()) {
            if (layer instanceof LayerSpec.Conv c) {
                block.add(Conv2d.builder().setKernelShape(new Shape(c.kernel(), c.kernel())).setFilters(c.filters())
                        .optBias(true).build());
                if (c.batchNorm()) {
                    block.add(batchNorm());
                }
                block.add(Activation.reluBlock());
            } else if (layer instanceof LayerSpec.MaxPool) {
                block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            } else if (layer instanceof LayerSpec.Dense d) {
                if (!flat) {
                    block.add(Blocks.batchFlattenBlock());
                    flat = true;
                }
                block.add(Linear.builder().setUnits(d.units()).optBias(true).build());
                if (d.batchNorm()) {
                    block.add(batchNorm());
                }
                block.add(Activation.reluBlock());
            }
        }
        if (!flat) {
            block.add(Blocks.batchFlattenBlock());
        }
        block.add(Linear.builder().setUnits(classes).optBias(true).build());
        return block;
    }

    private static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(NetWeights.BatchNorm.EPSILON).build();
    }
}
