package org.labscale.convnet.onnx;

import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

/**
 * A plain-Java patch classifier (valid convolutions, 2x2 stride-2 max-pools, dense layers, softmax) for tests: the
 * definition that the dilated ONNX graph must reproduce at every pixel.
 */
final class ReferencePatchClassifier {

    private ReferencePatchClassifier() {
    }

    /** Class probabilities for one patch {@code [channels][side][side]} (side = receptive field). */
    static double[] predict(NetSpec net, NetWeights weights, double[][][] patch) {
        double[][][] x = patch;
        double[] flat = null;
        int p = 0;
        for (LayerSpec layer : net.layers()) {
            if (layer instanceof LayerSpec.Conv c) {
                NetWeights.Layer w = weights.layers().get(p++);
                x = conv(x, w, c.filters(), c.kernel());
                if (c.batchNorm()) {
                    for (int o = 0; o < x.length; o++) {
                        for (double[] row : x[o]) {
                            for (int i = 0; i < row.length; i++) {
                                row[i] = bn(w.batchNorm(), o, row[i]);
                            }
                        }
                    }
                }
                relu(x);
            } else if (layer instanceof LayerSpec.MaxPool) {
                x = pool(x);
            } else if (layer instanceof LayerSpec.Dense d) {
                if (flat == null) {
                    flat = flatten(x);
                }
                flat = dense(flat, weights.layers().get(p++), d.units(), d.batchNorm(), true);
            }
        }
        if (flat == null) {
            flat = flatten(x);
        }
        double[] logits = dense(flat, weights.layers().get(p), weights.layers().get(p).bias().length, false, false);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= sum;
        }
        return logits;
    }

    private static double[][][] conv(double[][][] x, NetWeights.Layer w, int filters, int k) {
        int in = x.length;
        int side = x[0].length - k + 1;
        double[][][] out = new double[filters][side][side];
        for (int o = 0; o < filters; o++) {
            for (int y = 0; y < side; y++) {
                for (int xx = 0; xx < side; xx++) {
                    double s = w.bias()[o];
                    for (int c = 0; c < in; c++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                s += w.kernel()[((o * in + c) * k + ky) * k + kx] * x[c][y + ky][xx + kx];
                            }
                        }
                    }
                    out[o][y][xx] = s;
                }
            }
        }
        return out;
    }

    private static double[][][] pool(double[][][] x) {
        int side = x[0].length / 2;
        double[][][] out = new double[x.length][side][side];
        for (int c = 0; c < x.length; c++) {
            for (int y = 0; y < side; y++) {
                for (int xx = 0; xx < side; xx++) {
                    out[c][y][xx] = Math.max(Math.max(x[c][2 * y][2 * xx], x[c][2 * y][2 * xx + 1]),
                            Math.max(x[c][2 * y + 1][2 * xx], x[c][2 * y + 1][2 * xx + 1]));
                }
            }
        }
        return out;
    }

    private static double[] flatten(double[][][] x) {
        int side = x[0].length;
        double[] out = new double[x.length * side * side];
        int i = 0;
        for (double[][] plane : x) {
            for (double[] row : plane) {
                for (double v : row) {
                    out[i++] = v;
                }
            }
        }
        return out;
    }

    private static double[] dense(double[] x, NetWeights.Layer w, int units, boolean batchNorm, boolean relu) {
        double[] out = new double[units];
        for (int o = 0; o < units; o++) {
            double s = w.bias()[o];
            for (int i = 0; i < x.length; i++) {
                s += w.kernel()[o * x.length + i] * x[i];
            }
            if (batchNorm) {
                s = bn(w.batchNorm(), o, s);
            }
            out[o] = relu ? Math.max(0, s) : s;
        }
        return out;
    }

    private static double bn(NetWeights.BatchNorm bn, int o, double v) {
        return bn.gamma()[o] * (v - bn.runningMean()[o]) / Math.sqrt(bn.runningVar()[o] + NetWeights.BatchNorm.EPSILON)
                + bn.beta()[o];
    }

    private static void relu(double[][][] x) {
        for (double[][] plane : x) {
            for (double[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.max(0, row[i]);
                }
            }
        }
    }
}
