package org.labscale.api.account.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.config.LabscaleConfig.Auth.Throttle;

/**
 * Slows down password guessing. Failed sign-ins are counted per e-mail address (known or not, so the answer tells
 * nothing about which accounts exist) and per client address; past a number of free failures each further failure
 * makes the next attempt of that key wait, twice as long each time ({@code first-delay}, doubling, at most
 * {@code max-delay}). An attempt during a wait gets 429 with {@code Retry-After} and costs no bcrypt, so guessing
 * is no CPU lever either. A success clears its e-mail's count (not its address's: one valid account must not
 * reset the count of guesses against others); counts are forgotten {@code forget-after} the last failure.
 *
 * <p>Counts are kept in this API process's memory (bounded: idle keys are dropped when it fills up); several API
 * processes each count on their own, which multiplies an attacker's rate by their number at most.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_KEYS = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    /** Failures of one key: how many, when the last was, and until when the next attempt must wait. */
    record Failures(int count, Instant last, Instant waitUntil) {
    }

    /** Throws 429 while the e-mail or the client address must wait. */
    public void checkAllowed(String email, String address) {
        Instant now = clock.instant();
        Instant until = later(waitUntil(accountKey(email), now), waitUntil(addressKey(address), now));
        if (until != null) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds()
                    + (Duration.between(now, until).toNanosPart() > 0 ? 1 : 0));
            throw new ApiException(429, "auth.too-many-attempts", "Too many failed sign-ins; try again in " + seconds
                    + " s.", Map.of("retryAfterSeconds", seconds));
        }
    }

    /** Counts a failed sign-in against the e-mail and the client address. */
    public void failed(String email, String address) {
        Throttle t = config.auth().throttle();
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            forgetIdle(now);
        }
        failures.compute(accountKey(email), (k, f) -> next(f, now, t.accountFreeFailures(), t));
        failures.compute(addressKey(address), (k, f) -> next(f, now, t.addressFreeFailures(), t));
    }

    /** A successful sign-in clears the e-mail's failures. */
    public void succeeded(String email) {
        failures.remove(accountKey(email));
    }

    /** Forgets every count, as a restart does. */
    public void forgetAll() {
        failures.clear();
    }

    private Failures next(Failures previous, Instant now, int free, Throttle t) {
        int count = previous == null || forgotten(previous, now) ? 1 : previous.count() + 1;
        Instant waitUntil = null;
        if (count > free) {
            int doublings = Math.min(count - free - 1, 30);
            Duration delay = t.firstDelay().multipliedBy(1L << doublings);
            waitUntil = now.plus(delay.compareTo(t.maxDelay()) > 0 ? t.maxDelay() : delay);
        }
        return new Failures(count, now, waitUntil);
    }

    private Instant waitUntil(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null || forgotten(f, now)) {
            return null;
        }
        return f.waitUntil() != null && f.waitUntil().isAfter(now) ? f.waitUntil() : null;
    }

    private boolean forgotten(Failures f, Instant now) {
        return f.last().plus(config.auth().throttle().forgetAfter()).isBefore(now);
    }

    private void forgetIdle(Instant now) {
        failures.values().removeIf(f -> forgotten(f, now));
        if (failures.size() >= MAX_KEYS) {
            // Still full of recent failures (a spray from many addresses): keep the waits, drop the rest.
            failures.values().removeIf(f -> f.waitUntil() == null || !f.waitUntil().isAfter(now));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String accountKey(String email) {
        return "e:" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
