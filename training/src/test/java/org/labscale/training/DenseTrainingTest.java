package org.labscale.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.data.TrainingImage;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;

/** Dense (fully convolutional) training learns the discs as well as patch training does. */
class DenseTrainingTest {

    @Test
    void denseTrainingReachesPatchTrainingsBalancedAccuracy() throws TrainingException {
        List<TrainingImage> discs = SyntheticDiscs.trainingImages(2, 96, 15, 15, 5);
        double patch = balancedAccuracy(TestPayloads.tiny(8000, 3, null, 1), discs);
        double dense = balancedAccuracy(TestPayloads.tiny(8000, 3, null, 1).withSampling("dense"), discs);
        System.out.printf("balanced validation accuracy: patch %.3f, dense %.3f%n", patch, dense);
        // Same budget (3 x 8,000 patch-equivalents, batch 32): measured patch 0.871, dense 0.863.
        assertTrue(dense > 0.8, "dense " + dense + ", patch " + patch);
        assertTrue(dense > patch - 0.05, "dense " + dense + ", patch " + patch);
    }

    @Test
    void denseWeightsPredictPatchesAndCountPatchEquivalents() throws TrainingException {
        List<TrainingImage> discs = SyntheticDiscs.trainingImages(2, 96, 15, 15, 5);
        TrainingPayload p = TestPayloads.tiny(500, 1, null, 2).withSampling("dense");
        int[] steps = new int[1];
        try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
            trainer.train(discs, new ProgressListener() {
                @Override
                public void epoch(EpochMetrics metrics) {
                }

                @Override
                public void step(int member, int epoch, int step, int total) {
                    steps[0] = step;
                }
            }, () -> false);
            // 500 patch-equivalents at about 32 per crop (the batch size): about 16 steps.
            assertTrue(steps[0] >= 8 && steps[0] <= 32, "steps " + steps[0]);
            assertEquals(TestPayloads.TINY.layers().size() - 1, trainer.weights().layers().size());
        }
    }

    @Test
    void bacteriaNetTrainsDenselyByDefaultEvenOnImagesSmallerThanItsCrops() throws TrainingException {
        // bacteria-net's defaults (dense, batch 1,024: 128 masked pixels a crop) on 48 x 48 images: crops reach past
        // the image, reflected as the exported graph pads, and output pixels outside it get no loss.
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "bacteria",
                "bacteria-net", null, null, null, null, null, null, 2_000, 1, null, null, null, 0.2, 1, 3L, null,
                null).withDefaults();
        assertTrue(p.denseSampling());
        assertEquals(1024, p.batchSize());
        List<TrainingImage> small = SyntheticDiscs.trainingImages(3, 48, 31, 31, 4);
        try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
            List<EpochMetrics> curve = trainer.train(small, ProgressListener.NONE, () -> false);
            assertEquals(1, curve.size());
            assertTrue(Double.isFinite(curve.get(0).validationLoss()), curve.toString());
            assertTrue(trainer.patchesTrained() >= 1_000, "patch-equivalents: " + trainer.patchesTrained());
        }
    }

    @Test
    void samplingTravelsAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrainingPayload dense = TestPayloads.tiny(500, 1, null, 2).withSampling("dense");
        assertEquals(dense, json.readValue(json.writeValueAsString(dense), TrainingPayload.class));
        TrainingPayload old = json.readValue("{\"trainingSets\":[],\"preset\":\"nuclear-net\"}",
                TrainingPayload.class);
        assertEquals(null, old.sampling());
        assertEquals("patch", old.withDefaults().sampling());
        TrainingPayload bacteria = json.readValue("{\"trainingSets\":[],\"preset\":\"bacteria-net\"}",
                TrainingPayload.class);
        assertEquals("dense", bacteria.withDefaults().sampling(), "the preset's own default");
    }

    private static double balancedAccuracy(TrainingPayload p, List<TrainingImage> discs) throws TrainingException {
        try (MemberTrainer trainer = new MemberTrainer(p, 0, Device.cpu())) {
            List<EpochMetrics> curve = trainer.train(discs, ProgressListener.NONE, () -> false);
            System.out.println(p.sampling() + ": " + curve);
            return curve.get(trainer.bestEpoch() - 1).perClassAccuracy().stream().mapToDouble(Double::doubleValue)
                    .average().orElseThrow();
        }
    }
}
