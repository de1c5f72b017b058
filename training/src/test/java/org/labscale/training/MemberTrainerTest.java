package org.labscale.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labscale.convnet.onnx.NetWeights;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingPayload.OptimizerSpec;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.shared.net.Normalization;

import ai.djl.Device;

class MemberTrainerTest {

    private static List<TrainingImage> discs;

    @BeforeAll
    static void images() throws TrainingException {
        discs = SyntheticDiscs.trainingImages(2, 96, 15, 15, 5);
    }

    @Test
    void learnsDiscsWithRmsProp() throws TrainingException {
        TrainingPayload p = TestPayloads.tiny(3000, 3, null, 1);
        List<EpochMetrics> seen = new ArrayList<>();
        try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
            List<EpochMetrics> curve = trainer.train(discs, seen::add, () -> false);
            assertEquals(curve, seen);
            assertEquals(3, curve.size());
            EpochMetrics last = curve.get(2);
            assertTrue(last.trainLoss() < curve.get(0).trainLoss() || last.trainLoss() < 0.5, curve.toString());
            for (int k = 0; k < 3; k++) {
                assertTrue(last.perClassAccuracy().get(k) > 0.75, "class " + k + ": " + curve);
            }
            assertTrue(last.validationLoss() < Math.log(3), curve.toString());
        }
    }

    @Test
    void sgdAndAdamTrainToo() throws TrainingException {
        for (OptimizerSpec.Type type : List.of(OptimizerSpec.Type.SGD, OptimizerSpec.Type.ADAM)) {
            TrainingPayload p = TestPayloads.tiny(3000, 2, new OptimizerSpec(type, null, null, null, null), 1);
            try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
                List<EpochMetrics> curve = trainer.train(discs, ProgressListener.NONE, () -> false);
                double mean = curve.get(1).perClassAccuracy().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow();
                assertTrue(mean > 0.7, type + ": " + curve);
            }
        }
    }

    @Test
    void trainsOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        trainOnce(TestPayloads.tiny(200, 1, null, 3), 0); // loads the engine on this thread
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                trainOnce(TestPayloads.tiny(200, 1, null, 3), 0);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertNull(failure.get(), () -> "a second thread (as a worker's next job) failed: " + failure.get());
    }

    @Test
    void theSameSeedGivesTheSameWeightsOnCpu() throws TrainingException {
        TrainingPayload p = TestPayloads.tiny(600, 1, null, 42);
        NetWeights a = trainOnce(p, 0);
        NetWeights b = trainOnce(p, 0);
        NetWeights other = trainOnce(p, 1);
        for (int i = 0; i < a.layers().size(); i++) {
            assertArrayEquals(a.layers().get(i).kernel(), b.layers().get(i).kernel(), 0f, "layer " + i);
            assertArrayEquals(a.layers().get(i).bias(), b.layers().get(i).bias(), 0f, "layer " + i);
        }
        assertFalse(Arrays.equals(a.layers().get(0).kernel(), other.layers().get(0).kernel()),
                "member 1 trains with another seed");
    }

    @Test
    void keepsTheWeightsOfTheEpochWithTheLowestValidationLoss() throws TrainingException {
        // A high learning rate makes the validation loss go up and down; find a seed whose best epoch is not the last.
        OptimizerSpec fast = new OptimizerSpec(OptimizerSpec.Type.RMSPROP, 0.05, null, null, null);
        for (long seed = 1; seed <= 12; seed++) {
            TrainingPayload p = TestPayloads.tiny(300, 4, fast, seed);
            NetWeights kept;
            int best;
            try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
                List<EpochMetrics> curve = trainer.train(discs, ProgressListener.NONE, () -> false);
                best = 1;
                for (int e = 2; e <= curve.size(); e++) {
                    if (curve.get(e - 1).validationLoss() < curve.get(best - 1).validationLoss()) {
                        best = e;
                    }
                }
                assertEquals(best, trainer.bestEpoch(), curve.toString());
                kept = trainer.weights();
            }
            if (best == 4) {
                continue;
            }
            // The same seed trained for just `best` epochs ends where the longer run was then (same draws on CPU).
            NetWeights then = trainOnce(TestPayloads.tiny(300, best, fast, seed), 0);
            for (int i = 0; i < kept.layers().size(); i++) {
                assertArrayEquals(then.layers().get(i).kernel(), kept.layers().get(i).kernel(), 0f, "layer " + i);
                if (then.layers().get(i).batchNorm() != null) {
                    assertArrayEquals(then.layers().get(i).batchNorm().runningMean(),
                            kept.layers().get(i).batchNorm().runningMean(), 0f, "running mean, layer " + i);
                }
            }
            return;
        }
        throw new AssertionError("no seed in 1..12 had its lowest validation loss before the last epoch");
    }

    private static NetWeights trainOnce(TrainingPayload p, int member) throws TrainingException {
        try (MemberTrainer trainer = new MemberTrainer(p, member, Device.cpu())) {
            trainer.train(discs, ProgressListener.NONE, () -> false);
            return trainer.weights();
        }
    }

    @Test
    void stopsBetweenStepsWhenCancelled() {
        AtomicInteger steps = new AtomicInteger();
        TrainingPayload p = TestPayloads.tiny(3000, 5, null, 1);
        try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
            TrainingException e = assertThrows(TrainingException.class, () -> trainer.train(discs,
                    new ProgressListener() {
                        @Override
                        public void epoch(EpochMetrics metrics) {
                        }

                        @Override
                        public void step(int member, int epoch, int step, int total) {
                            steps.incrementAndGet();
                        }
                    }, () -> steps.get() >= 3));
            assertEquals("training.cancelled", e.code());
            assertEquals(3, steps.get());
        }
    }

    @Test
    void aLossThatBecomesNaNFailsWithAReason() throws TrainingException {
        SyntheticDiscs.Image image = SyntheticDiscs.image(64, 64, 12, 3);
        float[] pixels = image.plane().pixels().clone();
        Arrays.fill(pixels, 0, 64 * 20, Float.NaN); // a float TIFF with missing values: the top third is NaN
        TrainingImage bad = new TrainingImageLoader(15, 3, Normalization.standard(15)).fromPlanes("nan.tif",
                List.of(new FloatPlane(64, 64, pixels)), image.classMap());
        try (MemberTrainer trainer = new MemberTrainer(TestPayloads.tiny(3000, 1, null, 1), 0, Device.cpu())) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> trainer.train(List.of(bad), ProgressListener.NONE, () -> false));
            assertEquals("training.loss-not-finite", e.code());
            assertTrue(e.getMessage().contains("became NaN in epoch 1"), e.getMessage());
        }
    }

    @Test
    void refusesImagesSmallerThanTheReceptiveField() {
        TrainingException e = assertThrows(TrainingException.class, () -> new TrainingImageLoader(61, 3,
                Normalization.standard(61)).fromPlanes("small.png", List.of(new FloatPlane(40, 80, new float[40 * 80])),
                        LabelImage.of(40, 80, new int[40 * 80])));
        assertEquals("training.image-too-small", e.code());
        assertEquals("Image small.png is 40x80 px, smaller than the net's 61x61 px receptive field; use larger"
                + " images or a net with a smaller receptive field.", e.getMessage());
    }

    @Test
    void refusesAClassMapValueThePayloadDoesNotName() {
        int[] labels = new int[20 * 20];
        labels[45] = 3;
        TrainingException e = assertThrows(TrainingException.class, () -> new TrainingImageLoader(15, 3,
                Normalization.standard(15)).fromPlanes("a.png", List.of(new FloatPlane(20, 20, new float[400])), LabelImage.of(20, 20, labels)));
        assertEquals("training.labels-mismatch", e.code());
        assertTrue(e.getMessage().contains("has class 3 at x=5, y=2"), e.getMessage());
    }
}
