package org.labscale.shared.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.labscale.shared.net.LayerSpec.Conv;
import org.labscale.shared.net.LayerSpec.Dense;
import org.labscale.shared.net.LayerSpec.MaxPool;

class NetSpecTest {

    @Test
    void everyPresetUsesItsWholeReceptiveField() {
        assertEquals(8, NetPresets.all().size());
        for (NetPreset preset : NetPresets.all()) {
            assertEquals(List.of(), preset.net().problems(preset.channels().size(), preset.classes().size()),
                    preset.name());
            assertTrue(NetPresets.find(preset.name() + "-fast").isPresent() || preset.name().endsWith("-fast"));
        }
    }

    @Test
    void presetsMatchThePaper() {
        NetPreset nuclear = NetPresets.find("nuclear-net").orElseThrow();
        assertEquals(61, nuclear.net().receptiveField());
        assertEquals(4, nuclear.net().denseInputSide());
        assertEquals(List.of("nuclear"), nuclear.channels());
        assertEquals(31, NetPresets.find("bacteria-net").orElseThrow().net().receptiveField());
        assertEquals(List.of("phase", "nuclear"), NetPresets.find("cytoplasm-net").orElseThrow().channels());
        NetPreset semantic = NetPresets.find("semantic-net").orElseThrow();
        assertEquals(2, semantic.channels().size());
        assertEquals(4, semantic.classes().size());
        assertTrue(NetPresets.find("no-such-net").isEmpty());
    }

    @Test
    void namesAPoolThatWouldDropPixels() {
        NetSpec net = new NetSpec("odd", 31, List.of(new Conv(8, 3, true), new MaxPool(), new Dense(10, true)));
        assertEquals(List.of("Layer 2 (max-pool) receives an odd 29x29 map, so the layers would not use the whole"
                + " 31 px receptive field; change a kernel or the receptive field."), net.problems(1, 3));
    }

    @Test
    void namesAKernelLargerThanWhatRemains() {
        NetSpec net = new NetSpec("big", 5, List.of(new Conv(8, 4, true), new Conv(8, 3, true)));
        assertEquals(List.of("Layer 2 (conv 8 3x3): its 3x3 kernel is larger than the 2x2 map it receives from a 5 px"
                + " receptive field."), net.problems(1, 3));
    }

    @Test
    void refusesEvenReceptiveFieldsBadCountsAndConvolutionsAfterDenseLayers() {
        assertTrue(new NetSpec("even", 30, List.of(new Conv(8, 3, true))).problems(1, 3).get(0)
                .contains("not 30"));
        List<String> counts = new NetSpec("n", 5, List.of(new Conv(8, 3, true))).problems(0, 1);
        assertEquals(2, counts.size());
        assertTrue(counts.get(0).contains("not 0"));
        assertTrue(counts.get(1).contains("not 1"));
        assertTrue(new NetSpec("n", 9, List.of(new Dense(4, true), new Conv(8, 3, true))).problems(1, 3).get(0)
                .contains("comes after a dense layer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetSpec("n", 9, List.of()).validate(1, 3));
        assertEquals("The net needs at least one layer.", e.getMessage());
    }
}
