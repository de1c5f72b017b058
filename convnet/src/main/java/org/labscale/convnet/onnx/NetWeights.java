package org.labscale.convnet.onnx;

import java.util.List;

/**
 * The trained parameters of a {@link org.labscale.shared.net.NetSpec}, as plain arrays, in layer order: one
 * {@link Layer} per convolution and dense layer, then one for the implied classifier (dense to the classes). Max-pools
 * have none. Shapes (row-major):
 * <ul>
 *   <li>convolution: kernel {@code [filters, inChannels, k, k]}, bias {@code [filters]};</li>
 *   <li>first dense layer (or the classifier when there is no dense layer): kernel {@code [units, inChannels * s * s]}
 *       over the flattened (channel, row, column) map of side {@code s}, which is also {@code [units, inChannels, s,
 *       s]};</li>
 *   <li>later dense layers: {@code [units, inUnits]}.</li>
 * </ul>
 *
 * @param layers parameterised layers in order, classifier last
 */
public record NetWeights(List<Layer> layers) {

    public NetWeights {
        layers = List.copyOf(layers);
    }

    /**
     * One convolution or dense layer.
     *
     * @param kernel    weights, shape as on {@link NetWeights}
     * @param bias      one per output
     * @param batchNorm the following batch normalisation, or null
     */
    public record Layer(float[] kernel, float[] bias, BatchNorm batchNorm) {
    }

    /**
     * Inference-time batch normalisation: {@code gamma * (x - runningMean) / sqrt(runningVar + epsilon) + beta}, with
     * epsilon {@link #EPSILON}.
     */
    public record BatchNorm(float[] gamma, float[] beta, float[] runningMean, float[] runningVar) {

        /** The epsilon used in training and written into the ONNX node. */
        public static final float EPSILON = 1e-5f;
    }
}
