package org.labscale.training.optim;

import org.labscale.shared.job.TrainingPayload.OptimizerSpec;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The DJL optimiser for an {@link OptimizerSpec}, with the payload's L2 penalty as weight decay (the gradient of
 * {@code l2/2 * |w|^2}, applied to every parameter): RMSprop ({@link RmsProp}), SGD with momentum or Adam (DJL's own,
 * which the PyTorch engine supports).
 */
public final class Optimizers {

    private Optimizers() {
    }

    public static Optimizer of(OptimizerSpec spec, double l2) {
        OptimizerSpec s = spec.withDefaults();
        float lr = s.learningRate().floatValue();
        float wd = (float) l2;
        return switch (s.type()) {
            case RMSPROP -> RmsProp.builder().learningRate(lr).rho(s.rho().floatValue())
                    .epsilon(s.epsilon().floatValue()).optWeightDecays(wd).build();
            case SGD -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr))
                    .optMomentum(s.momentum().floatValue()).optWeightDecays(wd).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr))
                    .optBeta1(s.momentum().floatValue()).optBeta2(s.rho().floatValue())
                    .optEpsilon(s.epsilon().floatValue()).optWeightDecays(wd).build();
        };
    }
}
