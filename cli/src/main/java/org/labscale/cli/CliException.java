package org.labscale.cli;

/**
 * A command failed for a reason its user can act on. The message is printed as is (after {@code labscale-cli: }),
 * without a stack trace, and the process ends with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The command line or local input is wrong: exit 2. */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** The platform said no, or the answer means the request cannot succeed as asked: exit 1. */
    public static CliException refused(String message) {
        return new CliException(ExitCodes.REFUSED, message);
    }

    /** The platform is unreachable or broken: exit 3. */
    public static CliException unavailable(String message, Throwable cause) {
        return new CliException(ExitCodes.UNAVAILABLE, message, cause);
    }
}
