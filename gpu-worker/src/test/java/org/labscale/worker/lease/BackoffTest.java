package org.labscale.worker.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleTheCeilingUpToTheMaximumAndStayWithinTheJitterBounds() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(42));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (long ceiling : ceilings) {
            long delay = backoff.nextDelay().toMillis();
            assertTrue(delay >= ceiling / 2 && delay <= ceiling,
                    "failure " + backoff.failures() + ": " + delay + " ms not in [" + ceiling / 2 + ", " + ceiling + "]");
        }
        assertEquals(ceilings.length, backoff.failures());
    }

    @Test
    void shouldSpreadTheDelaysOfManyWorkers() {
        Set<Long> delays = new HashSet<>();
        Random random = new Random(7);
        for (int worker = 0; worker < 50; worker++) {
            Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), random);
            b.nextDelay();
            b.nextDelay();
            delays.add(b.nextDelay().toMillis()); // third failure: ceiling 4 s
        }
        assertTrue(delays.size() > 40, "50 workers should not reconnect in lock-step: " + delays.size() + " distinct");
        assertTrue(delays.stream().allMatch(d -> d >= 2000 && d <= 4000), delays.toString());
    }

    @Test
    void shouldStartOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(1));
        for (int i = 0; i < 6; i++) {
            backoff.nextDelay();
        }
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertTrue(backoff.nextDelay().toMillis() <= 100);
    }

    @Test
    void shouldNotOverflowAfterManyFailures() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5), new Random(3));
        for (int i = 0; i < 1000; i++) {
            long d = backoff.nextDelay().toMillis();
            assertTrue(d >= 0 && d <= Duration.ofMinutes(5).toMillis(), "delay " + d + " at failure " + (i + 1));
        }
    }

    @Test
    void shouldRefuseNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}
