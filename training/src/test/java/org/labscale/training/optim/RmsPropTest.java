package org.labscale.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

class RmsPropTest {

    @Test
    void followsTheRmsPropUpdateWithWeightDecay() {
        float lr = 0.01f;
        float rho = 0.9f;
        float eps = 1e-7f;
        float wd = 0.1f;
        RmsProp optimizer = RmsProp.builder().learningRate(lr).rho(rho).epsilon(eps).optWeightDecays(wd).build();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray weight = manager.create(new float[] {1f, -2f, 0.5f});
            float[] w = {1f, -2f, 0.5f};
            float[] s = new float[3];
            float[][] grads = {{0.5f, 0.1f, -1f}, {0.2f, -0.3f, 0f}};
            for (float[] g : grads) {
                optimizer.update("p", weight, manager.create(g));
                for (int i = 0; i < 3; i++) {
                    float gi = g[i] + wd * w[i];
                    s[i] = rho * s[i] + (1 - rho) * gi * gi;
                    w[i] -= lr * gi / ((float) Math.sqrt(s[i]) + eps);
                }
                assertArrayEquals(w, weight.toFloatArray(), 1e-6f);
            }
        }
    }
}
