package org.labscale.shared.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.TrainingPayload.OptimizerSpec;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.Normalization;

class TrainingPayloadTest {

    private static final List<TrainingSetRef> SETS = List.of(new TrainingSetRef(UUID.randomUUID(), 1));

    private static TrainingPayload only(List<TrainingSetRef> sets) {
        return new TrainingPayload(sets, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void cpuDefaultsTrainTheFastNetOnAFewMinutesBudgetAndKeepWhatThePayloadGives() {
        TrainingPayload p = only(SETS).withCpuDefaults();
        assertEquals("nuclear-net-fast", p.preset());
        assertEquals(10_000, p.patchesPerEpoch());
        assertEquals(4, p.epochs());
        assertEquals(3, p.ensembleSize());
        assertEquals(List.of(), p.problems());
        assertEquals(p, p.withDefaults());
        TrainingPayload given = new TrainingPayload(SETS, null, "nuclear-net", null, null, null, null, null, null,
                50_000, 7, null, null, null, null, 2, null, null, null).withCpuDefaults();
        assertEquals("nuclear-net", given.preset());
        assertEquals(50_000, given.patchesPerEpoch());
        assertEquals(7, given.epochs());
        assertEquals(2, given.ensembleSize());
    }

    @Test
    void validationImageIdsMustBeDistinctAndNotEmpty() {
        UUID a = UUID.randomUUID();
        assertEquals(List.of(), only(SETS).withValidationImageIds(List.of(a)).withDefaults().problems());
        assertEquals(List.of("validationImageIds[1] is a duplicate."),
                only(SETS).withValidationImageIds(List.of(a, a)).withDefaults().problems());
        assertTrue(only(SETS).withValidationImageIds(List.of()).withDefaults().problems().get(0)
                .startsWith("validationImageIds must name at least one image"));
    }

    @Test
    void defaultsAreThePapersAndIdempotent() {
        TrainingPayload p = only(SETS).withDefaults();
        assertEquals("nuclear-net", p.preset());
        assertEquals("nuclear-net", p.modelName());
        assertEquals(61, p.resolvedNet().receptiveField());
        assertEquals(List.of("nuclear"), p.channels());
        assertEquals(3, p.classes().size());
        assertEquals(61, p.normalization().window());
        assertEquals(OptimizerSpec.Type.RMSPROP, p.optimizer().type());
        assertEquals(1e-3, p.optimizer().learningRate());
        assertEquals(1e-6, p.l2());
        assertEquals(0.1, p.validationFraction());
        assertEquals(5, p.ensembleSize());
        assertTrue(p.balanceClasses());
        assertTrue(p.augmentation().rotations() && p.augmentation().reflections());
        assertEquals("patch", p.sampling());
        assertEquals(List.of(), p.problems());
        assertEquals(p, p.withDefaults());
    }

    @Test
    void semanticNetsNormaliseThePapersWayUnlessTheJobSaysOtherwise() {
        assertEquals(Normalization.ROBUST_LOCAL_MEAN, only(SETS).withDefaults().normalization().method());
        for (String preset : List.of("semantic-net", "semantic-net-fast")) {
            TrainingPayload p = withPreset(preset, null).withDefaults();
            assertEquals(new Normalization(Normalization.MEDIAN_LOCAL_MEAN, 61), p.normalization(), preset);
            assertEquals(p, p.withDefaults());
            assertEquals(new Normalization(Normalization.ROBUST_LOCAL_MEAN, 31), withPreset(preset,
                    new Normalization(Normalization.ROBUST_LOCAL_MEAN, 31)).withDefaults().normalization());
            assertEquals(new Normalization(Normalization.MEDIAN_LOCAL_MEAN, 41), withPreset(preset,
                    new Normalization(null, 41)).withDefaults().normalization());
        }
        assertEquals(Normalization.ROBUST_LOCAL_MEAN, withPreset("cytoplasm-net-fast", null).withDefaults()
                .normalization().method());
    }

    @Test
    void contextMixingIsThePresetsUnlessGivenNoneWithDenseSamplingAndAFraction() {
        assertEquals(0.0, only(SETS).withDefaults().augmentation().contextMixing());
        assertEquals(0.0, withPreset("cytoplasm-net-fast", null).withDefaults().augmentation().contextMixing());
        for (String preset : List.of("semantic-net", "semantic-net-fast")) {
            TrainingPayload p = withPreset(preset, null).withDefaults();
            assertEquals(NetPresets.find(preset).orElseThrow().contextMixing(), p.augmentation().contextMixing());
            assertEquals(p, p.withDefaults());
            assertEquals(0.0, withPreset(preset, null).withSampling("dense").withDefaults().augmentation()
                    .contextMixing(), "dense sampling does not mix");
            TrainingPayload given = withAugmentation(preset, new TrainingPayload.Augmentation(false, null, 0.25));
            assertEquals(new TrainingPayload.Augmentation(false, true, 0.25), given.augmentation());
            assertEquals(List.of(), given.problems());
        }
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            List<String> problems = withAugmentation("semantic-net", new TrainingPayload.Augmentation(null, null, bad))
                    .problems();
            assertEquals(List.of("augmentation.contextMixing must be between 0 and 1 (the fraction of patches mixed),"
                    + " not " + bad + "."), problems);
        }
        List<String> dense = withAugmentation("semantic-net", new TrainingPayload.Augmentation(null, null, 0.5))
                .withSampling("dense").withDefaults().problems();
        assertEquals(1, dense.size(), dense.toString());
        assertTrue(dense.get(0).startsWith("augmentation.contextMixing works with patch sampling only"), dense.get(0));
    }

    private static TrainingPayload withAugmentation(String preset, TrainingPayload.Augmentation augmentation) {
        return new TrainingPayload(SETS, null, preset, null, null, null, null, augmentation, null, null, null, null,
                null, null, null, null, null, null, null).withDefaults();
    }

    private static TrainingPayload withPreset(String preset, Normalization normalization) {
        return new TrainingPayload(SETS, null, preset, null, null, null, normalization, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    @Test
    void pixelSizeIsKeptByTheDefaultsAndMustBePositiveAndBelowAMillimetre() {
        TrainingPayload p = only(SETS).withPixelSizeUm(0.065).withDefaults();
        assertEquals(0.065, p.pixelSizeUm());
        assertEquals(List.of(), p.problems());
        assertEquals(0.065, p.withCpuDefaults().withSampling("dense").withValidationImageIds(List.of(UUID.randomUUID()))
                .pixelSizeUm());
        for (double bad : new double[] {0, -0.1, 1001, Double.NaN}) {
            List<String> problems = only(SETS).withPixelSizeUm(bad).withDefaults().problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("pixelSizeUm must be greater than 0"), problems.get(0));
        }
    }

    @Test
    void samplingIsPatchOrDense() {
        TrainingPayload p = only(SETS).withSampling("dense").withDefaults();
        assertTrue(p.denseSampling());
        assertEquals(List.of(), p.problems());
        List<String> problems = only(SETS).withSampling("pixels").withDefaults().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("sampling must be \"patch\""), problems.get(0));
        assertTrue(problems.get(0).endsWith("not \"pixels\"."), problems.get(0));
    }

    @Test
    void bacteriaNetSamplesDenselyInBatchesOf1024UnlessTheJobSaysOtherwiseAndDenseJobsGet1024() {
        TrainingPayload bacteria = preset("bacteria-net", null, null).withDefaults();
        assertEquals("dense", bacteria.sampling());
        assertEquals(1024, bacteria.batchSize());
        assertEquals(List.of(), bacteria.problems());
        assertEquals(bacteria, bacteria.withDefaults());
        TrainingPayload patch = preset("bacteria-net", null, "patch").withDefaults();
        assertEquals("patch", patch.sampling());
        assertEquals(64, patch.batchSize(), "another sampling than the preset's takes the patch batch");
        TrainingPayload ownBatch = preset("bacteria-net", 256, null).withDefaults();
        assertEquals("dense", ownBatch.sampling());
        assertEquals(256, ownBatch.batchSize());
        TrainingPayload fast = preset("bacteria-net-fast", null, null).withDefaults();
        assertEquals("patch", fast.sampling());
        assertEquals(64, fast.batchSize());
        TrainingPayload nuclear = preset("nuclear-net", null, "dense").withDefaults();
        assertEquals(1024, nuclear.batchSize(), "another sampling than the preset's takes that sampling's batch");
        TrainingPayload cytoplasm = preset("cytoplasm-net-fast", null, "dense").withDefaults();
        assertEquals(1024, cytoplasm.batchSize());
        assertEquals(64, preset("cytoplasm-net-fast", null, null).withDefaults().batchSize());
    }

    private static TrainingPayload preset(String name, Integer batch, String sampling) {
        return new TrainingPayload(SETS, null, name, null, null, null, null, null, null, null, null, batch, null, null,
                null, null, null, null, null, sampling);
    }

    @Test
    void aPresetBringsItsChannelsAndClasses() {
        TrainingPayload p = new TrainingPayload(SETS, null, "semantic-net-fast", null, null, null, null, null, null,
                null, null, null, new OptimizerSpec(OptimizerSpec.Type.SGD, null, null, null, null), null, null,
                null, null, null, null).withDefaults();
        assertEquals(List.of("phase", "nuclear"), p.channels());
        assertEquals(4, p.classes().size());
        assertEquals(0.9, p.optimizer().momentum());
        assertEquals(1e-2, p.optimizer().learningRate());
        assertEquals(List.of(), p.problems());
    }

    @Test
    void aLabNamesItsOwnCellTypesAndThePresetFixesOnlyTheirNumber() {
        List<String> lab = List.of("background", "boundary", "interior:HeLa", "interior:U2OS");
        TrainingPayload p = new TrainingPayload(SETS, null, "semantic-net", null, null, lab, null, null, null, null,
                null, null, null, null, null, null, null, null, null).withDefaults();
        assertEquals(lab, p.classes());
        assertEquals(List.of(), p.problems());
        TrainingPayload placeholders = preset("semantic-net", null, null).withDefaults();
        assertEquals(List.of("background", "boundary", "interior:type-1", "interior:type-2"),
                placeholders.classes());
        List<String> three = new TrainingPayload(SETS, null, "semantic-net", null, null,
                List.of("background", "boundary", "interior:HeLa"), null, null, null, null, null, null, null, null,
                null, null, null, null, null).withDefaults().problems();
        assertTrue(three.stream().anyMatch(m -> m.startsWith("The preset semantic-net predicts 4 classes")), three
                .toString());
    }

    @Test
    void cellTypesMustBeNamedAsInteriorClasses() {
        List<String> problems = new TrainingPayload(SETS, null, "semantic-net", null, null,
                List.of("background", "boundary", "HeLa", "interior:"), null, null, null, null, null, null, null,
                null, null, null, null, null, null).withDefaults().problems();
        assertEquals(List.of("classes[2] must be an interior class: \"interior\" when there is one, else"
                + " \"interior:<cell type>\" each (e.g. \"interior:HeLa\"), not \"HeLa\".",
                "classes[3] must be an interior class: \"interior\" when there is one, else"
                + " \"interior:<cell type>\" each, not \"interior:\"."), problems);
    }

    @Test
    void namesEveryProblem() {
        TrainingPayload p = new TrainingPayload(List.of(), "", "nuclear-net", null, List.of("nuclear", "nuclear"),
                List.of("background", "cell"), null, null, null, 10, 0, 64, null, -1.0, 0.9, 0, 1L, null, null)
                .withDefaults();
        List<String> problems = p.problems();
        assertTrue(problems.contains("trainingSets must name 1 to 20 training-set versions, not 0."), problems.toString());
        assertTrue(problems.contains("modelName must be 1 to 100 characters."));
        assertTrue(problems.contains("channels[1] repeats \"nuclear\"."));
        assertTrue(problems.contains("classes must list 3 to 16 names, not 2."));
        assertTrue(problems.contains("patchesPerEpoch must be between 100 and 10000000, not 10."));
        assertTrue(problems.contains("epochs must be between 1 and 1000, not 0."));
        assertTrue(problems.contains("l2 must be between 0 and 1, not -1.0."));
        assertTrue(problems.contains("validationFraction must be between 0.01 and 0.5, not 0.9."));
        assertTrue(problems.contains("ensembleSize must be between 1 and 20, not 0."));
    }
}
