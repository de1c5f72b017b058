package org.labscale.training.bench;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.shared.job.TrainingPayload.OptimizerSpec;
import org.labscale.shared.net.NetPreset;
import org.labscale.shared.net.NetPresets;
import org.labscale.training.SyntheticDiscs;
import org.labscale.training.data.PatchExtractor;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.net.DjlNets;
import org.labscale.training.optim.Optimizers;
import org.labscale.shared.net.Normalization;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/**
 * Where a training step's time goes (the loop of {@code MemberTrainer}, stage by stage): cutting and augmenting the
 * batch's patches, creating the input NDArrays, forward + loss + backward, and the optimiser step. Run:
 * {@code -Dtest=TrainingStepProfile -Dbench.presets=bacteria-net -Dbench.batches=64,256 -Dbench.optimizer=RMSPROP}.
 */
@Tag("benchmark")
class TrainingStepProfile {

    @Test
    void secondsPerStage() throws Exception {
        String optimizer = System.getProperty("bench.optimizer", "RMSPROP");
        int steps = Integer.getInteger("bench.steps", 100);
        for (String name : System.getProperty("bench.presets", "bacteria-net,bacteria-net-fast").split(",")) {
            NetPreset preset = NetPresets.find(name).orElseThrow();
            int rf = preset.net().receptiveField();
            SyntheticDiscs.Image disc = SyntheticDiscs.image(256, 256, 200, 100);
            TrainingImage image = new TrainingImageLoader(rf, 3, Normalization.standard(rf)).fromPlanes("p",
                    List.<FloatPlane>of(disc.plane()), disc.classMap());
            PatchExtractor patches = new PatchExtractor(List.of(image), rf);
            for (String b : System.getProperty("bench.batches", "64,128,256").split(",")) {
                int batch = Integer.parseInt(b.trim());
                profile(preset, patches, batch, steps, optimizer);
            }
        }
    }

    private static void profile(NetPreset preset, PatchExtractor patches, int batch, int steps, String optimizer) {
        int rf = preset.net().receptiveField();
        try (Model model = Model.newInstance("profile")) {
            model.setBlock(DjlNets.build(preset.net(), 3));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(
                    Optimizers.of(new OptimizerSpec(OptimizerSpec.Type.valueOf(optimizer), null, null, null, null),
                            1e-5));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, 1, rf, rf));
                ai.djl.pytorch.jni.JniUtils.setGradMode(false);
                float[] x = new float[batch * patches.patchSize()];
                float[] y = new float[batch];
                SplittableRandom random = new SplittableRandom(1);
                long[] t = new long[4];
                int pixels = 256 * 256;
                for (int s = -5; s < steps; s++) {
                    long a = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        int id = random.nextInt(pixels);
                        patches.extract(id, random.nextInt(4), random.nextBoolean(), x, i * patches.patchSize());
                        y[i] = patches.classOf(id);
                    }
                    long c = System.nanoTime();
                    long d;
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray xs = trainer.getManager().create(FloatBuffer.wrap(x), new Shape(batch, 1, rf, rf));
                        NDArray ys = trainer.getManager().create(FloatBuffer.wrap(y), new Shape(batch));
                        d = System.nanoTime();
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
                            NDArray l = trainer.getLoss().evaluate(new NDList(ys), new NDList(logits));
                            collector.backward(l);
                            l.getFloat();
                        }
                    }
                    long e = System.nanoTime();
                    trainer.step();
                    long f = System.nanoTime();
                    if (s >= 0) {
                        t[0] += c - a;
                        t[1] += d - c;
                        t[2] += e - d;
                        t[3] += f - e;
                    }
                }
                double total = (t[0] + t[1] + t[2] + t[3]) / 1e9;
                System.out.printf("%-18s batch %4d %s: %.0f patches/s; ms per step: patches %.2f, NDArrays %.2f,"
                        + " forward+backward %.2f, optimiser %.2f%n", preset.name(), batch, optimizer,
                        steps * (double) batch / total, t[0] / 1e6 / steps, t[1] / 1e6 / steps, t[2] / 1e6 / steps,
                        t[3] / 1e6 / steps);
            }
        }
    }
}
