package org.labscale.training.net;

import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * A {@link NetSpec} as the dilated fully convolutional DJL net of Li et al. 2014 ("Highly efficient forward and
 * backward propagation of convolutional neural networks for pixelwise classification": d-regularly sparse kernels),
 * for dense training, without padding: input {@code [batch, channels, rf + k - 1, rf + k - 1]}, output the logits
 * {@code [batch, classes, k, k]}, where output pixel {@code (i, j)} equals the {@link DjlNets} patch classifier's
 * logits for the patch whose top-left corner is input pixel {@code (i, j)}. Every 2x2 stride-2 max-pool becomes a
 * 2x2 stride-1 max-pool with the current dilation and doubles the dilation of every later kernel; the first dense
 * layer is a convolution over the remaining map with that dilation, later ones (and the classifier) 1x1.
 *
 * <p>The parameters come in the same order and, flattened, the same layout as {@link DjlNets}' (a convolution's
 * {@code [out, in, k, k]} kernel flattens as a {@code Linear}'s {@code [out, in * k * k]} weight over a flattened
 * (channel, row, column) map), so {@link DjlWeights#extract} and the ONNX exporter take either block unchanged.
 */
public final class DenseNets {

    private DenseNets() {
    }

    public static SequentialBlock build(NetSpec net, int classes) {
        SequentialBlock block = new SequentialBlock();
        int side = net.receptiveField();
        int dilation = 1;
        boolean sawDense = false;
        for (LayerSpec layer : net.layers()) {
            if (layer instanceof LayerSpec.Conv c) {
                block.add(conv(c.filters(), c.kernel(), dilation));
                if (c.batchNorm()) {
                    block.add(batchNorm());
                }
                block.add(Activation.reluBlock());
                side = side - c.kernel() + 1;
            } else if (layer instanceof LayerSpec.MaxPool) {
                block.add(maxPool(dilation));
                side /= 2;
                dilation *= 2;
            } else if (layer instanceof LayerSpec.Dense d) {
                block.add(sawDense ? conv(d.units(), 1, 1) : conv(d.units(), side, dilation));
                if (d.batchNorm()) {
                    block.add(batchNorm());
                }
                block.add(Activation.reluBlock());
                sawDense = true;
            }
        }
        block.add(sawDense ? conv(classes, 1, 1) : conv(classes, side, dilation));
        return block;
    }

    /**
     * Max over the 2x2 window {@code {0, d} x {0, d}} with stride 1: the maximum of the map and its shifts by
     * {@code d} along rows, columns and both (DJL's pooling has no dilation; slicing keeps autograd).
     */
    static LambdaBlock maxPool(int d) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            NDArray rows = x.get(new NDIndex(":, :, 0:{}, :", h - d))
                    .maximum(x.get(new NDIndex(":, :, {}:, :", d)));
            return new NDList(rows.get(new NDIndex(":, :, :, 0:{}", w - d))
                    .maximum(rows.get(new NDIndex(":, :, :, {}:", d))));
        }, "dilatedMaxPool" + d);
    }

    private static Conv2d conv(int filters, int kernel, int dilation) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optDilation(new Shape(dilation, dilation)).optBias(true).build();
    }

    private static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(NetWeights.BatchNorm.EPSILON).build();
    }
}
