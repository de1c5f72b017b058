package org.labscale.training.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.MemberTrainer;
import org.labscale.training.ProgressListener;
import org.labscale.training.SyntheticDiscs;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.export.TrainingProvenance;

import ai.djl.Device;

/**
 * The card's per-cell scores come from the trained ensemble's own segmentation of the held-out image: they are there,
 * they are what {@link SegmentationValidation} computes from those members on that image with the card's recommended
 * post-processing (and with the defaults for the {@code defaultPostProcessing...} metrics), the recommendation is the
 * selection's choice on that image, and the scores collapse when the reference cells are moved away from where the
 * nets see cells.
 */
class SegmentationValidationTest {

    private static final NetSpec TINY = new NetSpec("tiny", 15, List.of(new LayerSpec.Conv(8, 4, true),
            new LayerSpec.MaxPool(), new LayerSpec.Conv(16, 3, true), new LayerSpec.MaxPool(),
            new LayerSpec.Dense(32, true)));

    @Test
    void theCardScoresTheEnsemblesSegmentationOfTheHeldOutImage() throws Exception {
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "discs", null,
                TINY, null, null, null, null, null, 3000, 2, 32, null, null, 0.3, 2, 5L, null, null).withDefaults();
        List<TrainingImage> images = SyntheticDiscs.trainingImages(3, 96, 15, 15, 40);
        EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(null, List.of(), "test"),
                Device.cpu()).train(p, images, List.of(), ProgressListener.NONE, () -> false);

        Map<String, Double> metrics = result.card().validationMetrics();
        assertEquals(1.0, metrics.get("validationImages"));
        double jaccard = metrics.get("meanPerCellJaccard");
        assertTrue(jaccard > 0.3 && jaccard <= 1, "a trained net segments the discs: " + metrics);
        assertTrue(metrics.get("meanPerCellDice") >= jaccard, "Dice >= Jaccard: " + metrics);
        assertTrue(metrics.get("validationSegmentedCells") > 0, metrics.toString());

        PixelSplit split = MemberTrainer.split(p, images);
        List<TrainingImage> heldOut = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (split.heldOut(i)) {
                heldOut.add(images.get(i));
            }
        }
        assertEquals(1, heldOut.size());
        SegmentationValidation validation = new SegmentationValidation(1);
        assertTrue(metrics.get("validationReferenceCells") >= PostProcessingSelection.MIN_CELLS, metrics.toString());
        PostProcessing recommended = result.card().recommendedPostProcessing();
        PostProcessingSelection tried = new PostProcessingSelection(CellAreas.of(images));
        assertTrue(tried.settings().contains(recommended), "one of the settings tried: " + recommended);
        ImageScores again = validation.score(result.members(), heldOut, recommended).orElseThrow();
        assertEquals(jaccard, again.meanJaccard(), 1e-9);
        assertEquals(metrics.get("validationObjectF1"), again.f1(), 1e-9);
        assertEquals(metrics.get("validationReferenceCells"), again.referenceCells());
        ImageScores defaults = validation.score(result.members(), heldOut, PostProcessing.defaults()).orElseThrow();
        assertEquals(metrics.get("defaultPostProcessingJaccard"), defaults.meanJaccard(), 1e-9);
        assertEquals(metrics.get("defaultPostProcessingObjectF1"), defaults.f1(), 1e-9);
        assertEquals(tried.settings().size(), metrics.get("postProcessingSettingsTried"));
        assertTrue(recommended.equals(PostProcessing.defaults())
                || jaccard >= defaults.meanJaccard() + PostProcessingSelection.MIN_GAIN
                || again.f1() >= defaults.f1() + PostProcessingSelection.MIN_F1_GAIN, metrics.toString());
        PostProcessingSelection.Selection selection = validation.select(result.members(), heldOut, tried)
                .orElseThrow();
        assertEquals(recommended, selection.recommended().settings(), "the same choice again: " + selection.reason());

        TrainingImage image = heldOut.get(0);
        byte[] moved = new byte[image.classes().length];
        int shift = 48;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                moved[y * image.width() + (x + shift) % image.width()] = image.classes()[y * image.width() + x];
            }
        }
        TrainingImage wrongReference = new TrainingImage(image.name(), image.width(), image.height(),
                image.channels(), moved);
        double elsewhere = validation.score(result.members(), List.of(wrongReference), recommended).orElseThrow()
                .meanJaccard();
        assertTrue(elsewhere < jaccard / 2, "cells moved away from the predictions score " + elsewhere
                + ", in place " + jaccard);
    }
}
