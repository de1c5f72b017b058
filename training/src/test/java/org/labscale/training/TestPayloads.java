package org.labscale.training;

import java.util.List;
import java.util.UUID;

import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingPayload.Augmentation;
import org.labscale.shared.job.TrainingPayload.OptimizerSpec;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

/** Small payloads that train in seconds on two cores. */
final class TestPayloads {

    /** 15x15 receptive field: conv 8 4x4, pool, conv 16 3x3, pool, dense 32 (bn everywhere). */
    static final NetSpec TINY = new NetSpec("tiny", 15, List.of(new LayerSpec.Conv(8, 4, true),
            new LayerSpec.MaxPool(), new LayerSpec.Conv(16, 3, true), new LayerSpec.MaxPool(),
            new LayerSpec.Dense(32, true)));

    private TestPayloads() {
    }

    static TrainingPayload tiny(int patchesPerEpoch, int epochs, OptimizerSpec optimizer, long seed) {
        return new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "discs", null, TINY,
                List.of("nuclear"), null, null, new Augmentation(true, true), true, patchesPerEpoch, epochs, 32,
                optimizer, 1e-6, 0.2, 1, seed, null, null).withDefaults();
    }
}
