package org.labscale.launcher.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * How the platform restarts a process that exited on its own: after {@code firstDelay}, doubled for each further crash
 * in a row up to {@code maxDelay}; a process that ran at least {@code stableAfter} starts a new row. The apps are
 * restarted for as long as the platform runs; PostgreSQL and S3Proxy, which everything else needs, at most
 * {@code infraRestarts} times in a row, after which the platform gives up and stops.
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, Duration stableAfter, int infraRestarts) {

    /** 1 s, 2 s, 4 s ... up to a minute; a row ends after two minutes up; PostgreSQL and S3Proxy get 3 tries. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofMinutes(2), 3);

    public RestartPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("Restart delays must satisfy 0 <= first (" + firstDelay
                    + ") <= max (" + maxDelay + ")");
        }
        if (infraRestarts < 0) {
            throw new IllegalArgumentException("infraRestarts must be >= 0, not " + infraRestarts);
        }
    }

    /** The wait before the {@code crashesInARow}-th restart (1 = the first). */
    public Duration delay(int crashesInARow) {
        Duration d = firstDelay;
        for (int i = 1; i < crashesInARow && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
