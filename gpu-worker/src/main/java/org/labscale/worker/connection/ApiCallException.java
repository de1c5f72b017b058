package org.labscale.worker.connection;

/**
 * A call to the platform API (or to a presigned S3 URL) that did not succeed: either the server could not be reached
 * or answered 5xx ({@link #isTransient()}: back off and try again), or it refused the call with a 4xx and an error
 * code such as {@code lease.lost}.
 */
public class ApiCallException extends Exception {

    /** HTTP status, or 0 when no answer came (connection refused, reset, timed out). */
    private final int status;
    /** The error body's {@code code}, or null. */
    private final String code;

    public ApiCallException(String what, int status, String code, String message, Throwable cause) {
        super(what + ": " + (status == 0 ? "no answer" : "HTTP " + status) + (code == null ? "" : " " + code)
                + (message == null || message.isBlank() ? "" : " (" + message + ")"), cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Nothing answered, or the server failed, was overloaded or restarting: the same call may work later. */
    public boolean isTransient() {
        return status == 0 || status >= 500 || status == 429 || status == 408;
    }

    /** 409 {@code lease.lost}: the lease is no longer the job's current one; abandon the job. */
    public boolean isLeaseLost() {
        return status == 409 && "lease.lost".equals(code);
    }

    /** 409 {@code worker.not-registered}: register (again) first, e.g. after the platform's database was reset. */
    public boolean isNotRegistered() {
        return status == 409 && "worker.not-registered".equals(code);
    }

    /** 401 or 403: the token is unknown, revoked, or not a worker token. */
    public boolean isAuthProblem() {
        return status == 401 || status == 403;
    }
}
