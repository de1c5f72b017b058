package org.labscale.worker.lease;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015): the n-th
 * consecutive failure waits a random time between half and all of {@code min(max, initial * 2^(n-1))}. The jitter
 * spreads the reconnects of many workers after an API restart; the lower half-bound keeps a single worker from
 * hammering a server that is still down. Not thread-safe: one per loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, not " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** Records a failure and answers how long to wait before the next try. */
    public Duration nextDelay() {
        failures++;
        long ceiling = ceilingMillis(failures);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** The upper bound of the n-th consecutive failure's delay. */
    long ceilingMillis(int n) {
        int doublings = Math.min(n - 1, 40); // 2^40 times any sane initial is past any sane max
        long ceiling = initial.toMillis() << doublings;
        return Math.min(max.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling);
    }

    /** Consecutive failures so far. */
    public int failures() {
        return failures;
    }

    /** A call worked: the next failure starts from {@code initial} again. */
    public void reset() {
        failures = 0;
    }
}
