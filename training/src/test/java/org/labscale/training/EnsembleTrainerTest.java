package org.labscale.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.validate.PostProcessingSelection;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;

class EnsembleTrainerTest {

    @Test
    void trainsEveryMemberAndWritesACardThatAgreesWithTheModels() throws Exception {
        UUID set = UUID.randomUUID();
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(set, 3)), "discs", null, TestPayloads.TINY,
                null, null, null, null, null, 600, 2, 32, null, null, 0.2, 2, 10L, "synthetic discs", "CC-BY-4.0")
                .withDefaults();
        TrainingProvenance provenance = new TrainingProvenance("job-9",
                List.of(new ModelCard.TrainingData(set, 3, "sha-xyz")), "deadbeef");
        EnsembleTrainer.Result result = new EnsembleTrainer(provenance, Device.cpu()).train(p,
                SyntheticDiscs.trainingImages(2, 64, 15, 15, 1), List.of("alice@lab.org"), ProgressListener.NONE,
                () -> false);

        assertEquals(2, result.members().size());
        assertNotEquals(java.util.Arrays.hashCode(result.members().get(0)),
                java.util.Arrays.hashCode(result.members().get(1)));
        ModelCard card = result.card();
        assertEquals(ModelCard.SEMANTIC_SEGMENTATION, card.task());
        assertEquals(2, card.ensembleSize());
        assertEquals(4, card.trainingCurves().size(), "2 members x 2 epochs");
        assertEquals(List.of(0, 0, 1, 1), card.trainingCurves().stream().map(ModelCard.EpochMetrics::member).toList());
        assertTrue(card.validationMetrics().get("balancedPixelAccuracy") > 0.34);
        double diameter = card.validationMetrics().get("medianCellDiameter");
        assertTrue(diameter > 6 && diameter < 16, "discs of radius 4 to 7: " + diameter);
        assertEquals(15 / diameter, card.validationMetrics().get("receptiveFieldPerCellDiameter"), 1e-9);
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("receptive field")),
                "a 15 px receptive field suits these discs: " + result.warnings());
        assertEquals(card.quality().warnings(), result.warnings());
        assertEquals("sha-xyz", card.trainingSets().get(0).contentHash());
        assertEquals("CC-BY-4.0", card.licence());
        for (int m = 0; m < 2; m++) {
            ModelMetadata metadata = ModelMetadata.read(result.members().get(m));
            assertEquals(card.classes(), metadata.classes());
            assertEquals(card.channels(), metadata.channels());
            assertEquals(card.receptiveField(), metadata.receptiveField());
            assertEquals(card.net(), metadata.net());
            assertEquals(m, ((Number) metadata.provenance().get("member")).intValue());
            assertEquals(10 + m, ((Number) metadata.provenance().get("seed")).intValue());
            assertEquals("job-9", metadata.provenance().get("jobId"));
        }
        ObjectMapper json = new ObjectMapper();
        ModelCard read = json.readValue(json.writeValueAsBytes(card), ModelCard.class);
        assertEquals(card.net(), read.net());
        assertEquals(card.trainingCurves(), read.trainingCurves());
        assertEquals(card.classes(), read.classes());
        assertEquals(card.recommendedPostProcessing(), read.recommendedPostProcessing());
        Double cells = card.validationMetrics().get("validationReferenceCells");
        if (cells == null || cells < PostProcessingSelection.MIN_CELLS) {
            assertNull(card.recommendedPostProcessing(), "too few held-out cells to recommend anything: " + cells);
        } else {
            assertNotNull(card.recommendedPostProcessing());
        }
    }

    @Test
    void flagsAnEnsembleThatLearntNothingAsNotRecommended() throws Exception {
        // Labels drawn at random, independent of the image: no net can beat chance on held-out pixels.
        java.util.Random random = new java.util.Random(3);
        List<org.labscale.training.data.TrainingImage> noise = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            float[] pixels = new float[32 * 32];
            byte[] classes = new byte[32 * 32];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = (float) random.nextGaussian();
                classes[j] = (byte) random.nextInt(3);
            }
            noise.add(new org.labscale.training.data.TrainingImage(UUID.randomUUID().toString(), 32, 32,
                    new float[][] {pixels}, classes));
        }
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "noise", null,
                TestPayloads.TINY, null, null, null, null, null, 300, 1, 32, null, null, 0.5, 2, 1L, null, null)
                .withDefaults();
        EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance("job-n", List.of(), "x"),
                Device.cpu()).train(p, noise, List.of(), ProgressListener.NONE, () -> false);

        org.labscale.shared.model.TrainingQuality quality = result.card().quality();
        assertNotNull(quality);
        assertEquals(Math.log(3), quality.chanceLoss(), 1e-9);
        assertEquals(2, quality.members().size());
        assertTrue(quality.members().stream().noneMatch(m -> "learnt".equals(m.verdict())), quality.toString());
        assertEquals(false, quality.recommended());
        assertTrue(quality.warnings().stream().anyMatch(w -> w.contains("not recommended")), quality.warnings()
                .toString());
        assertEquals(1, quality.validationImageIds().size(), "one of the two images held out whole");
        assertEquals(1, quality.trainingImages());
        assertEquals(result.members().size(), result.card().ensembleSize());
    }
}
