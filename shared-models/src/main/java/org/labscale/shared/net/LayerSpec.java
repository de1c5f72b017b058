package org.labscale.shared.net;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One layer of a patch classifier (Van Valen et al. 2016): a valid convolution, a 2x2 max-pool of stride 2, or a
 * fully connected layer. Convolutions and dense layers are followed by optional batch normalisation and a ReLU. On the
 * wire: {@code {"type":"conv","filters":64,"kernel":3,"batchNorm":true}}, {@code {"type":"maxpool"}},
 * {@code {"type":"dense","units":200,"batchNorm":true}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayerSpec.Conv.class, name = "conv"),
        @JsonSubTypes.Type(value = LayerSpec.MaxPool.class, name = "maxpool"),
        @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense")})
public sealed interface LayerSpec {

    /**
     * A square valid (unpadded) convolution, stride 1, with bias, then batch normalisation when asked, then ReLU.
     *
     * @param filters output channels, 1 to 4096
     * @param kernel  side of the square kernel, 1 to 15 (the paper uses 3 to 5)
     */
    record Conv(int filters, int kernel, boolean batchNorm) implements LayerSpec {
    }

    /** A 2x2 max-pool with stride 2 (stride 1 with doubled dilations in the fully convolutional export). */
    record MaxPool() implements LayerSpec {
    }

    /**
     * A fully connected layer with bias, then batch normalisation when asked, then ReLU. The first dense layer sees the
     * whole remaining feature map (flattened channel, row, column); in the fully convolutional export it is a
     * convolution with that map's size.
     *
     * @param units outputs, 1 to 4096
     */
    record Dense(int units, boolean batchNorm) implements LayerSpec {
    }
}
