package org.labscale.training.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.labscale.convnet.onnx.NetWeights;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.NetSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

/** The dilated dense net predicts, at every output pixel, what the patch net predicts for the patch around it. */
class DenseNetsTest {

    private static final NetSpec TINY = new NetSpec("tiny", 15, List.of(new LayerSpec.Conv(8, 4, true),
            new LayerSpec.MaxPool(), new LayerSpec.Conv(16, 3, true), new LayerSpec.MaxPool(),
            new LayerSpec.Dense(32, true), new LayerSpec.Dense(16, false)));

    @Test
    void everyOutputPixelEqualsThePatchNetOnThePatchAroundIt() {
        check(TINY, 2, 3, 7, 1);
        check(NetPresets.find("bacteria-net").orElseThrow().net(), 1, 3, 6, 2);
        check(NetPresets.find("bacteria-net-fast").orElseThrow().net(), 1, 3, 5, 3);
    }

    private static void check(NetSpec net, int channels, int classes, int k, long seed) {
        int rf = net.receptiveField();
        int side = rf + k - 1;
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock patch = DjlNets.build(net, classes);
            SequentialBlock dense = DenseNets.build(net, classes);
            patch.initialize(manager, DataType.FLOAT32, new Shape(1, channels, rf, rf));
            dense.initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
            Random random = new Random(seed);
            ParameterList from = patch.getParameters();
            ParameterList to = dense.getParameters();
            assertEquals(from.size(), to.size());
            for (int i = 0; i < from.size(); i++) {
                NDArray a = from.get(i).getValue().getArray();
                NDArray b = to.get(i).getValue().getArray();
                assertEquals(a.size(), b.size(), from.get(i).getKey());
                float[] values = new float[(int) a.size()];
                String name = from.get(i).getKey();
                // He-scaled weights keep the logits of order 1, where float32 agrees to ~1e-6.
                double std = name.endsWith("weight") ? Math.sqrt(2.0 * a.getShape().get(0) / a.size()) : 0.3;
                for (int v = 0; v < values.length; v++) {
                    values[v] = name.contains("Var") || name.contains("gamma")
                            ? 0.5f + random.nextFloat() : (float) (random.nextGaussian() * std);
                }
                a.set(FloatBuffer.wrap(values));
                b.set(FloatBuffer.wrap(values));
            }
            // The same weights for the exporter from either block.
            NetWeights pw = DjlWeights.extract(patch);
            NetWeights dw = DjlWeights.extract(dense);
            assertEquals(pw.layers().size(), dw.layers().size());
            for (int l = 0; l < pw.layers().size(); l++) {
                assertArrayEquals(pw.layers().get(l).kernel(), dw.layers().get(l).kernel());
            }

            float[] input = new float[channels * side * side];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextGaussian();
            }
            NDArray x = manager.create(input, new Shape(1, channels, side, side));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray out = dense.forward(store, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(1, classes, k, k), out.getShape());
            float[] d = out.toFloatArray();
            NDArray patches = manager.create(new Shape(0, channels, rf, rf));
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    patches = patches.concat(x.get(new NDIndex(":, :, {}:{}, {}:{}", i, i + rf, j, j + rf)));
                }
            }
            float[] p = patch.forward(store, new NDList(patches), false).singletonOrThrow().toFloatArray();
            double max = 0;
            double scale = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < classes; c++) {
                        double diff = Math.abs(d[(c * k + i) * k + j] - p[(i * k + j) * classes + c]);
                        max = Math.max(max, diff);
                        scale = Math.max(scale, Math.abs(p[(i * k + j) * classes + c]));
                    }
                }
            }
            assertTrue(scale > 0.1, net.name() + ": logits too small to test anything: " + scale);
            assertTrue(max < 1e-4, net.name() + ": max difference " + max + " for logits up to " + scale);
            System.out.printf("%s: %d x %d pixels, max |logit| %.3f, max difference %.2e%n", net.name(), k, k, scale,
                    max);
        }
    }
}
