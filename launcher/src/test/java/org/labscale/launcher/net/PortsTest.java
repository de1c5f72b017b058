package org.labscale.launcher.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void shouldHandOutDifferentFreePortsInOneCall() {
        for (int round = 0; round < 20; round++) {
            int[] ports = Ports.findFreePorts(6);
            assertEquals(6, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
            Arrays.stream(ports).forEach(p -> assertFalse(Ports.isListening(p), "released again: " + p));
        }
    }

    @Test
    void shouldNeverHandOutATakenPort() {
        int taken = Ports.findFreePort();
        for (int round = 0; round < 50; round++) {
            assertNotEquals(taken, Ports.findFreePortExcept(taken));
        }
    }
}
