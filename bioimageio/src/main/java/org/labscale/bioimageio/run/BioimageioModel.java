package org.labscale.bioimageio.run;

import java.util.List;

import org.labscale.bioimageio.npy.Npy;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.imaging.FloatPlane;

/**
 * An imported bioimage.io model in ONNX Runtime, run as its {@link RunSpec} says: the package's own test tensor as
 * one piece ({@link #runTestTensor}), or a whole image of any size in tiles ({@link #predict}). The preprocessing's
 * statistics are the whole image's; tiles overlap by the output's halo on every side and keep only their centre;
 * image borders reflect.
 */
public final class BioimageioModel implements AutoCloseable {

    /** The largest tile side chosen for sizes the graph leaves free. */
    public static final int MAX_TILE = 512;

    private final GraphRunner runner;
    private final RunSpec spec;

    public BioimageioModel(byte[] weights, RunSpec spec, int threads) throws GraphRunner.GraphException {
        this.runner = new GraphRunner(weights, threads);
        this.spec = spec;
    }

    public RunSpec spec() {
        return spec;
    }

    /** Pre-processes, runs and post-processes one tensor in the package's own layout (its test input). */
    public Npy.Tensor runTestTensor(Npy.Tensor input) throws GraphRunner.GraphException {
        TensorLayout in = layout(spec.inputAxes(), input.shape());
        float[][] planes = in.unpack(input.data());
        Processing.apply(spec.preprocessing(), planes);
        Npy.Tensor raw = runner.run(new Npy.Tensor(input.shape(), in.pack(planes)));
        TensorLayout out = layout(spec.outputAxes(), raw.shape());
        float[][] outPlanes = out.unpack(raw.data());
        Processing.apply(spec.postprocessing(), outPlanes);
        return new Npy.Tensor(raw.shape(), out.pack(outPlanes));
    }

    /**
     * The output planes {@code [class][y * width + x]} for an image given as its input channels in the model's
     * order (raw intensities).
     */
    public float[][] predict(List<FloatPlane> channels) throws GraphRunner.GraphException {
        int w = channels.get(0).width();
        int h = channels.get(0).height();
        float[][] planes = new float[channels.size()][];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = channels.get(c).pixels().clone();
        }
        Processing.apply(spec.preprocessing(), planes);
        int halo = spec.halo();
        int tileH = tileSize(h);
        int tileW = tileSize(w);
        int coreH = tileH - 2 * halo;
        int coreW = tileW - 2 * halo;
        TensorLayout in = new TensorLayout(spec.inputAxes(), planes.length, tileH, tileW);
        float[][] out = new float[spec.classes().size()][w * h];
        float[][] tile = new float[planes.length][tileH * tileW];
        for (int y0 = 0; y0 < h; y0 += coreH) {
            for (int x0 = 0; x0 < w; x0 += coreW) {
                for (int c = 0; c < planes.length; c++) {
                    for (int j = 0; j < tileH; j++) {
                        int sy = LocalMeanNormalizer.reflect(y0 - halo + j, h);
                        for (int i = 0; i < tileW; i++) {
                            tile[c][j * tileW + i] = planes[c][sy * w + LocalMeanNormalizer.reflect(x0 - halo + i, w)];
                        }
                    }
                }
                Npy.Tensor result = runner.run(new Npy.Tensor(in.shape(), in.pack(tile)));
                TensorLayout outLayout = layout(spec.outputAxes(), result.shape());
                if (outLayout.height() != tileH || outLayout.width() != tileW) {
                    throw new GraphRunner.GraphException("the model answered a " + outLayout.width() + " x "
                            + outLayout.height() + " output for a " + tileW + " x " + tileH + " tile", null);
                }
                float[][] probabilities = outLayout.unpack(result.data());
                Processing.apply(spec.postprocessing(), probabilities);
                for (int k = 0; k < out.length; k++) {
                    for (int j = 0; j < Math.min(coreH, h - y0); j++) {
                        System.arraycopy(probabilities[k], (halo + j) * tileW + halo, out[k], (y0 + j) * w + x0,
                                Math.min(coreW, w - x0));
                    }
                }
            }
        }
        return out;
    }

    /** The tile side for an image side: the fixed size, or the smallest valid size covering it (at most ~512). */
    int tileSize(int side) {
        if (spec.step() == 0) {
            return spec.minSize();
        }
        int target = Math.min(side + 2 * spec.halo(), MAX_TILE);
        int n = Math.max(0, (target - spec.minSize() + spec.step() - 1) / spec.step());
        return spec.minSize() + n * spec.step();
    }

    /** The layout of a tensor of {@code shape} whose axes are {@code axes}. */
    static TensorLayout layout(List<String> axes, long[] shape) {
        int c = axes.indexOf("channel");
        return new TensorLayout(axes, c < 0 ? 1 : (int) shape[c], (int) shape[axes.indexOf("y")],
                (int) shape[axes.indexOf("x")]);
    }

    @Override
    public void close() {
        runner.close();
    }
}
