package org.labscale.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRatesTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheStepsRateAndTheFixedPartApartAcrossRestartsAveragingNewOnes() {
        Path file = dir.resolve("training-rates-CPU.properties");
        TrainingRates rates = new TrainingRates(file);
        rates.record("nuclear-net-fast/patch", 12_000, 20, 55); // 600 patches/s in the steps, 35 s beside them
        assertEquals(new TrainingRates.Measured(Map.of("nuclear-net-fast/patch", 600.0),
                Map.of("nuclear-net-fast/patch", 35.0)), rates.snapshot());
        assertEquals(1, rates.version());
        rates.record("nuclear-net-fast/patch", 24_000, 20, 45); // 1,200 patches/s, 25 s
        assertEquals(new TrainingRates.Measured(Map.of("nuclear-net-fast/patch", 900.0),
                Map.of("nuclear-net-fast/patch", 30.0)), rates.snapshot(), "half the old, half the new");
        assertEquals(rates.snapshot(), new TrainingRates(file).snapshot());
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
