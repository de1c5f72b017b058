package org.labscale.segmentation.inference;

import org.junit.jupiter.api.Test;
import org.labscale.segmentation.SegmentationException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The worker's reading of a job's channelMap agrees with the API's submit check (roles of all the job's models). */
class ChannelMappingTest {

    private static final List<String> CYTOPLASM = List.of("phase");
    private static final List<String> NUCLEAR = List.of("dapi");
    private static final List<List<String>> BOTH = List.of(CYTOPLASM, NUCLEAR);

    @Test
    void shouldAcceptARoleOnlyTheNuclearModelReads() throws SegmentationException {
        Map<String, Integer> map = Map.of("dapi", 1);
        assertArrayEquals(new int[]{0}, ChannelMapping.indices(CYTOPLASM, BOTH, map, 2), "phase: channel 0");
        assertArrayEquals(new int[]{1}, ChannelMapping.indices(NUCLEAR, BOTH, map, 2), "dapi: mapped to 1");
    }

    @Test
    void shouldRefuseARoleNoModelOfTheJobReadsWithTheApisSentence() {
        SegmentationException both = assertThrows(SegmentationException.class,
                () -> ChannelMapping.indices(CYTOPLASM, BOTH, Map.of("dna", 1), 2));
        assertEquals(SegmentationException.CHANNELS_MISMATCH, both.code());
        assertEquals("The channelMap names the channel role \"dna\", but the models together read only"
                + " [phase, dapi].", both.getMessage());
        SegmentationException alone = assertThrows(SegmentationException.class,
                () -> ChannelMapping.indices(CYTOPLASM, Map.of("dapi", 1), 2));
        assertEquals("The channelMap names the channel role \"dapi\", but the model reads only [phase].",
                alone.getMessage());
    }

    @Test
    void shouldRefuseAChannelTheImageLacks() {
        SegmentationException e = assertThrows(SegmentationException.class,
                () -> ChannelMapping.indices(NUCLEAR, BOTH, Map.of("dapi", 2), 2));
        assertEquals(SegmentationException.CHANNELS_MISMATCH, e.code());
        assertEquals("The model reads 1 channel(s) [dapi] but the image has 2; channel 2 for 'dapi' does not exist"
                + " (channels count from 0).", e.getMessage());
    }
}
