package org.labscale.ui.views.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.WorkerDevice;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.ui.api.ApiErrorException;

class TrainingTextsTest {

    @Test
    void saysWhereTheTrainingIsAndHowLongItHasLeft() {
        assertEquals("Member 2 of 3, epoch 1 of 4, batch 40 of 157 \u00b7 about 6 min left",
                TrainingTexts.where(Map.of("member", 2.0, "epoch", 1.0, "batch", 40.0, "batches", 157.0,
                        "etaSeconds", 361.0), 3, 4));
        assertEquals("", TrainingTexts.where(Map.of(), 3, 4), "nothing before the first report");
        assertEquals("45 s", TrainingTexts.duration(45));
        assertEquals("2.5 h", TrainingTexts.duration(9000));
    }

    @Test
    void readsTheEstimateAsASentence() {
        JobEstimate e = new JobEstimate(60, 30, 120, 1200, 200, 54, WorkerDevice.CPU, JobEstimate.TABLE, true,
                new JobEstimate.HeldOut(List.of(UUID.randomUUID()), 2, 1, false, 30L), List.of());
        String text = TrainingTexts.estimate(e);
        assertTrue(text.startsWith("Estimated time: about 60 s (30 s to 2 min) on a CPU worker"), text);
        assertTrue(text.contains("1,200 training patches at 200 patches/s (from the documented table), plus about 54 s"
                + " to start, validate and export."), text);
        assertTrue(text.endsWith("2 image(s) to train on, 1 held out for validation."), text);
    }

    @Test
    void picksThePresetFromTheTaskAndLeavesEmptySettingsToTheApi() {
        for (TrainDialog.Task task : TrainDialog.Task.values()) {
            assertTrue(NetPresets.find(task.preset(true)).isPresent(), task.preset(true));
            assertTrue(NetPresets.find(task.preset(false)).isPresent(), task.preset(false));
        }
        UUID set = UUID.randomUUID();
        TrainingItemDto nuclear = item(Map.of("0", "nuclear"));
        TrainingSetVersionDto version = new TrainingSetVersionDto(UUID.randomUUID(), set, 2, "abc", null,
                List.of(nuclear), null, null);
        TrainDialog dialog = new TrainDialog(null, UUID.randomUUID(), new TrainingSetDto(set, UUID.randomUUID(),
                "Discs", null, null, 2, null, null, 1, "abc"), version);
        assertEquals("nuclear-net-fast", dialog.preset());
        dialog.patches.setValue(200);
        dialog.epochs.setValue(2);
        var payload = dialog.payload();
        assertEquals(200, payload.patchesPerEpoch());
        assertEquals(2, payload.epochs());
        assertEquals(null, payload.ensembleSize(), "empty: the API's default");
        assertEquals(2, payload.trainingSets().get(0).version());
        assertEquals("Discs", payload.modelName());
        assertEquals(null, payload.validationImageIds());
        assertEquals(null, payload.pixelSizeUm(), "empty: the API's default");
        dialog.pixelSize.setValue(0.13);
        assertEquals(0.13, dialog.payload().pixelSizeUm());

        dialog.task.setValue(TrainDialog.Task.CYTOPLASM);
        dialog.size.setValue(TrainDialog.FULL);
        assertEquals("cytoplasm-net", dialog.preset());
        assertTrue(dialog.presetText.getText().contains("no channel with the role(s) [phase]"),
                dialog.presetText.getText());
        assertEquals(List.of("phase"), TrainDialog.missingRoles(List.of("phase", "nuclear"), List.of(nuclear)));
        assertEquals(List.of(), TrainDialog.missingRoles(List.of("nuclear"), List.of(item(Map.of("0", "channel-0")))),
                "an unnamed single channel reads as the one role (the API's rule)");
    }

    @Test
    void showsEachOfTheApisProblemsNextToTheSettingItNames() {
        UUID set = UUID.randomUUID();
        TrainDialog dialog = new TrainDialog(null, UUID.randomUUID(), new TrainingSetDto(set, UUID.randomUUID(),
                "Discs", null, null, 1, null, null, 1, "abc"),
                new TrainingSetVersionDto(UUID.randomUUID(), set, 1, "abc", null, List.of(), null, null));
        dialog.showError(new ApiErrorException(400, "job.invalid-payload", "patchesPerEpoch must be ... epochs must"
                + " be ...", Map.of("problems", List.of("patchesPerEpoch must be between 100 and 10000000, not 50.",
                "epochs must be between 1 and 1000, not 0.", "trainingSets[0] needs a trainingSetId."))));
        assertTrue(dialog.patches.isInvalid());
        assertEquals("patchesPerEpoch must be between 100 and 10000000, not 50.", dialog.patches.getErrorMessage());
        assertEquals("epochs must be between 1 and 1000, not 0.", dialog.epochs.getErrorMessage());
        assertTrue(!dialog.members.isInvalid());
        assertEquals("trainingSets[0] needs a trainingSetId.", dialog.error.getText(), "the rest under the form");

        dialog.showError(new ApiErrorException(400, "job.invalid-payload", "Pick images of the set.",
                Map.of("field", "payload.validationImageIds")));
        assertEquals("Pick images of the set.", dialog.validation.getErrorMessage());

        dialog.showError(new ApiErrorException(400, "job.invalid-payload", "Image x cannot be brought to the"
                + " training's 0.001 um per pixel.", Map.of("field", "payload.pixelSizeUm")));
        assertEquals("Image x cannot be brought to the training's 0.001 um per pixel.",
                dialog.pixelSize.getErrorMessage());
    }

    @Test
    void explainsThePixelSizeWithTheSizesTheVersionFroze() {
        TrainingItemDto fine = sized(0.065);
        TrainingItemDto coarse = sized(0.13);
        assertTrue(TrainDialog.pixelSizeHelp(List.of(fine, coarse)).endsWith("empty: the finest of the images' pixel"
                + " sizes (here 0.065 to 0.13 \u00b5m per pixel)."), TrainDialog.pixelSizeHelp(List.of(fine,
                coarse)));
        assertTrue(TrainDialog.pixelSizeHelp(List.of(fine, item(Map.of()))).endsWith("(1 of this version's 2 images"
                + " have none, so leave it empty)."));
        assertTrue(TrainDialog.pixelSizeHelp(List.of(item(Map.of()))).endsWith("(this version's images have none,"
                + " so leave it empty)."));
    }

    private static TrainingItemDto sized(double pixelSizeUm) {
        return new TrainingItemDto(UUID.randomUUID(), "a", UUID.randomUUID(), UUID.randomUUID(), 1, null, "b",
                Map.of("0", "nuclear"), pixelSizeUm);
    }

    private static TrainingItemDto item(Map<String, String> roles) {
        return new TrainingItemDto(UUID.randomUUID(), "a", UUID.randomUUID(), UUID.randomUUID(), 1, null, "b", roles,
                null);
    }
}
