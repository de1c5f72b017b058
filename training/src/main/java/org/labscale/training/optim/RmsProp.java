package org.labscale.training.optim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;

/**
 * RMSprop (Tieleman and Hinton, "Lecture 6.5: divide the gradient by a running average of its recent magnitude",
 * COURSERA: Neural Networks for Machine Learning, 2012), the optimiser of Van Valen et al. 2016, written with NDArray
 * operations because DJL's PyTorch engine throws for its built-in RMSprop. For each parameter {@code w} with gradient
 * {@code g}: {@code g += weightDecay * w} (the L2 penalty), {@code s = rho * s + (1 - rho) * g^2},
 * {@code w -= learningRate * g / (sqrt(s) + epsilon)}; {@code s} starts at zero. No momentum, not centred (as
 * Keras's default, which the paper's code used). Temporaries live in an {@link NDScope} so memory stays flat.
 */
public final class RmsProp extends Optimizer {

    private final float learningRate;
    private final float rho;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> meanSquares = new ConcurrentHashMap<>();

    private RmsProp(Builder builder) {
        super(builder);
        this.learningRate = builder.learningRate;
        this.rho = builder.rho;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        updateCount(parameterId);
        NDArray state = withDefaultState(meanSquares, parameterId, weight.getDevice(), k -> {
            NDArray zeros = weight.zerosLike();
            NDScope.unregister(zeros);
            return zeros;
        });
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // In place on the gradient (DJL zeroes it before the next backward pass): 9 native operations per
            // parameter and 1-2 temporaries instead of 11 operations and 8 temporaries.
            NDArray g = grad;
            if (rescaleGrad != 1f) {
                g.muli(rescaleGrad);
            }
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            float wd = getWeightDecay();
            if (wd > 0) {
                g.addi(weight.mul(wd));
            }
            state.muli(rho).addi(g.square().muli(1 - rho));
            weight.subi(g.divi(state.sqrt().addi(epsilon)).muli(learningRate));
        }
    }

    /** Settings of {@link RmsProp}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float learningRate = 1e-3f;
        private float rho = 0.9f;
        private float epsilon = 1e-7f;

        public Builder learningRate(float value) {
            learningRate = value;
            return this;
        }

        public Builder rho(float value) {
            rho = value;
            return this;
        }

        public Builder epsilon(float value) {
            epsilon = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public RmsProp build() {
            return new RmsProp(this);
        }
    }
}
