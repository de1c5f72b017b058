package org.labscale.convnet.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;

/**
 * Untrained models for tests of inference code: He-initialised weights and batch-norm statistics drawn from a seed,
 * exported like a trained member. Their probabilities are arbitrary but deterministic and vary from pixel to pixel.
 */
public final class OnnxModels {

    private OnnxModels() {
    }

    /** Random weights shaped for {@code net} with {@code channels} inputs and {@code classes} outputs. */
    public static NetWeights randomWeights(NetSpec net, int channels, int classes, long seed) {
        net.validate(channels, classes);
        SplittableRandom random = new SplittableRandom(seed);
        List<NetWeights.Layer> layers = new ArrayList<>();
        int side = net.receptiveField();
        int in = channels;
        boolean sawDense = false;
        for (LayerSpec layer : net.layers()) {
            if (layer instanceof LayerSpec.Conv c) {
                layers.add(layer(random, c.filters(), in * c.kernel() * c.kernel(), c.batchNorm()));
                side = side - c.kernel() + 1;
                in = c.filters();
            } else if (layer instanceof LayerSpec.MaxPool) {
                side /= 2;
            } else if (layer instanceof LayerSpec.Dense d) {
                layers.add(layer(random, d.units(), sawDense ? in : in * side * side, d.batchNorm()));
                sawDense = true;
                in = d.units();
            }
        }
        layers.add(layer(random, classes, sawDense ? in : in * side * side, false));
        return new NetWeights(layers);
    }

    /** A serialised random model with Labscale metadata (provenance {@code {"random": seed}}). */
    public static byte[] randomModel(NetSpec net, List<String> channels, List<String> classes, long seed) {
        ModelMetadata metadata = new ModelMetadata(net.receptiveField(), channels, classes,
                Normalization.paper(net.receptiveField()), net, Map.of("random", seed));
        return new DilatedNetExporter().export(metadata,
                randomWeights(net, channels.size(), classes.size(), seed));
    }

    private static NetWeights.Layer layer(SplittableRandom random, int out, int fanIn, boolean batchNorm) {
        float[] kernel = new float[out * fanIn];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (gaussian(random) * scale);
        }
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
            bias[i] = (float) (0.1 * gaussian(random));
        }
        NetWeights.BatchNorm bn = null;
        if (batchNorm) {
            float[] gamma = new float[out];
            float[] beta = new float[out];
            float[] mean = new float[out];
            float[] var = new float[out];
            for (int i = 0; i < out; i++) {
                gamma[i] = (float) (1 + 0.1 * gaussian(random));
                beta[i] = (float) (0.1 * gaussian(random));
                mean[i] = (float) (0.1 * gaussian(random));
                var[i] = (float) (0.5 + random.nextDouble());
            }
            bn = new NetWeights.BatchNorm(gamma, beta, mean, var);
        }
        return new NetWeights.Layer(kernel, bias, bn);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
