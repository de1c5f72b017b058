package org.labscale.worker.handler;

/**
 * A handler's deliberate failure, reported to the API as is ({@code FailRequest}): a retryable failure is tried again
 * (on this or another worker) while attempts remain.
 */
public class JobFailedException extends Exception {

    private final String code;
    private final boolean retryable;

    /**
     * @param code      machine-readable, e.g. {@code training.diverged}
     * @param message   a sentence for people
     * @param retryable whether another attempt may succeed
     */
    public JobFailedException(String code, String message, boolean retryable) {
        super(message);
        if (code == null || code.isBlank() || code.length() > 100) {
            throw new IllegalArgumentException("A failure code must have 1 to 100 characters, not '" + code + "'");
        }
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
