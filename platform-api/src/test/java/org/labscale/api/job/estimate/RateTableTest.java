package org.labscale.api.job.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.WorkerDevice;

class RateTableTest {

    private static TrainingPayload payload(int patchesPerEpoch, int epochs, int members) {
        return new TrainingPayload(List.of(), null, "nuclear-net-fast", null, null, null, null, null, null,
                patchesPerEpoch, epochs, null, null, null, null, members, null, null, null).withDefaults();
    }

    @Test
    void shouldAddStartMembersTheirValidationAndTheSelectionToTheFixedPart() {
        // 2,000 patches per epoch over 3 classes: 100 validation patches per class (the floor), 300 forward passes
        // per epoch, worth 100 training patches: 1 s per epoch at 100 patches/s.
        double perMember = RateTable.MEMBER_SECONDS + 2 * 1.0;
        assertEquals(RateTable.START_SECONDS + 2 * perMember + RateTable.SELECTION_SECONDS,
                RateTable.fixedSeconds(payload(2_000, 2, 2), 100, true), 1e-9);
        assertEquals(RateTable.START_SECONDS + 2 * perMember, RateTable.fixedSeconds(payload(2_000, 2, 2), 100, false),
                1e-9, "no selection without whole held-out images");
        assertEquals(RateTable.START_SECONDS + 2 * perMember + 4 * RateTable.SELECTION_SECONDS,
                RateTable.fixedSeconds(payload(2_000, 2, 2), 100, true, 4), 1e-9,
                "held-out images enlarged 2x: the selection segments 4x their pixels");
        // 60,000 patches per epoch: 1,000 per class (the ceiling), worth 1,000 training patches: 10 s per epoch.
        assertEquals(RateTable.START_SECONDS + 3 * (RateTable.MEMBER_SECONDS + 4 * 10.0),
                RateTable.fixedSeconds(payload(60_000, 4, 3), 100, false), 1e-9);
    }

    @Test
    void shouldKnowTheCpuDefaultPresetAndScaleItForAGpu() {
        double cpu = RateTable.rate("nuclear-net-fast", "patch", WorkerDevice.CPU).orElseThrow();
        assertTrue(cpu > 0);
        assertTrue(RateTable.rate("nuclear-net-fast", "patch", WorkerDevice.CUDA).orElseThrow() > cpu);
        assertEquals(cpu, RateTable.rate("nuclear-net-fast", "dense", WorkerDevice.CPU).orElseThrow(),
                "dense falls back on the patch figure");
        assertTrue(RateTable.rate("cytoplasm-net-fast", "dense", WorkerDevice.CPU).orElseThrow()
                > 10 * RateTable.rate("cytoplasm-net-fast", "patch", WorkerDevice.CPU).orElseThrow(),
                "cytoplasm-net-fast has a dense figure of its own");
        assertTrue(RateTable.rate("no-such-net", "patch", WorkerDevice.CPU).isEmpty());
    }
}
