package org.labscale.shared.trainingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TrainingChannelsTest {

    @Test
    void aOneChannelNetReadsAnUnnamedSingleChannel() {
        assertEquals(List.of(0), TrainingChannels.pick(List.of("nuclear"), Map.of("0", "channel-0")));
        assertEquals(List.of(), TrainingChannels.missing(List.of("nuclear"), Map.of("0", "channel-0")));
    }

    @Test
    void rolesMatchByName() {
        assertEquals(List.of(1, 0), TrainingChannels.pick(List.of("phase", "nuclear"),
                Map.of("0", "nuclear", "1", "phase")));
    }

    @Test
    void aNamedChannelIsNeverTakenForAnotherRoleNorAnUnnamedOneForATwoChannelNet() {
        assertEquals(List.of("nuclear"), TrainingChannels.missing(List.of("nuclear"), Map.of("0", "phase")));
        assertEquals(Arrays.asList((Integer) null), TrainingChannels.pick(List.of("nuclear"),
                Map.of("0", "channel-0", "1", "channel-1")));
        assertEquals(List.of("phase", "nuclear"), TrainingChannels.missing(List.of("phase", "nuclear"),
                Map.of("0", "channel-0")));
    }

    @Test
    void theRemedyNamesTheCommandAndTheField() {
        String remedy = TrainingChannels.remedy(List.of("nuclear"), Map.of("0", "phase"), "IMG");
        assertTrue(remedy.contains("`labscale-cli training-sets freeze SET --item IMG:ANNOTATION:0=nuclear`"), remedy);
        assertTrue(remedy.contains("items[].channelRoles {\"0\": \"nuclear\"}"), remedy);
        assertTrue(remedy.contains("payload.channels"), remedy);
    }
}
