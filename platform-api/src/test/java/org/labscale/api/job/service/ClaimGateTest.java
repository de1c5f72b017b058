package org.labscale.api.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class ClaimGateTest {

    @Test
    void shouldLetClaimsInTurnInTheOrderTheyArrived() throws Exception {
        ClaimGate gate = new ClaimGate(1);
        List<String> order = new CopyOnWriteArrayList<>();
        gate.enter();
        Thread first = claimer(gate, "first", order);
        awaitWaiting(gate, 1);
        Thread second = claimer(gate, "second", order);
        awaitWaiting(gate, 2);
        assertEquals(List.of(), order, "nobody may claim while the only turn is taken");
        gate.leave();
        first.join(5_000);
        second.join(5_000);
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void shouldAllowTwiceTheProcessorsUnlessConfigured() {
        assertEquals(4, ClaimGate.permits(0, 2));
        assertEquals(3, ClaimGate.permits(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClaimGate.permits(-1, 2));
        assertEquals("labscale.jobs.claim-concurrency must be 0 (automatic) or more, not -1.", e.getMessage());
    }

    private static Thread claimer(ClaimGate gate, String name, List<String> order) {
        Thread t = new Thread(() -> {
            gate.enter();
            try {
                order.add(name);
            } finally {
                gate.leave();
            }
        }, name);
        t.start();
        return t;
    }

    private static void awaitWaiting(ClaimGate gate, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gate.waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " waiting, not " + gate.waiting());
            }
            Thread.sleep(1);
        }
    }
}
