package org.labscale.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRatesTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheMeasuredRatesAcrossRestartsAveragingNewOnes() {
        Path file = dir.resolve("training-rates-CPU.properties");
        TrainingRates rates = new TrainingRates(file);
        rates.record("nuclear-net-fast/patch", 12_000, 60);
        assertEquals(Map.of("nuclear-net-fast/patch", 200.0), rates.snapshot());
        assertEquals(1, rates.version());
        rates.record("nuclear-net-fast/patch", 24_000, 60);
        assertEquals(300.0, rates.snapshot().get("nuclear-net-fast/patch"), 1e-9, "half the old, half the new");
        assertEquals(Map.of("nuclear-net-fast/patch", 300.0), new TrainingRates(file).snapshot());
    }

    @Test
    void ignoresTrainingsTooShortToMeasure() {
        TrainingRates rates = new TrainingRates((Path) null);
        rates.record("tiny/patch", 600, 2);
        assertEquals(Map.of(), rates.snapshot());
        assertEquals(0, rates.version());
    }
}
