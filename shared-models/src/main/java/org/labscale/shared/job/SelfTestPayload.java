package org.labscale.shared.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Input of a {@link JobKind#SELF_TEST} job. A worker runs {@code steps} steps of {@code stepMillis} each; after
 * every step it heartbeats with progress {@code step/steps}, message {@code "step i of n"} and metric
 * {@code step = i}. At the end it PUTs the result object to the lease's {@code result} output URL and completes
 * with the result {@code {"checksum": checksum(seed, steps), "steps": steps}} and outputs {@code ["result"]}. The
 * result object's bytes are that same JSON. With {@code failAtStep} set it fails at that step instead (code
 * {@code self-test.requested-failure}, retryable), so retries and final failures can be exercised on purpose.
 *
 * @param steps      1 to 100,000 (default 3)
 * @param stepMillis time per step in milliseconds, 0 to 600,000 (default 100)
 * @param seed       folded into the checksum, at most 200 characters (default "")
 * @param failAtStep when set, 1 to {@code steps}: the step at which every attempt fails
 */
public record SelfTestPayload(Integer steps, Long stepMillis, String seed, Integer failAtStep) implements JobPayload {

    @Override
    public JobKind kind() {
        return JobKind.SELF_TEST;
    }

    /** This payload with its defaults filled in. */
    public SelfTestPayload withDefaults() {
        return new SelfTestPayload(steps == null ? 3 : steps, stepMillis == null ? 100L : stepMillis,
                seed == null ? "" : seed, failAtStep);
    }

    /**
     * The checksum a correct worker reports: lower-case hex SHA-256 of the UTF-8 bytes of
     * {@code "labscale-self-test/1\n" + seed + "\n" + steps}.
     */
    public static String checksum(String seed, int steps) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(("labscale-self-test/1\n" + (seed == null ? "" : seed) + "\n" + steps)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
