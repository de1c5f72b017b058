package org.labscale.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRatesTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheStepsRateAndTheFixedPartApartAcrossRestartsWeightingTheNewestMost() {
        Path file = dir.resolve("training-rates-CPU.properties");
        TrainingRates rates = new TrainingRates(file);
        rates.record("nuclear-net-fast/patch", 12_000, 20, 55); // 600 patches/s in the steps, 35 s beside them
        assertEquals(new TrainingRates.Measured(Map.of("nuclear-net-fast/patch", 600.0),
                Map.of("nuclear-net-fast/patch", 35.0)), rates.snapshot());
        assertEquals(1, rates.version());
        rates.record("nuclear-net-fast/patch", 24_000, 20, 45); // 1,200 patches/s, 25 s
        assertEquals(1_050.0, rates.snapshot().patchesPerSecond().get("nuclear-net-fast/patch"), 1e-9,
                "three quarters the new, a quarter the old");
        assertEquals(27.5, rates.snapshot().fixedSeconds().get("nuclear-net-fast/patch"), 1e-9);
        assertEquals(2, rates.version());
        assertEquals(rates.snapshot(), new TrainingRates(file).snapshot());
    }

    @Test
    void followsANodeWhoseSpeedChangedWithinTwoJobs() {
        TrainingRates rates = new TrainingRates((Path) null);
        for (int i = 0; i < 5; i++) {
            rates.record("nuclear-net-fast/patch", 4_000, 20, 30); // 200 patches/s on a busy node
        }
        rates.record("nuclear-net-fast/patch", 16_000, 20, 30); // the load went: 800 patches/s
        rates.record("nuclear-net-fast/patch", 16_000, 20, 30);
        double kept = rates.snapshot().patchesPerSecond().get("nuclear-net-fast/patch");
        assertEquals(762.5, kept, 1e-9); // 800 - 600 / 16
        assertTrue(kept > 800 / 2.0, "within a factor of two of the new speed after two jobs: " + kept);
        rates.record("nuclear-net-fast/patch", 4_000, 20, 30); // one busy job again
        assertEquals(340.6, rates.snapshot().patchesPerSecond().get("nuclear-net-fast/patch"), 0.1);
    }

    @Test
    void ignoresJobsTooShortToMeasureOrWithoutTimedSteps() {
        TrainingRates rates = new TrainingRates((Path) null);
        rates.record("tiny/patch", 600, 1, 2);
        rates.record("one-step/patch", 600, 0, 30);
        assertEquals(new TrainingRates.Measured(Map.of(), Map.of()), rates.snapshot());
        assertEquals(0, rates.version());
    }

    @Test
    void dropsARateMeasuredOverWholeJobsByAnOlderVersion() throws Exception {
        Path file = dir.resolve("training-rates-CPU.properties");
        Files.writeString(file, "nuclear-net-fast/patch=161.0\nnuclear-net/patch=20.0\n"
                + "nuclear-net/patch.fixedSeconds=40.0\n");
        assertEquals(new TrainingRates.Measured(Map.of("nuclear-net/patch", 20.0), Map.of("nuclear-net/patch", 40.0)),
                new TrainingRates(file).snapshot());
    }
}
